import { parseShipStationDate } from "./time.js";

/** One page of a list answer, ShipStation style. */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

/** The documented page size limit of the list endpoints. */
export const MAX_PAGE_SIZE = 500;

/** Reads page/pageSize (default 1/100, pageSize capped at 500). */
export function pageOf<T>(rows: T[], query: URLSearchParams): Page<T> {
  const page = Math.max(1, Math.floor(Number(query.get("page") ?? 1)) || 1);
  const asked = Math.floor(Number(query.get("pageSize") ?? 100)) || 100;
  const size = Math.min(MAX_PAGE_SIZE, Math.max(1, asked));
  const start = (page - 1) * size;
  return {
    rows: rows.slice(start, start + size),
    total: rows.length,
    page,
    pages: Math.ceil(rows.length / size),
  };
}

/** A bad query value, reported in the 400 envelope. */
export class QueryError extends Error {
  constructor(readonly field: string) {
    super(`The value is not valid for ${field}.`);
  }
}

/**
 * Keeps rows whose date lies in `<name>Start`..`<name>End` (Pacific wall
 * time, both ends inclusive).
 */
export function inDateRange<T>(
  rows: T[],
  query: URLSearchParams,
  name: string,
  pick: (row: T) => Date | null,
): T[] {
  const bound = (suffix: string): Date | undefined => {
    const raw = query.get(`${name}${suffix}`);
    if (raw === null || raw === "") return undefined;
    const d = parseShipStationDate(raw);
    if (!d) throw new QueryError(`${name}${suffix}`);
    return d;
  };
  const start = bound("Start");
  const end = bound("End");
  if (!start && !end) return rows;
  return rows.filter((r) => {
    const d = pick(r);
    if (!d) return false;
    if (start && d < start) return false;
    if (end && d > end) return false;
    return true;
  });
}

/** Sorts by a date column when `sortBy` names one; `sortDir` ASC/DESC. */
export function sorted<T>(
  rows: T[],
  query: URLSearchParams,
  columns: Record<string, (row: T) => Date | null>,
): T[] {
  const by = query.get("sortBy");
  const col = by === null ? undefined : columns[by];
  const dir = query.get("sortDir")?.toUpperCase() === "DESC" ? -1 : 1;
  if (!col) return dir === 1 ? rows : [...rows].reverse();
  return [...rows].sort((a, b) => {
    const x = col(a)?.getTime() ?? 0;
    const y = col(b)?.getTime() ?? 0;
    return (x - y) * dir;
  });
}
