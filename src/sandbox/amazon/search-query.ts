import { INCLUDED_DATA } from "./order-view.js";
import type { IncludedData } from "./order-view.js";
import { FULFILLMENT_STATUSES } from "./status.js";
import type { FulfillmentStatus } from "./status.js";

/** searchOrders filters after validation (amazon.md §2a). */
export interface SearchOrdersQuery {
  /** Which timestamp the window applies to. */
  family: "created" | "lastUpdated";
  after: Date;
  /** The caller's `*Before`, if given; else the server picks one. */
  before?: Date;
  statuses?: ReadonlySet<FulfillmentStatus>;
  marketplaceIds?: readonly string[];
  fulfilledBy?: "MERCHANT" | "AMAZON";
  maxResultsPerPage: number;
  included: ReadonlySet<IncludedData>;
  paginationToken?: string;
  /** Filters a pagination token must be repeated with, as one string. */
  fingerprint: string;
}

export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; message: string };

/** How far behind "now" a `*Before` bound must be (amazon.md §2a). */
export const BEFORE_LAG_MS = 2 * 60 * 1000;

const MAX_MARKETPLACES = 50;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// Lists may come comma-separated or as repeated parameters.
function list(query: URLSearchParams, name: string): string[] | undefined {
  const values = query
    .getAll(name)
    .flatMap((value) => value.split(","))
    .map((value) => value.trim())
    .filter((value) => value !== "");
  return values.length === 0 ? undefined : values;
}

function date(
  query: URLSearchParams,
  name: string,
): ParseResult<Date | undefined> {
  const text = query.get(name);
  if (text === null || text === "") return { ok: true, value: undefined };
  const ms = Date.parse(text);
  if (!ISO_DATE.test(text) || Number.isNaN(ms)) {
    return { ok: false, message: `${name} is not a valid ISO 8601 date.` };
  }
  return { ok: true, value: new Date(ms) };
}

function isMember<T extends string>(
  allowed: readonly T[],
  value: string,
): value is T {
  return (allowed as readonly string[]).includes(value);
}

function members<T extends string>(
  allowed: readonly T[],
  values: string[],
  name: string,
): ParseResult<Set<T>> {
  const set = new Set<T>();
  for (const value of values) {
    if (!isMember(allowed, value)) {
      return { ok: false, message: `${value} is not a valid ${name} value.` };
    }
    set.add(value);
  }
  return { ok: true, value: set };
}

interface Window {
  family: "created" | "lastUpdated";
  after: Date;
  before?: Date;
}

function window(query: URLSearchParams, now: Date): ParseResult<Window> {
  const dates: Record<string, Date | undefined> = {};
  const names = [
    "createdAfter",
    "createdBefore",
    "lastUpdatedAfter",
    "lastUpdatedBefore",
  ];
  for (const name of names) {
    const parsed = date(query, name);
    if (!parsed.ok) return parsed;
    dates[name] = parsed.value;
  }
  const created = dates.createdAfter ?? dates.createdBefore;
  const updated = dates.lastUpdatedAfter ?? dates.lastUpdatedBefore;
  if (created !== undefined && updated !== undefined) {
    return {
      ok: false,
      message:
        "createdAfter/createdBefore cannot be combined with " +
        "lastUpdatedAfter/lastUpdatedBefore.",
    };
  }
  const family = created !== undefined ? "created" : "lastUpdated";
  const after = dates[`${family}After`];
  const before = dates[`${family}Before`];
  if (after === undefined) {
    return {
      ok: false,
      message: "Exactly one of createdAfter or lastUpdatedAfter is required.",
    };
  }
  if (before !== undefined) {
    if (before.getTime() > now.getTime() - BEFORE_LAG_MS) {
      return {
        ok: false,
        message: `${family}Before must be at least 2 minutes before the time of the request.`,
      };
    }
    if (before.getTime() <= after.getTime()) {
      return {
        ok: false,
        message: `${family}Before must be later than ${family}After.`,
      };
    }
    return { ok: true, value: { family, after, before } };
  }
  return { ok: true, value: { family, after } };
}

function pageSize(query: URLSearchParams): ParseResult<number> {
  const text = query.get("maxResultsPerPage");
  if (text === null || text === "") return { ok: true, value: 100 };
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 100) {
    return {
      ok: false,
      message: "maxResultsPerPage must be an integer from 1 to 100.",
    };
  }
  return { ok: true, value: size };
}

function fingerprint(query: URLSearchParams): string {
  const names = [
    "createdAfter",
    "createdBefore",
    "lastUpdatedAfter",
    "lastUpdatedBefore",
    "fulfillmentStatuses",
    "marketplaceIds",
    "fulfilledBy",
  ];
  return JSON.stringify(names.map((name) => (list(query, name) ?? []).sort()));
}

/** Validates searchOrders parameters the way Amazon documents them. */
export function parseSearchOrdersQuery(
  query: URLSearchParams,
  now: Date,
): ParseResult<SearchOrdersQuery> {
  const span = window(query, now);
  if (!span.ok) return span;
  const size = pageSize(query);
  if (!size.ok) return size;
  const included = members(
    INCLUDED_DATA,
    list(query, "includedData") ?? [],
    "includedData",
  );
  if (!included.ok) return included;
  const parsed: SearchOrdersQuery = {
    ...span.value,
    maxResultsPerPage: size.value,
    included: included.value,
    fingerprint: fingerprint(query),
  };
  const statusList = list(query, "fulfillmentStatuses");
  if (statusList !== undefined) {
    const statuses = members(
      FULFILLMENT_STATUSES,
      statusList,
      "fulfillmentStatuses",
    );
    if (!statuses.ok) return statuses;
    parsed.statuses = statuses.value;
  }
  const marketplaces = list(query, "marketplaceIds");
  if (marketplaces !== undefined) {
    if (marketplaces.length > MAX_MARKETPLACES) {
      return { ok: false, message: "At most 50 marketplaceIds are allowed." };
    }
    parsed.marketplaceIds = marketplaces;
  }
  const fulfilledBy = query.get("fulfilledBy");
  if (fulfilledBy !== null && fulfilledBy !== "") {
    if (fulfilledBy !== "MERCHANT" && fulfilledBy !== "AMAZON") {
      return {
        ok: false,
        message: `${fulfilledBy} is not a valid fulfilledBy value.`,
      };
    }
    parsed.fulfilledBy = fulfilledBy;
  }
  const token = query.get("paginationToken");
  if (token !== null && token !== "") parsed.paginationToken = token;
  return { ok: true, value: parsed };
}
