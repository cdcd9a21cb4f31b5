/**
 * The documented limits of the calls that bound a cycle (api-reference),
 * shown by `hub status` beside the calls the last runs made, so an operator
 * sees why a large back-fill takes the time it takes.
 */
const DOCUMENTED: ReadonlyArray<[RegExp, string]> = [
  [/ searchOrders$/, "burst 20, then 1 call per 180 s (Amazon Orders v2026-01-01)"],
  [/ confirmShipment$/, "burst 10, then 2 calls per second (Amazon)"],
  [/ patchListingsItem$/, "5 calls per second (Amazon listings)"],
  [/^shipstation /, "40 calls per minute for the whole account (ShipStation)"],
  [/ OR11$/, "1 call per minute (Mirakl)"],
  [/ STO01$/, "1 import per minute (Mirakl)"],
  [/^zoho/, "100 calls per minute per organization (Zoho)"],
  [/^rithum|rithum-/, "2,000 calls per minute per account (Rithum)"],
];

/** One API operation of a last run with its documented limit. */
export interface ApiUse {
  command: string;
  operation: string;
  calls: number;
  limit: string;
}

/** The API calls each command's last run counted, with known limits. */
export function apiUse(
  runs: ReadonlyArray<{ command: string; counts: unknown }>,
): ApiUse[] {
  const out: ApiUse[] = [];
  for (const run of runs) {
    const counts = run.counts as { apiCalls?: Record<string, unknown> } | null;
    for (const [operation, calls] of Object.entries(counts?.apiCalls ?? {})) {
      if (typeof calls !== "number") continue;
      const limit = DOCUMENTED.find(([pattern]) => pattern.test(operation))?.[1] ?? "";
      out.push({ command: run.command, operation, calls, limit });
    }
  }
  return out;
}
