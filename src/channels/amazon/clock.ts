type Headers = Record<string, string | string[] | undefined>;

/**
 * `*Before` must be at least two minutes behind Amazon's clock or the call
 * fails with a bare InvalidInput (amazon.md §2a, case B11).
 */
export const BEFORE_LAG_MS = 2 * 60_000;

// The Date header has whole seconds and left Amazon a round trip ago.
const HEADER_SLACK_MS = 15_000;

// With no Date header seen yet, allow this much local clock drift too.
const UNKNOWN_SKEW_MS = 3 * 60_000;

/**
 * Amazon's clock as seen through the Date headers of its answers: the
 * offset to the local clock is kept, so a token fetched minutes ago still
 * tells the time now.
 */
export class AmazonClock {
  private offsetMs: number | undefined;

  constructor(private readonly localNow: () => number = Date.now) {}

  /** Learns the offset from an answer's Date header, if it has one. */
  observe(headers: Headers): void {
    const raw = headers.date;
    const text = Array.isArray(raw) ? raw[0] : raw;
    if (text === undefined) return;
    const server = Date.parse(text);
    if (Number.isNaN(server)) return;
    this.offsetMs = server - this.localNow();
  }

  /** Amazon's time now, if an answer has told it. */
  serverNow(): Date | undefined {
    if (this.offsetMs === undefined) return undefined;
    return new Date(this.localNow() + this.offsetMs);
  }

  /** The latest `*Before` bound Amazon will accept now. */
  latestBefore(): Date {
    return latestBefore(this.localNow(), this.offsetMs);
  }
}

/**
 * The latest acceptable `*Before`: Amazon time minus the documented two
 * minutes and a slack, or local time minus a wider margin when Amazon's
 * time is unknown.
 */
export function latestBefore(localNow: number, offsetMs?: number): Date {
  if (offsetMs === undefined) {
    return new Date(localNow - BEFORE_LAG_MS - UNKNOWN_SKEW_MS);
  }
  return new Date(localNow + offsetMs - BEFORE_LAG_MS - HEADER_SLACK_MS);
}
