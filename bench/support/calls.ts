import { BENCH_CHANNELS } from "../scenarios/channels.js";

/**
 * The API (channel kind, `shipstation` or `zoho`) a hub call key belongs
 * to. Keys are `<client api> <operation>`, and a channel's clients carry
 * the channel id in their api name (`amazon-us-lwa`, `ebay:ebay-us`).
 */
export function apiOfCallKey(key: string): string {
  const client = key.split(" ")[0] ?? key;
  for (const channel of BENCH_CHANNELS) {
    if (client.includes(channel.id)) return channel.kind;
  }
  return client.startsWith("zoho") ? "zoho" : client;
}

/** Call counts summed per API. */
export function callsPerApi(
  calls: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(calls)) {
    const api = apiOfCallKey(key);
    out[api] = (out[api] ?? 0) + n;
  }
  return out;
}

/** The sum of a count map. */
export function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** `made/min` per API, for one table cell. */
export function perApiText(
  made: Record<string, number>,
  minimum: Record<string, number>,
): string {
  const apis = [...new Set([...Object.keys(minimum), ...Object.keys(made)])];
  return apis
    .map((api) => `${api} ${made[api] ?? 0}/${minimum[api] ?? 0}`)
    .join(", ");
}
