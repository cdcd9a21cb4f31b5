import { ConfigError } from "../../errors.js";
import type { ChannelConfig } from "../../config/settings.js";

/**
 * ShipStation carrierCode → Mirakl carrier code. Codes are operator-
 * specific (mirakl.md §4: the official example spells FedEx `FED`); an
 * operator's differences go in `channels.<id>.carrier.<carrierCode>`.
 */
export const DEFAULT_MIRAKL_CARRIERS: Readonly<Record<string, string>> = {
  ups: "UPS",
  ups_walleton: "UPS",
  fedex: "FED",
  fedex_walleton: "FED",
  stamps_com: "USPS",
  usps: "USPS",
  endicia: "USPS",
  usps_walleton: "USPS",
  dhl_express: "DHL",
  dhl_express_worldwide: "DHL",
  dpd: "DPD",
};

/**
 * Public tracking pages of carriers no operator is assumed to register:
 * OR23 takes `carrier_name` + `carrier_url` for them (mirakl.md §4).
 */
const TRACKING_PAGES: Readonly<Record<string, { name: string; url: string }>> =
  {
    canada_post: {
      name: "Canada Post",
      url: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}",
    },
    royal_mail: {
      name: "Royal Mail",
      url: "https://www.royalmail.com/track-your-item#/tracking-results/{n}",
    },
    ontrac: {
      name: "OnTrac",
      url: "https://www.ontrac.com/tracking/?number={n}",
    },
    gls: { name: "GLS", url: "https://gls-group.com/track/{n}" },
    purolator: {
      name: "Purolator",
      url: "https://www.purolator.com/en/shipping/tracker?pin={n}",
    },
  };

/** The OR23 body for one tracking number. */
export type Or23Body =
  | { carrier_code: string; tracking_number: string }
  | { carrier_name: string; carrier_url: string; tracking_number: string };

/**
 * The OR23 body: a registered carrier by its code (operator override
 * first, then the defaults), else an unregistered one by name and full
 * tracking URL. A carrier with neither is for the operator to map.
 */
export function miraklTracking(
  channel: ChannelConfig,
  carrierCode: string,
  trackingNumber: string,
): Or23Body {
  const code =
    channel.carriers[carrierCode] ?? DEFAULT_MIRAKL_CARRIERS[carrierCode];
  if (code) return { carrier_code: code, tracking_number: trackingNumber };
  const page = TRACKING_PAGES[carrierCode];
  if (page) {
    return {
      carrier_name: page.name,
      carrier_url: page.url.replace("{n}", encodeURIComponent(trackingNumber)),
      tracking_number: trackingNumber,
    };
  }
  throw new ConfigError(
    `channel ${channel.id} has no Mirakl carrier for ShipStation carrier "${carrierCode}": run \`hub config set channels.${channel.id}.carrier.${carrierCode} <Mirakl carrier code from SH21>\``,
  );
}

/** What the report shows as sent: the code, or the carrier's name. */
export function carrierSent(body: Or23Body): string {
  return "carrier_code" in body ? body.carrier_code : body.carrier_name;
}
