import type { Route, SandboxResponse } from "../contract.js";
import { withApiKey } from "./auth.js";
import { tooManyRequests } from "./errors.js";

/** One SH21 carrier. Codes are operator-specific (mirakl.md §4). */
export interface Carrier {
  code: string;
  label: string;
  standard_code: string;
  tracking_url: string;
}

/** The sandbox operator's carriers; tracking pages are on a fake host. */
export const CARRIERS: Carrier[] = [
  ["UPS", "UPS"],
  ["USPS", "USPS"],
  ["FED", "Fed Ex"],
  ["DHL", "DHL"],
  ["DPD", "DPD"],
  ["CPOST", "Canada Post"],
  ["RMAIL", "Royal Mail"],
].map(([code = "", label = ""]) => ({
  code,
  label,
  standard_code: code,
  tracking_url: `https://tracking.example.invalid/${code.toLowerCase()}?n={trackingId}`,
}));

/** The carrier registered under a code, if any. */
export function carrierByCode(code: string): Carrier | undefined {
  return CARRIERS.find((c) => c.code === code);
}

/** SH21 `GET /api/shipping/carriers`: allowed once a day (mirakl.md §7). */
export function carriersRoute(): Route {
  return {
    method: "GET",
    path: "/api/shipping/carriers",
    rate: { perSecond: 1 / 86_400, burst: 1 },
    throttled: tooManyRequests,
    handle: withApiKey((): SandboxResponse => ({
      status: 200,
      body: { carriers: CARRIERS },
    })),
  };
}
