/**
 * INVENTORY.md's rule for one SKU, written out again from the page for the
 * tests, so that they do not check the code with itself.
 */
export interface ExpectedRule {
  safetyStock: number;
  maxOversellPct: number;
  lowStockThreshold: number;
  /** [channel id, ratio] in configuration order. */
  ratios: Array<[string, number]>;
}

/** Expected quantity per channel for one available figure. */
export function expectedQuantities(
  available: number,
  rule: ExpectedRule,
): Record<string, number> {
  const sellable = Math.max(0, available - rule.safetyStock);
  const r = rule.ratios.reduce((sum, [, ratio]) => sum + ratio, 0);
  const out: Record<string, number> = {};
  if (r === 0) {
    for (const [id] of rule.ratios) out[id] = 0;
    return out;
  }
  const cap = sellable <= rule.lowStockThreshold ? 100 : rule.maxOversellPct;
  const t = Math.floor((sellable * Math.min(r, cap)) / 100);
  const shares = rule.ratios.map(([id, ratio], index) => ({
    id,
    ratio,
    index,
    units: Math.floor((t * ratio) / r),
    left: (t * ratio) % r,
  }));
  let spare = t - shares.reduce((sum, s) => sum + s.units, 0);
  const order = [...shares].sort(
    (a, b) => b.left - a.left || b.ratio - a.ratio || a.index - b.index,
  );
  for (const share of order) {
    if (spare === 0) break;
    share.units += 1;
    spare -= 1;
  }
  for (const s of shares) out[s.id] = Math.max(0, Math.min(s.units, sellable));
  return out;
}

/** Requests to marketplace stand-ins (every key but Zoho's and ShipStation's). */
export function marketplaceRequests(requests: Record<string, number>): number {
  let total = 0;
  for (const [key, count] of Object.entries(requests)) {
    if (key.startsWith("zoho") || key.startsWith("shipstation")) continue;
    total += count;
  }
  return total;
}
