/**
 * ShipStation V1 writes and reads every date as US Pacific wall time with no
 * offset, daylight saving included (api-reference/shipstation.md §0.5, case
 * B03). These functions convert between that and real instants, through
 * Intl only, so the host's own time zone never matters.
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
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallOf(date: Date): Wall {
  const parts: Record<string, number> = {};
  for (const p of PACIFIC.formatToParts(date)) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** Minutes Pacific time is ahead of UTC at `date` (−420 or −480). */
export function pacificOffsetMinutes(date: Date): number {
  const w = wallOf(date);
  const asUtc = Date.UTC(
    w.year,
    w.month - 1,
    w.day,
    w.hour,
    w.minute,
    w.second,
  );
  const whole = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

const WALL_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?$/;

/**
 * Reads `2015-06-29T08:46:27.0000000`, `2015-06-29 08:46:27` or
 * `2015-07-02` as Pacific time. A wall time that occurs twice (the
 * November fall-back hour) takes the earlier, daylight reading; one that
 * never occurs (the March spring-forward gap) moves forward by the gap, as
 * a clock would. Undefined when the text is not such a date.
 */
export function parsePacific(text: string): Date | undefined {
  const m = WALL_TEXT.exec(text.trim());
  if (!m) return undefined;
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  const wall = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
    millis,
  );
  if (Number.isNaN(wall)) return undefined;
  // Daylight (UTC−7) is tried first so an ambiguous hour reads as the
  // earlier instant; the reading must map back to the same wall time.
  for (const hours of [7, 8]) {
    const instant = new Date(wall + hours * 3_600_000);
    if (pacificOffsetMinutes(instant) === -hours * 60) return instant;
  }
  // Skipped hour: standard offset lands just after the gap (02:30 → 03:30).
  return new Date(wall + 8 * 3_600_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `yyyy-mm-dd hh:mm:ss` in Pacific time: the form query filters take. */
export function formatPacific(date: Date): string {
  const w = wallOf(date);
  return (
    `${w.year}-${pad(w.month)}-${pad(w.day)} ` +
    `${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`
  );
}

/** The Pacific calendar day of `date`, `yyyy-mm-dd` (as `shipDate`). */
export function pacificDay(date: Date): string {
  const w = wallOf(date);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/**
 * The instant as Pacific wall time with its explicit offset, e.g.
 * `2024-11-03T01:30:00-07:00`: never a naive string (case B03 item 4).
 */
export function pacificIso(date: Date): string {
  const offset = pacificOffsetMinutes(date);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const zone = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${formatPacific(date).replace(" ", "T")}${zone}`;
}
