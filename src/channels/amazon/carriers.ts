/**
 * ShipStation carrierCode → Amazon carrierCode, for the carriers whose
 * Amazon code amazon.md §3a lists (USPS, UPS, FedEx, DHL, …). Operators add
 * or override entries with `channels.<id>.carrier.<carrierCode>`.
 */
export const DEFAULT_CARRIERS: Readonly<Record<string, string>> = {
  usps: "USPS",
  stamps_com: "USPS",
  endicia: "USPS",
  ups: "UPS",
  ups_walleted: "UPS",
  fedex: "FedEx",
  fedex_walleted: "FedEx",
  dhl_express: "DHL",
  dhl_express_worldwide: "DHL",
  canada_post: "Canada Post",
  royal_mail: "Royal Mail",
  dpd: "DPD",
  gls: "GLS",
  ontrac: "OnTrac",
  fastway: "Fastway",
};

/** What confirmShipment is sent for one ShipStation carrier. */
export interface AmazonCarrier {
  carrierCode: string;
  /** Only with carrierCode "Other" (amazon.md §3a). */
  carrierName?: string;
}

/**
 * The Amazon carrier for a ShipStation carrierCode: the operator's mapping,
 * else the default table, else Amazon's "Other" with the carrier's name,
 * which Amazon accepts for carriers not on its list (amazon.md §3a).
 */
export function amazonCarrier(
  shipStationCode: string,
  overrides: Readonly<Record<string, string>>,
): AmazonCarrier {
  const key = shipStationCode.trim().toLowerCase();
  const mapped =
    overrides[shipStationCode] ?? overrides[key] ?? DEFAULT_CARRIERS[key];
  if (mapped !== undefined && mapped !== "Other")
    return { carrierCode: mapped };
  return { carrierCode: "Other", carrierName: shipStationCode.trim() };
}

/** The carrier as reported back: the code, or "Other (name)". */
export function carrierLabel(carrier: AmazonCarrier): string {
  return carrier.carrierName === undefined
    ? carrier.carrierCode
    : `${carrier.carrierCode} (${carrier.carrierName})`;
}
