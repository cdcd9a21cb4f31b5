/**
 * ShipStation V1 speaks US Pacific wall time without an offset, in requests
 * and answers alike (api-reference/shipstation.md §0.5).
 */
const PACIFIC = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

interface Wall {
  y: string;
  mo: string;
  d: string;
  h: string;
  mi: string;
  s: string;
}

function pacificWall(date: Date): Wall {
  const parts: Record<string, string> = {};
  for (const p of PACIFIC.formatToParts(date)) parts[p.type] = p.value;
  return {
    y: parts.year ?? "0000",
    mo: parts.month ?? "01",
    d: parts.day ?? "01",
    h: parts.hour ?? "00",
    mi: parts.minute ?? "00",
    s: parts.second ?? "00",
  };
}

/** `2025-01-02T07:10:11.7070000`: seven fractional digits, no zone. */
export function ssTimestamp(date: Date): string {
  const w = pacificWall(date);
  const frac = String(date.getUTCMilliseconds()).padStart(3, "0") + "0000";
  return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}.${frac}`;
}

/** `2025-01-02T07:10:11.707`: the trimmed form on items and stores. */
export function ssShortTimestamp(date: Date): string {
  const w = pacificWall(date);
  const ms = String(date.getUTCMilliseconds()).padStart(3, "0");
  const frac = ms.replace(/0+$/, "");
  const base = `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}`;
  return frac === "" ? base : `${base}.${frac}`;
}

/** `2025-01-03`: the Pacific calendar day, as `shipDate` is written. */
export function ssDate(date: Date): string {
  const w = pacificWall(date);
  return `${w.y}-${w.mo}-${w.d}`;
}

function offsetMs(date: Date): number {
  const w = pacificWall(date);
  const asUtc = Date.UTC(
    Number(w.y),
    Number(w.mo) - 1,
    Number(w.d),
    Number(w.h),
    Number(w.mi),
    Number(w.s),
  );
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

const WALL =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

/**
 * Reads a ShipStation date: a zone-less value is Pacific wall time (an
 * ambiguous fall-back hour takes the earlier, daylight reading; a skipped
 * spring-forward hour moves forward); a value with Z or an offset is taken
 * as it says. Undefined when unreadable.
 */
export function parseShipStationDate(text: string): Date | undefined {
  const trimmed = text.trim();
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) && trimmed.includes("T")) {
    const d = new Date(trimmed);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const m = WALL.exec(trimmed);
  if (!m) return undefined;
  const frac = (m[7] ?? "0").padEnd(3, "0").slice(0, 3);
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    Number(frac),
  );
  if (Number.isNaN(wall)) return undefined;
  // Pacific is UTC-7 (daylight) or UTC-8; the earlier reading that maps
  // back to the same wall time wins.
  for (const hours of [7, 8]) {
    const instant = wall + hours * 3600e3;
    if (instant + offsetMs(new Date(instant)) === wall) {
      return new Date(instant);
    }
  }
  // Skipped hour: read with the standard offset, which lands after the gap.
  return new Date(wall + 8 * 3600e3);
}
