import type { ParseResult } from "./search-query.js";

/** What a searchOrders pagination token carries between pages. */
export interface PageCursor {
  offset: number;
  /** The window's upper bound fixed on page one. */
  before: string;
  fingerprint: string;
  issuedAt: string;
}

/** Tokens expire after 24 hours (amazon.md §2a). */
export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Packs a cursor into an opaque token. */
export function encodePageCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function isCursor(value: unknown): value is PageCursor {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.offset === "number" &&
    typeof v.before === "string" &&
    typeof v.fingerprint === "string" &&
    typeof v.issuedAt === "string"
  );
}

/**
 * Opens a token and checks it belongs to these filters: all parameters but
 * the page size and includedData must be repeated unchanged.
 */
export function openPageCursor(
  token: string,
  fingerprint: string,
  now: Date,
): ParseResult<PageCursor> {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    cursor = undefined;
  }
  if (!isCursor(cursor)) {
    return { ok: false, message: "The paginationToken is not valid." };
  }
  if (cursor.fingerprint !== fingerprint) {
    return {
      ok: false,
      message:
        "The paginationToken was issued for different request parameters.",
    };
  }
  if (now.getTime() - Date.parse(cursor.issuedAt) > TOKEN_LIFETIME_MS) {
    return { ok: false, message: "The paginationToken has expired." };
  }
  return { ok: true, value: cursor };
}
