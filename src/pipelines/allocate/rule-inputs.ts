import type { ChannelConfig, Settings } from "../../config/settings.js";
import type {
  AllocationChannel,
  RuleSettings,
} from "../../inventory/allocation-channel.js";

/** Everything the quantity rule needs from one run's settings. */
export interface RuleInputs extends RuleSettings {
  /** Every enabled channel in configuration order: R spans all of them. */
  channels: AllocationChannel[];
  safetyStock: number;
  safetyStockOverrides: Map<string, number>;
  ratioOverrides: Map<string, Map<string, number>>;
  lowStockThreshold: number;
}

const SAFETY_OVERRIDE = /^sku\.(.+)\.safety_stock$/;
const RATIO_OVERRIDE = /^sku\.(.+)\.ratio\.([^.]+)$/;

/** Reads the rule's settings and per-SKU overrides once for a run. */
export function ruleInputs(
  settings: Settings,
  channels: readonly ChannelConfig[],
): RuleInputs {
  const safetyStockOverrides = new Map<string, number>();
  const ratioOverrides = new Map<string, Map<string, number>>();
  for (const [key, value] of settings.entries()) {
    if (typeof value !== "number") continue;
    const ratio = RATIO_OVERRIDE.exec(key);
    if (ratio?.[1] !== undefined && ratio[2] !== undefined) {
      const bySku = ratioOverrides.get(ratio[1]) ?? new Map<string, number>();
      bySku.set(ratio[2], value);
      ratioOverrides.set(ratio[1], bySku);
      continue;
    }
    const safety = SAFETY_OVERRIDE.exec(key);
    if (safety?.[1] !== undefined) safetyStockOverrides.set(safety[1], value);
  }
  return {
    channels: channels.map((channel) => ({
      id: channel.id,
      ratio: channel.ratio,
      group: quantityGroup(channel),
    })),
    safetyStock: settings.int("inventory.safety_stock"),
    safetyStockOverrides,
    ratioOverrides,
    maxOversellPct: settings.int("inventory.max_oversell_pct"),
    minPublishQty: settings.int("inventory.min_publish_qty"),
    lowStockThreshold: settings.int("inventory.low_stock_threshold"),
  };
}

/** The quantity group of a channel (one Amazon unified account), if any. */
export function quantityGroup(channel: ChannelConfig): string | null {
  const group = channel.values.quantity_group;
  return typeof group === "string" && group !== "" ? group : null;
}

/** A channel with the SKU's own ratio, if it has one. */
export function ratioFor(
  inputs: RuleInputs,
  sku: string,
  channel: AllocationChannel,
): number {
  return inputs.ratioOverrides.get(sku)?.get(channel.id) ?? channel.ratio;
}
