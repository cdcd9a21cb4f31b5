import type { ShippedPackage } from "./types.js";

/**
 * One package per label, whether it came from the list or from a webhook
 * event: the copy with items wins, and a void seen in either copy stands.
 * A fulfillment repeating a label's tracking number of the same order is
 * the same package, not a second one.
 */
export function mergePackages(
  labels: readonly ShippedPackage[],
  fulfillments: readonly ShippedPackage[],
): ShippedPackage[] {
  const byKey = new Map<string, ShippedPackage>();
  for (const label of labels) {
    const seen = byKey.get(label.shipmentKey);
    if (!seen) {
      byKey.set(label.shipmentKey, label);
      continue;
    }
    const richer = label.items.length > seen.items.length ? label : seen;
    const voided = seen.voided || label.voided;
    byKey.set(label.shipmentKey, {
      ...richer,
      voided,
      voidedAt: seen.voidedAt ?? label.voidedAt,
    });
  }
  const tracked = new Set(
    [...byKey.values()].map((p) => `${p.shipstationOrderId}|${p.trackingNumber}`),
  );
  for (const f of fulfillments) {
    if (tracked.has(`${f.shipstationOrderId}|${f.trackingNumber}`)) continue;
    if (!byKey.has(f.shipmentKey)) byKey.set(f.shipmentKey, f);
  }
  return [...byKey.values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
  );
}
