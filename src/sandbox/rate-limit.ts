/** A clock in milliseconds; real time unless a test supplies one. */
export type Clock = () => number;

/**
 * A token bucket in vendor time: it refills at `perSecond × timeScale`
 * tokens per real second, so a fast-forwarded sandbox also forgives faster.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly timeScale: number,
    private readonly clock: Clock = Date.now,
  ) {
    this.tokens = burst;
    this.last = clock();
  }

  private refill(): void {
    const now = this.clock();
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    const rate = this.perSecond * this.timeScale;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * rate);
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Real seconds until the next token is there. */
  retryAfterSeconds(): number {
    this.refill();
    const missing = Math.max(0, 1 - this.tokens);
    return missing / (this.perSecond * this.timeScale);
  }
}

/** The state of a fixed window after a request was counted in it. */
export interface WindowAnswer {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Real seconds until the window resets. */
  resetSeconds: number;
}

/**
 * A fixed window of `limit` requests per `windowSeconds` of vendor time
 * (ShipStation's 40 per minute, Zoho's 100 per minute per organization).
 */
export class FixedWindow {
  private start: number;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
    private readonly timeScale: number,
    private readonly clock: Clock = Date.now,
  ) {
    this.start = clock();
  }

  private windowMs(): number {
    return (this.windowSeconds * 1000) / this.timeScale;
  }

  private roll(): void {
    const now = this.clock();
    if (now - this.start >= this.windowMs()) {
      this.start = now;
      this.used = 0;
    }
  }

  /** Counts one request; `allowed` is false once the window is used up. */
  hit(): WindowAnswer {
    this.roll();
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return this.peek(allowed);
  }

  /** The window's figures without counting a request. */
  peek(allowed = true): WindowAnswer {
    this.roll();
    const left = this.windowMs() - (this.clock() - this.start);
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - this.used),
      resetSeconds: Math.max(0, left / 1000),
    };
  }
}

/**
 * Whole seconds for a rate-limit header. Vendors send integers; rounding up
 * (never to 0 while a wait is due) keeps a client that trusts the header
 * from retrying too early.
 */
export function headerSeconds(seconds: number): number {
  if (seconds <= 0) return 0;
  return Math.max(1, Math.ceil(seconds));
}
