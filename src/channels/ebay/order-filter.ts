/** getOrders searches only the last 90 days (api-reference/ebay.md §2). */
export const SEARCHABLE_DAYS = 90;

// A little inside the limit, so a request built now is still inside it
// when eBay checks it.
const SEARCH_MARGIN_MS = 60 * 60_000;

/** Orders per getOrders page: case B24 asks for 200 at most. */
export const PAGE_LIMIT = 200;

/**
 * The earliest `since` eBay will search: an older one is moved up to the
 * edge of the 90-day window instead of being refused.
 */
export function searchableSince(since: Date, now: Date): Date {
  const edge = now.getTime() - SEARCHABLE_DAYS * 86_400_000 + SEARCH_MARGIN_MS;
  return since.getTime() < edge ? new Date(edge) : since;
}

/**
 * The getOrders `filter` value for orders modified in [since, until]. Only
 * `lastmodifieddate`: with `creationdate` present eBay ignores it (§2, case
 * B24). The value goes out raw; the HTTP client percent-encodes the
 * brackets exactly once.
 */
export function lastModifiedFilter(since: Date, until: Date): string {
  return `lastmodifieddate:[${since.toISOString()}..${until.toISOString()}]`;
}
