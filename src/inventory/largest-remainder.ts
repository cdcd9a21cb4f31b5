/**
 * Step 5 of the rule: share a total out in proportion to whole-percent
 * ratios by largest remainder. Every fraction T × ratio / R has the same
 * denominator R, so comparing the integer remainders (T × ratio) mod R
 * compares the fractions exactly.
 */

/** Scratch space for one SKU, reused across a catalogue. */
export interface ShareBuffers {
  readonly ratio: Int32Array;
  readonly floorShare: Int32Array;
  readonly remainder: Int32Array;
  readonly bonus: Uint8Array;
}

/** Buffers for up to `size` participants. */
export function createShareBuffers(size: number): ShareBuffers {
  return {
    ratio: new Int32Array(size),
    floorShare: new Int32Array(size),
    remainder: new Int32Array(size),
    bonus: new Uint8Array(size),
  };
}

/**
 * Shares `total` out over the first `count` entries of `buffers.ratio`,
 * whose sum is `ratioSum`, writing floor share, remainder and bonus unit.
 */
export function shareOut(
  total: number,
  count: number,
  ratioSum: number,
  buffers: ShareBuffers,
): void {
  const { ratio, floorShare, remainder, bonus } = buffers;
  const divisor = ratioSum === 0 ? 1 : ratioSum;
  const shared = ratioSum === 0 ? 0 : total;
  let handedOut = 0;
  for (let p = 0; p < count; p += 1) {
    const scaled = shared * (ratio[p] ?? 0);
    const rest = scaled % divisor;
    const share = (scaled - rest) / divisor;
    floorShare[p] = share;
    remainder[p] = rest;
    bonus[p] = 0;
    handedOut += share;
  }
  // Fewer units are left than participants with a remainder, so picking
  // the best candidate once per unit is both simple and fast here.
  for (let left = shared - handedOut; left > 0; left -= 1) {
    const best = bestCandidate(count, buffers);
    if (best < 0) break;
    bonus[best] = 1;
  }
}

/** The participant owed the next unit: largest remainder, ratio, first. */
function bestCandidate(count: number, buffers: ShareBuffers): number {
  const { ratio, remainder, bonus } = buffers;
  let best = -1;
  let bestRemainder = 0;
  let bestRatio = 0;
  for (let p = 0; p < count; p += 1) {
    const rest = remainder[p] ?? 0;
    if (bonus[p] === 1 || rest === 0) continue;
    const share = ratio[p] ?? 0;
    // Strict comparisons keep the earlier participant on a full tie.
    if (rest > bestRemainder || (rest === bestRemainder && share > bestRatio)) {
      best = p;
      bestRemainder = rest;
      bestRatio = share;
    }
  }
  return best;
}
