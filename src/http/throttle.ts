/** A documented rate: sustained requests per second and the burst allowed. */
export interface Rate {
  perSecond: number;
  burst: number;
}

/**
 * A token bucket kept on our side of the wire, so hub stays under each API's
 * documented rate instead of learning it from 429s. `timeScale` > 1 runs
 * faster (the sandbox scales its buckets the same way).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: Rate,
    private readonly timeScale = 1,
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = delay,
  ) {
    this.tokens = rate.burst;
    this.last = now();
  }

  /** Waits until a request may be sent, then takes one token. */
  take(): Promise<void> {
    // Callers queue so that waiting requests leave in arrival order.
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Empties the bucket: the API said 429, so nothing is left to spend. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /**
   * Sends nothing for `ms`: the API said its window is used up (a
   * remaining-calls header of 0), so the next call would only earn a 429.
   */
  pauseFor(ms: number): void {
    this.drain();
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }

  /** How many milliseconds of waiting one more request costs now. */
  waitMs(): number {
    this.refill();
    const paused = this.pausedUntil - this.now();
    if (paused > 0) return paused;
    if (this.tokens >= 1) return 0;
    return ((1 - this.tokens) / (this.rate.perSecond * this.timeScale)) * 1000;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      const wait = this.waitMs();
      if (wait <= 0) break;
      await this.sleep(Math.ceil(wait));
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = (now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(
      this.rate.burst,
      this.tokens + elapsed * this.rate.perSecond * this.timeScale,
    );
  }
}

/** The buckets of one process, one per API operation. */
export class Throttles {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly timeScale = 1) {}

  /** The bucket for `key`, created at `rate` on first use. */
  bucket(key: string, rate: Rate): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(rate, this.timeScale);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Milliseconds each bucket would make the next request wait. */
  waits(): Record<string, number> {
    return Object.fromEntries(
      [...this.buckets].map(([key, bucket]) => [key, Math.round(bucket.waitMs())]),
    );
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
