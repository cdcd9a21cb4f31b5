/** ISO 3166-1 alpha-2 → alpha-3, for the countries the sandbox ships to. */
const ALPHA3: Readonly<Record<string, string>> = {
  AT: "AUT",
  AU: "AUS",
  BE: "BEL",
  CA: "CAN",
  CH: "CHE",
  CZ: "CZE",
  DE: "DEU",
  DK: "DNK",
  ES: "ESP",
  FI: "FIN",
  FR: "FRA",
  GB: "GBR",
  GR: "GRC",
  IE: "IRL",
  IT: "ITA",
  JP: "JPN",
  LU: "LUX",
  MX: "MEX",
  NL: "NLD",
  NO: "NOR",
  NZ: "NZL",
  PL: "POL",
  PT: "PRT",
  SE: "SWE",
  US: "USA",
};

/**
 * Mirakl's `country_iso_code` is alpha-3 (mirakl.md §0.2). A code missing
 * from the table is passed through so a scenario gap shows up on the wire.
 */
export function toAlpha3(alpha2: string): string {
  return ALPHA3[alpha2.toUpperCase()] ?? alpha2;
}
