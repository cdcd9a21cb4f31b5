import { ConfigError } from "../../errors.js";
import type { ChannelConfig } from "../../config/settings.js";

/** ShipStation carrierCode → ChannelAdvisor ShippingCarrier. */
export const DEFAULT_RITHUM_CARRIERS: Readonly<Record<string, string>> = {
  ups: "UPS",
  ups_walleton: "UPS",
  fedex: "FedEx",
  fedex_walleton: "FedEx",
  stamps_com: "USPS",
  usps: "USPS",
  endicia: "USPS",
  usps_walleton: "USPS",
  dhl_express: "DHL",
  dhl_express_worldwide: "DHL",
};

/** ShipStation serviceCode → ChannelAdvisor ShippingClass. */
export const DEFAULT_RITHUM_CLASSES: Readonly<Record<string, string>> = {
  ups_ground: "Ground",
  ups_3_day_select: "3 Day Select",
  ups_2nd_day_air: "2nd Day Air",
  ups_next_day_air: "Next Day Air",
  fedex_ground: "Ground",
  fedex_home_delivery: "Home Delivery",
  fedex_2day: "2Day",
  fedex_standard_overnight: "Standard Overnight",
  fedex_priority_overnight: "Priority Overnight",
  usps_first_class_mail: "First Class",
  usps_ground_advantage: "Ground Advantage",
  usps_priority_mail: "Priority",
  usps_priority_mail_express: "Express",
  usps_parcel_select: "Parcel Select",
};

/** The carrier and class a Ship call names. */
export interface CarrierClass {
  carrier: string;
  shipClass: string;
}

/**
 * ShippingCarrier/ShippingClass must be a pair configured in the seller's
 * account, else Ship answers 400 (rithum.md §0.5), and there is no "other"
 * carrier. The operator's `channels.<id>.carrier.<code>` ("Carrier" or
 * "Carrier/Class") wins; else the defaults; else the class the marketplace
 * asked for on the order when it is for the same carrier; else a
 * ConfigError naming the setting.
 */
export function rithumCarrier(
  channel: ChannelConfig,
  carrierCode: string,
  serviceCode: string | undefined,
  requested: { carrier?: string | null; shipClass?: string | null },
): CarrierClass {
  const override = channel.carriers[carrierCode];
  const [overrideCarrier, overrideClass] = override
    ? override.split("/", 2).map((s) => s.trim())
    : [];
  const carrier = overrideCarrier || DEFAULT_RITHUM_CARRIERS[carrierCode];
  const sameAsAsked =
    carrier !== undefined &&
    requested.carrier?.toLowerCase() === carrier.toLowerCase();
  const shipClass =
    overrideClass ||
    (serviceCode ? DEFAULT_RITHUM_CLASSES[serviceCode] : undefined) ||
    (sameAsAsked ? (requested.shipClass ?? undefined) : undefined);
  if (carrier && shipClass) return { carrier, shipClass };
  throw new ConfigError(
    `channel ${channel.id} has no Rithum carrier and class for ShipStation carrier "${carrierCode}"${serviceCode ? ` service "${serviceCode}"` : ""}: run \`hub config set channels.${channel.id}.carrier.${carrierCode} "<Carrier>/<Class>"\` with a pair configured in the Rithum account`,
  );
}
