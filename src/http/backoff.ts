/**
 * Exponential backoff with full jitter: attempt 1 waits up to `baseMs`,
 * attempt 2 up to twice that, … never more than `capMs`. Jitter keeps hosts
 * that failed together from retrying together.
 */
export function backoffMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * How long a 429 or 503 asks us to wait, from `Retry-After` (seconds or an
 * HTTP date) or a vendor reset header given in seconds; undefined if none.
 */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
  resetHeaders: readonly string[] = [],
  now: number = Date.now(),
): number | undefined {
  const first = (name: string): string | undefined => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const retryAfter = first("retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  for (const name of resetHeaders) {
    const seconds = Number(first(name));
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  }
  return undefined;
}
