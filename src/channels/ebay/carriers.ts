import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError } from "../../errors.js";

/**
 * ShipStation carrierCode → eBay `shippingCarrierCode` (values from Trading
 * GeteBayDetails ShippingCarrierDetails, api-reference/ebay.md §3; the
 * ShipStation codes from shipstation.md). Case B21: the carrier comes from
 * this explicit map, never from a guess.
 */
export const DEFAULT_EBAY_CARRIERS: Readonly<Record<string, string>> = {
  stamps_com: "USPS",
  endicia: "USPS",
  usps: "USPS",
  ups: "UPS",
  ups_walleted: "UPS",
  fedex: "FedEx",
  fedex_walleted: "FedEx",
  dhl_express: "DHL",
  dhl_express_worldwide: "DHL",
  dhl_global_mail: "DHLGlobalMail",
  ontrac: "OnTrac",
  canada_post: "CanadaPost",
  royal_mail: "RoyalMail",
  australia_post: "AustraliaPost",
};

/**
 * The eBay carrier for a ShipStation carrierCode: the channel's override,
 * else the default map. ebay.md documents no catch-all carrier value, so an
 * unmapped carrier stops the push and names the setting to add (B21).
 */
export function ebayCarrier(
  channel: ChannelConfig,
  carrierCode: string,
): string {
  const code = carrierCode.trim().toLowerCase();
  const carrier = channel.carriers[code] ?? DEFAULT_EBAY_CARRIERS[code];
  if (carrier === undefined || carrier.trim() === "") {
    throw new ConfigError(
      `channel ${channel.id} has no eBay carrier for ShipStation carrier ` +
        `"${carrierCode}": run \`hub config set channels.${channel.id}.` +
        `carrier.${code} <eBay carrier code, e.g. USPS>\``,
    );
  }
  if (looksLikeTrackingNumber(carrier)) {
    throw new ConfigError(
      `channel ${channel.id} maps carrier "${carrierCode}" to "${carrier}", ` +
        "which looks like a tracking number, not an eBay carrier code: " +
        `fix channels.${channel.id}.carrier.${code}`,
    );
  }
  return carrier.trim();
}

const KNOWN_CARRIER_NAMES = new Set(
  [
    ...Object.keys(DEFAULT_EBAY_CARRIERS),
    ...Object.values(DEFAULT_EBAY_CARRIERS),
  ].map((name) => name.toUpperCase()),
);

/** A carrier value made of long digit runs is a tracking number (B21). */
export function looksLikeTrackingNumber(value: string): boolean {
  return /\d{6,}/.test(value) || value.replace(/\s/g, "").length > 25;
}

/**
 * The tracking number as eBay wants it: spaces stripped (ebay.md §3, eBay
 * cannot validate them and buyers copy them as they are).
 */
export function normalTracking(tracking: string): string {
  return tracking.replace(/\s+/g, "");
}

/**
 * Why a tracking number cannot be real, or undefined when it may be: a
 * carrier's name in the tracking field (the swapped fields of case B21),
 * or one that fails a basic pattern (length, letters and digits).
 */
export function trackingProblem(tracking: string): string | undefined {
  if (KNOWN_CARRIER_NAMES.has(tracking.toUpperCase())) {
    return "it is a carrier name";
  }
  if (!/^[A-Za-z0-9]{8,40}$/.test(tracking)) {
    return "it is not 8 to 40 letters and digits";
  }
  if (!/\d/.test(tracking)) return "it has no digit";
  return undefined;
}
