/** A closed or half-open date window from a `[from..to]` criterion. */
export interface DateRange {
  from?: Date;
  to?: Date;
}

/** A parsed getOrders `filter` parameter. */
export interface OrderFilter {
  creationdate?: DateRange;
  lastmodifieddate?: DateRange;
  orderfulfillmentstatus?: Set<string>;
}

export type FilterResult =
  | { ok: true; filter: OrderFilter }
  | { ok: false; name: string; value: string; reason: "name" | "value" };

const FULFILLMENT_STATUSES = new Set([
  "NOT_STARTED",
  "IN_PROGRESS",
  "FULFILLED",
]);

function parseDate(text: string): Date | undefined | null {
  if (text === "") return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseRange(value: string): DateRange | undefined {
  // A bracket that arrives still percent-encoded (%5B) was encoded twice by
  // the client; like eBay, refuse it rather than guess.
  const match = /^\[(.*?)\.\.(.*)\]$/.exec(value);
  if (match === null) return undefined;
  const from = parseDate(match[1] ?? "");
  const to = parseDate(match[2] ?? "");
  if (
    from === null ||
    to === null ||
    (from === undefined && to === undefined)
  ) {
    return undefined;
  }
  const range: DateRange = {};
  if (from !== undefined) range.from = from;
  if (to !== undefined) range.to = to;
  return range;
}

function parseStatuses(value: string): Set<string> | undefined {
  const match = /^\{([^}]*)\}$/.exec(value);
  if (match === null) return undefined;
  const names = (match[1] ?? "").split("|");
  if (!names.every((n) => FULFILLMENT_STATUSES.has(n))) return undefined;
  return new Set(names);
}

/** Splits on commas that separate criteria, not ones inside brackets. */
function criteria(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of filter) {
    if (char === "[" || char === "{") depth += 1;
    if (char === "]" || char === "}") depth -= 1;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  if (current !== "") parts.push(current);
  return parts;
}

/** Parses the (already URL-decoded) getOrders `filter` value. */
export function parseOrderFilter(filter: string): FilterResult {
  const result: OrderFilter = {};
  for (const criterion of criteria(filter)) {
    const colon = criterion.indexOf(":");
    const name = criterion.slice(0, colon < 0 ? undefined : colon).trim();
    const value = colon < 0 ? "" : criterion.slice(colon + 1).trim();
    if (name === "creationdate" || name === "lastmodifieddate") {
      const range = parseRange(value);
      if (range === undefined)
        return { ok: false, name, value, reason: "value" };
      result[name] = range;
    } else if (name === "orderfulfillmentstatus") {
      const statuses = parseStatuses(value);
      if (statuses === undefined) {
        return { ok: false, name, value, reason: "value" };
      }
      result.orderfulfillmentstatus = statuses;
    } else {
      return { ok: false, name, value, reason: "name" };
    }
  }
  return { ok: true, filter: result };
}

/** True if a date lies in the window (both ends inclusive). */
export function inRange(date: Date, range: DateRange): boolean {
  if (range.from !== undefined && date < range.from) return false;
  if (range.to !== undefined && date > range.to) return false;
  return true;
}
