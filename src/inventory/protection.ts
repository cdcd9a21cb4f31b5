import type { AllocationChannel, RuleSettings } from "./allocation-channel.js";
import { allocateSku, type SkuAllocation } from "./quantity-rule.js";
import { isLowStock, sellableUnits } from "./rule-steps.js";

/**
 * Low-stock protection after pull-orders deducts: a SKU at or below the
 * threshold is re-planned at once with cap 100, and the operator hears of
 * it once per protection state.
 *
 * The state key is `low-stock:<SKU>:<channel>=<qty>,…` over the protected
 * quantities in configuration order. An alert goes out when the key differs
 * from the last one recorded for the SKU: on entering protection (nothing
 * recorded) or when the protected quantities change. Leaving protection
 * yields a null key, so recording it lets the next entry alert again.
 */

/** A SKU's figures after the deductions of one pull. */
export interface ProtectionInput extends RuleSettings {
  readonly sku: string;
  readonly shadowAvailable: number;
  readonly safetyStock: number;
  readonly lowStockThreshold: number;
  /** Enabled channels in configuration order, SKU ratio overrides applied. */
  readonly channels: readonly AllocationChannel[];
  /** The state key recorded with the SKU's last low-stock alert, if any. */
  readonly lastAlertState: string | null;
}

/** What the low-stock alert says. */
export interface LowStockAlert {
  readonly sku: string;
  readonly available: number;
  readonly sellable: number;
  readonly quantities: readonly {
    readonly channel: string;
    readonly quantity: number;
  }[];
}

/** Whether to protect now, with what, and whether to alert. */
export interface ProtectionDecision {
  /** The cap-100 allocation to publish at once, or null: not low. */
  readonly allocation: SkuAllocation | null;
  /** The key to record for the SKU: null once it is no longer low. */
  readonly state: string | null;
  readonly alert: LowStockAlert | null;
}

/** Decides low-stock protection for one SKU after a pull's deductions. */
export function decideProtection(input: ProtectionInput): ProtectionDecision {
  const sellable = sellableUnits(input.shadowAvailable, input.safetyStock);
  if (!isLowStock(sellable, input.lowStockThreshold)) {
    return { allocation: null, state: null, alert: null };
  }
  const allocation = allocateSku({
    available: input.shadowAvailable,
    safetyStock: input.safetyStock,
    channels: input.channels,
    maxOversellPct: input.maxOversellPct,
    minPublishQty: input.minPublishQty,
    protected: true,
  });
  const quantities = allocation.channels.map(({ channel, quantity }) => ({
    channel,
    quantity,
  }));
  const state = protectionState(input.sku, quantities);
  const alert =
    state === input.lastAlertState
      ? null
      : {
          sku: input.sku,
          available: input.shadowAvailable,
          sellable,
          quantities,
        };
  return { allocation, state, alert };
}

/** The state key of a protected SKU (see the note at the top). */
export function protectionState(
  sku: string,
  quantities: readonly {
    readonly channel: string;
    readonly quantity: number;
  }[],
): string {
  const shown = quantities.map((q) => `${q.channel}=${q.quantity}`);
  return `low-stock:${sku}:${shown.join(",")}`;
}
