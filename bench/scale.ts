/**
 * The sizes and clock speeds of every benchmark, in one place. Lower them
 * to try a change quickly; the targets are stated for these values.
 */

/** Benchmark 1: catalogue planning. */
export const PLANNING_SKUS = 100_000;
export const PLANNING_CHANNELS = 6;
/** Timed runs after one warm-up; the median is reported. */
export const PLANNING_RUNS = 5;

/**
 * Orders per channel kind. Rithum gets fewer: the sandbox's Rithum stand-in
 * renders every order of the channel for each 20-order page, so its list
 * costs grow with the square of the orders (2,500 took minutes a page
 * run); the other three share the rest evenly.
 */
export const PULL_SPLIT = {
  amazon: 3_200,
  ebay: 3_200,
  mirakl: 3_100,
  rithum: 500,
} as const;
/** Benchmark 2 and 4: 10,000 orders over the four channels. */
export const PULL_ORDERS = Object.values(PULL_SPLIT).reduce((a, b) => a + b, 0);
/** SKUs the orders' lines draw from. */
export const PULL_SKU_POOL = 500;

/** Benchmark 3: catalogue size and the share changed since last time. */
export const ALLOCATE_SKUS = 50_000;
export const ALLOCATE_CHANGED_SHARE = 0.02;

/**
 * Vendor time runs this many times faster in the sandbox and in hub for
 * benchmarks 2 and 3, so that rate-limit waits are negligible: Mirakl's
 * OR11 (once a minute, mirakl.md §2) then waits 6 ms instead of 60 s.
 */
export const FAST_TIME_SCALE = 10_000;

/**
 * Benchmark 4: one vendor minute is one real second. Mirakl's 25 OR11
 * pages at once a minute then take 24 s, Amazon's searchOrders beyond its
 * burst of 20 (one per 180 s, amazon.md §2a) 15 s.
 */
export const PACED_TIME_SCALE = 60;

/** Performance targets. */
export const TARGETS = {
  planningSeconds: 2,
  planningMegabytes: 300,
  callRatio: 1.05,
  cpuSecondsPer1000Orders: 1,
  pacedRatio: 1.1,
} as const;
