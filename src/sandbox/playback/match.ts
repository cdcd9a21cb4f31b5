import { isDeepStrictEqual } from "node:util";
import type { PlaybackRequest, RecordedRequest } from "./types.js";

const ANY_VALUE = /^<[^=].*>$/s;
const AT_MOST = /^<=\s*(.+?)\s*>$/s;
const PREFIX_MARK = "...";

/**
 * The path a pair is served under: a relative path below `basePath`, an
 * absolute URL as `/<host><path>` so one server can stand in for several
 * hosts and a test still sees which host the tool picked.
 */
export function servedPath(path: string, basePath = ""): string {
  if (/^https?:\/\//i.test(path)) {
    const url = new URL(path);
    return `/${url.host}${url.pathname}`;
  }
  return `${basePath}${path.startsWith("/") ? path : `/${path}`}`;
}

/** One query value against the file's: literal, `<= instant>` or `<any>`. */
export function queryValueMatches(expected: string, actual: string): boolean {
  const atMost = AT_MOST.exec(expected);
  if (atMost?.[1] !== undefined) {
    const limit = Date.parse(atMost[1]);
    const value = Date.parse(actual);
    return !Number.isNaN(limit) && !Number.isNaN(value) && value <= limit;
  }
  if (ANY_VALUE.test(expected)) return true;
  return expected === actual;
}

/** Whether `actual` holds everything `expected` gives (objects by subset). */
export function bodyMatches(expected: unknown, actual: unknown): boolean {
  if (typeof expected === "string" && typeof actual === "string") {
    return expected.endsWith(PREFIX_MARK)
      ? actual.startsWith(expected.slice(0, -PREFIX_MARK.length))
      : expected === actual;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((item, i) => bodyMatches(item, actual[i]))
    );
  }
  if (isRecord(expected)) {
    return (
      isRecord(actual) &&
      Object.entries(expected).every(
        ([key, value]) => key in actual && bodyMatches(value, actual[key]),
      )
    );
  }
  return isDeepStrictEqual(expected, actual);
}

/** Whether a received request is the one a pair describes. */
export function requestMatches(
  pair: PlaybackRequest,
  got: RecordedRequest,
  basePath?: string,
): boolean {
  if (pair.method.toUpperCase() !== got.method.toUpperCase()) return false;
  if (servedPath(pair.path, basePath) !== got.path) return false;
  if (pair.raw_query !== undefined && pair.raw_query !== got.rawQuery) {
    return false;
  }
  if (pair.query && !queryMatches(pair.query, got.rawQuery)) return false;
  if (pair.headers && !headersMatch(pair.headers, got.headers)) return false;
  if (pair.body !== undefined && !bodyMatches(pair.body, parsedBody(got))) {
    return false;
  }
  return true;
}

function queryMatches(
  expected: Record<string, string>,
  rawQuery: string,
): boolean {
  const params = new URLSearchParams(rawQuery);
  return Object.entries(expected).every(([key, value]) => {
    const actual = params.get(key);
    return actual !== null && queryValueMatches(value, actual);
  });
}

function headersMatch(
  expected: Record<string, string>,
  actual: Record<string, string>,
): boolean {
  return Object.entries(expected).every(
    ([name, value]) => actual[name.toLowerCase()] === value,
  );
}

/** JSON bodies as values; anything else (forms, XML) as its text. */
function parsedBody(got: RecordedRequest): unknown {
  const type = got.headers["content-type"] ?? "";
  if (type.includes("json") || (type === "" && got.body !== "")) {
    try {
      return JSON.parse(got.body) as unknown;
    } catch {
      return got.body;
    }
  }
  return got.body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
