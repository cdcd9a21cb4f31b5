import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type { HttpContext } from "../../http/http-context.js";
import { decideProtection } from "../../inventory/protection.js";
import type { RunScope } from "../../runs/run-pipeline.js";
import { shadowAvailableOf } from "../../storage/repos/order-deductions.js";
import { publishSkus } from "../allocate/publish-skus.js";
import { quantityGroup } from "../allocate/rule-inputs.js";

/** What protection did after a pull. */
export interface ProtectionReport {
  protectedSkus: string[];
  /** SKUs whose protective publication did not fully go out. */
  failed: string[];
}

/**
 * INVENTORY.md "Protection": after a pull's deductions, every SKU left at or
 * below the low-stock threshold is published at once on every channel with
 * no oversell (cap 100), and the operator gets one alert per protection
 * state — not again for the same SKU and quantities.
 */
export async function protectLowStock(
  scope: RunScope,
  http: HttpContext,
  skus: readonly string[],
): Promise<ProtectionReport> {
  const { settings, knex } = scope;
  const channels = settings.enabledChannels();
  const snapshots = await snapshotsOf(knex, skus);
  const shadow = await shadowAvailableOf(knex, [...snapshots.keys()]);
  const toProtect: string[] = [];

  for (const [sku, snapshot] of snapshots) {
    const decision = decideProtection({
      sku,
      shadowAvailable: shadow.get(sku) ?? snapshot.snapshotAvailable,
      safetyStock: settings.safetyStock(sku),
      lowStockThreshold: settings.int("inventory.low_stock_threshold"),
      maxOversellPct: settings.int("inventory.max_oversell_pct"),
      minPublishQty: settings.int("inventory.min_publish_qty"),
      channels: channels.map((c) => ({ id: c.id, ratio: settings.ratio(sku, c), group: quantityGroup(c) })),
      lastAlertState: snapshot.state,
    });
    if (decision.state !== snapshot.state) {
      await knex("shadow_inventory").where({ sku }).update({ protection_state: decision.state });
    }
    if (!decision.allocation) continue;
    toProtect.push(sku);
    if (decision.alert) {
      const a = decision.alert;
      await raiseAlert(knex, {
        key: decision.state ?? `low-stock:${sku}`,
        kind: "low_stock",
        subject: `Low stock: ${sku} protected on every channel`,
        body: `${sku} has ${a.available} available and ${a.sellable} sellable after the latest orders. hub published it at once with no oversell: ${a.quantities.map((q) => `${q.channel} ${q.quantity}`).join(", ")}.`,
      }, settings.int("alerts.quiet_minutes"));
    }
  }
  if (toProtect.length === 0) return { protectedSkus: [], failed: [] };

  const result = await publishSkus({ ...scope, http }, toProtect, { protect: true });
  const failed = [...new Set(result.outcomes.filter((o) => o.status !== "sent").map((o) => o.sku))];
  scope.logger.info(`protected ${toProtect.length} low-stock SKU(s)`, { skus: toProtect, failed });
  return { protectedSkus: toProtect, failed };
}

async function snapshotsOf(
  knex: Knex,
  skus: readonly string[],
): Promise<Map<string, { snapshotAvailable: number; state: string | null }>> {
  const rows = await knex("shadow_inventory")
    .select("sku", "snapshot_available", "protection_state")
    .whereIn("sku", [...skus]);
  return new Map(
    (rows as Array<Record<string, unknown>>).map((r) => [
      String(r.sku),
      {
        snapshotAvailable: Number(r.snapshot_available),
        state: (r.protection_state as string | null) ?? null,
      },
    ]),
  );
}
