/**
 * A small seeded generator: every random choice in the reliability suite
 * comes from one, so a failure reproduces from the seed it prints.
 */
export interface Rng {
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The seed from `HUB_TEST_SEED` when set (to replay a failure), else `fallback`. */
export function suiteSeed(fallback: number): number {
  const given = Number(process.env.HUB_TEST_SEED);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}

/** mulberry32: tiny, fast and good enough to spread kill points and data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    chance: (p) => next() < p,
  };
}
