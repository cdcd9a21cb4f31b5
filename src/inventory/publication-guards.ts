import { floorDiv } from "./integer-division.js";

/**
 * Guards before a publication goes out. A bad read upstream looks like a
 * sudden sell-out, and publishing it would take listings offline, so a run
 * that would zero many SKUs or cut exposure sharply stops unless forced.
 */

/** A quantity of one SKU on one channel. */
export interface Exposure {
  readonly sku: string;
  readonly channel: string;
  readonly quantity: number;
}

/** `inventory.guard_zero_share_pct` and `guard_exposure_drop_pct`. */
export interface GuardLimits {
  readonly zeroSharePct: number;
  readonly exposureDropPct: number;
}

/** Why a run must stop, or null; `before` is what channels show now. */
export function publicationGuard(
  before: Iterable<Exposure>,
  publications: Iterable<Exposure>,
  limits: GuardLimits,
): string | null {
  const totals = exposureBySku(before, publications);
  return (
    zeroShareReason(totals, limits.zeroSharePct) ??
    exposureDropReason(totals, limits.exposureDropPct)
  );
}

/** Stops a run dropping more than `maxPct` % of exposed SKUs to 0. */
export function zeroShareGuard(
  before: Iterable<Exposure>,
  publications: Iterable<Exposure>,
  maxPct: number,
): string | null {
  return zeroShareReason(exposureBySku(before, publications), maxPct);
}

/** Stops a run cutting total exposure by more than `maxPct` %. */
export function exposureDropGuard(
  before: Iterable<Exposure>,
  publications: Iterable<Exposure>,
  maxPct: number,
): string | null {
  return exposureDropReason(exposureBySku(before, publications), maxPct);
}

/**
 * SKUs that were published before but are absent from a snapshot. They get
 * no publication at all (missing is never zero); the caller reports them.
 */
export function missingFromSnapshot(
  published: Iterable<string>,
  snapshot: { has(sku: string): boolean },
): string[] {
  const missing = new Set<string>();
  for (const sku of published) {
    if (!snapshot.has(sku)) missing.add(sku);
  }
  return [...missing].sort();
}

interface SkuExposure {
  before: number;
  after: number;
}

function exposureBySku(
  before: Iterable<Exposure>,
  publications: Iterable<Exposure>,
): Map<string, SkuExposure> {
  const shown = new Map<string, number>();
  const totals = new Map<string, SkuExposure>();
  const totalOf = (sku: string): SkuExposure => {
    const known = totals.get(sku);
    if (known !== undefined) return known;
    const created = { before: 0, after: 0 };
    totals.set(sku, created);
    return created;
  };
  for (const { sku, channel, quantity } of before) {
    shown.set(`${sku}\u0000${channel}`, quantity);
    const total = totalOf(sku);
    total.before += quantity;
    total.after += quantity;
  }
  for (const { sku, channel, quantity } of publications) {
    const key = `${sku}\u0000${channel}`;
    totalOf(sku).after += quantity - (shown.get(key) ?? 0);
    shown.set(key, quantity);
  }
  return totals;
}

function zeroShareReason(
  totals: ReadonlyMap<string, SkuExposure>,
  maxPct: number,
): string | null {
  let exposed = 0;
  let zeroed = 0;
  for (const { before, after } of totals.values()) {
    if (before <= 0) continue;
    exposed += 1;
    if (after <= 0) zeroed += 1;
  }
  if (zeroed * 100 <= maxPct * exposed) return null;
  return (
    `would drop ${zeroed} of ${exposed} listed SKUs ` +
    `(${ceilPct(zeroed, exposed)} %) to 0, over the ${maxPct} % guard ` +
    "(inventory.guard_zero_share_pct): check the Zoho snapshot, then " +
    "run again with --force if this is intended"
  );
}

function exposureDropReason(
  totals: ReadonlyMap<string, SkuExposure>,
  maxPct: number,
): string | null {
  let before = 0;
  let after = 0;
  for (const total of totals.values()) {
    before += total.before;
    after += total.after;
  }
  const cut = before - after;
  if (cut * 100 <= maxPct * before) return null;
  return (
    `would cut total exposure from ${before} to ${after} units ` +
    `(${ceilPct(cut, before)} %), over the ${maxPct} % guard ` +
    "(inventory.guard_exposure_drop_pct): check the Zoho snapshot, then " +
    "run again with --force if this is intended"
  );
}

/** part / whole as a percent rounded up, so a breach never reads as equal. */
function ceilPct(part: number, whole: number): number {
  return floorDiv(part * 100 + whole - 1, whole);
}
