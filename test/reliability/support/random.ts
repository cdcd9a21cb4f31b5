import { seededDice } from "../../../src/sandbox/dice.js";

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

/** Seeded dice (the sandbox's own), enough to spread kill points and data. */
export function createRng(seed: number): Rng {
  const next = seededDice(seed);
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
