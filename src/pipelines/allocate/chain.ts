import { allocateSku } from "../../inventory/quantity-rule.js";
import { isLowStock, sellableUnits } from "../../inventory/rule-steps.js";
import {
  safetyStockOf,
  shadowOf,
  type AllocationPlan,
  type PlanInput,
} from "./plan.js";
import { ratioFor } from "./rule-inputs.js";
import { pairKey } from "./shown.js";

/** What happens to one SKU on one channel. */
export type ChainAction = "send" | "unchanged" | "held";

/** How one target came about, step by step (the dry-run table). */
export interface ChainRow {
  sku: string;
  channel: string;
  /** The snapshot figure (Zoho available when it was taken). */
  zohoAvailable: number;
  openDeductions: number;
  shadowAvailable: number;
  safetyStock: number;
  sellable: number;
  ratio: number;
  cap: number;
  target: number;
  shownNow: number | null;
  action: ChainAction;
}

/** The chain of every planned SKU on every channel published to. */
export function chainRows(input: PlanInput, plan: AllocationPlan): ChainRow[] {
  const { rule } = input;
  const sending = new Set(plan.send.map((p) => pairKey(p.sku, p.channel)));
  const holding = new Set(plan.held.map((p) => pairKey(p.sku, p.channel)));
  const publishTo = new Set(input.publishTo);
  const width = plan.targets.channelIds.length;
  const rows: ChainRow[] = [];
  input.stock.forEach((figure, s) => {
    const available = shadowOf(figure);
    const safetyStock = safetyStockOf(rule, figure.sku);
    const sellable = sellableUnits(available, safetyStock);
    const allocation = allocateSku({
      available,
      safetyStock,
      channels: rule.channels.map((channel) => ({
        ...channel,
        ratio: ratioFor(rule, figure.sku, channel),
      })),
      maxOversellPct: rule.maxOversellPct,
      minPublishQty: rule.minPublishQty,
      protected: input.protect || isLowStock(sellable, rule.lowStockThreshold),
    });
    allocation.channels.forEach((share, c) => {
      if (!publishTo.has(share.channel)) return;
      const key = pairKey(figure.sku, share.channel);
      rows.push({
        sku: figure.sku,
        channel: share.channel,
        zohoAvailable: figure.snapshotAvailable,
        openDeductions: figure.held,
        shadowAvailable: available,
        safetyStock,
        sellable,
        ratio: share.ratio,
        cap: allocation.cap,
        target: Number(plan.targets.quantities[s * width + c] ?? 0),
        shownNow: input.shown(figure.sku, share.channel),
        action: sending.has(key) ? "send" : holding.has(key) ? "held" : "unchanged",
      });
    });
  });
  return rows;
}
