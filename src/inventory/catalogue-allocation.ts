import { BugError } from "../errors.js";
import {
  assertRatio,
  assertRuleSettings,
  assertUnits,
  MAX_UNITS,
  type AllocationChannel,
  type RuleSettings,
} from "./allocation-channel.js";
import { createShareBuffers, shareOut } from "./largest-remainder.js";
import { foldParticipants, type Participants } from "./participants.js";
import {
  capFor,
  isLowStock,
  publishedQuantity,
  sellableUnits,
  totalToShow,
} from "./rule-steps.js";

/**
 * The quantity rule over a whole catalogue. Results go into flat typed
 * arrays and one set of scratch buffers serves every SKU, so planning a
 * hundred thousand SKUs allocates a few arrays rather than an object each.
 */

/** A catalogue to plan: one stock figure per SKU, settings for all. */
export interface CatalogueInput extends RuleSettings {
  readonly skus: readonly string[];
  /** Available (Zoho or shadow) per SKU, parallel to `skus`. */
  readonly available: ArrayLike<number>;
  /** Enabled channels in configuration order, with their own ratios. */
  readonly channels: readonly AllocationChannel[];
  readonly safetyStock: number;
  /** `sku.<SKU>.safety_stock`, by SKU. */
  readonly safetyStockOverrides?: ReadonlyMap<string, number>;
  /** `sku.<SKU>.ratio.<id>`, by SKU then channel id. */
  readonly ratioOverrides?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** SKUs whose sellable is at or below it are planned with cap 100. */
  readonly lowStockThreshold: number;
}

/** Planned quantities of a catalogue. */
export interface CataloguePlan {
  readonly skus: readonly string[];
  readonly channelIds: readonly string[];
  /** Row-major: SKU s on channel c is at s × channelIds.length + c. */
  readonly quantities: Int32Array;
  readonly sellable: Int32Array;
  /** 1 where the SKU was protected (cap 100). */
  readonly protected: Uint8Array;
}

/** Applies the quantity rule to every SKU of a catalogue. */
export function planCatalogue(input: CatalogueInput): CataloguePlan {
  const { skus, available, channels } = input;
  assertRuleSettings(input, channels);
  assertUnits(input.safetyStock, "safety stock", 0);
  if (available.length !== skus.length) {
    throw new BugError(
      `${available.length} stock figures for ${skus.length} SKUs`,
    );
  }

  const participants = foldParticipants(channels);
  const buffers = createShareBuffers(participants.count);
  const baseRatios = new Int32Array(participants.count);
  let baseRatioSum = 0;
  participants.leaders.forEach((leader, p) => {
    baseRatios[p] = channels[leader]?.ratio ?? 0;
    baseRatioSum += baseRatios[p] ?? 0;
  });

  const width = channels.length;
  const quantities = new Int32Array(skus.length * width);
  const sellableOf = new Int32Array(skus.length);
  const protectedOf = new Uint8Array(skus.length);
  skus.forEach((sku, s) => {
    const stock = available[s] ?? 0;
    assertUnits(stock, `available of ${sku}`, -MAX_UNITS);
    const safety = safetyStockOf(sku, input);
    const sellable = sellableUnits(stock, safety);
    const overrides = input.ratioOverrides?.get(sku);
    const ratioSum =
      overrides === undefined
        ? copyRatios(baseRatios, buffers.ratio, baseRatioSum)
        : overriddenRatios(sku, overrides, channels, participants, buffers);
    const isProtected = isLowStock(sellable, input.lowStockThreshold);
    const cap = capFor(input.maxOversellPct, isProtected);
    shareOut(
      totalToShow(sellable, ratioSum, cap),
      participants.count,
      ratioSum,
      buffers,
    );

    sellableOf[s] = sellable;
    protectedOf[s] = isProtected ? 1 : 0;
    const row = s * width;
    for (let c = 0; c < width; c += 1) {
      const p = participants.ofChannel[c] ?? 0;
      const share = (buffers.floorShare[p] ?? 0) + (buffers.bonus[p] ?? 0);
      quantities[row + c] = publishedQuantity(
        share,
        sellable,
        input.minPublishQty,
      );
    }
  });
  return {
    skus,
    channelIds: channels.map((channel) => channel.id),
    quantities,
    sellable: sellableOf,
    protected: protectedOf,
  };
}

/** The quantity of one SKU on one channel in a catalogue plan. */
export function plannedQuantity(
  plan: CataloguePlan,
  skuIndex: number,
  channelIndex: number,
): number {
  const width = plan.channelIds.length;
  return plan.quantities[skuIndex * width + channelIndex] ?? 0;
}

function safetyStockOf(sku: string, input: CatalogueInput): number {
  const override = input.safetyStockOverrides?.get(sku);
  if (override === undefined) return input.safetyStock;
  assertUnits(override, `safety stock of ${sku}`, 0);
  return override;
}

function copyRatios(from: Int32Array, to: Int32Array, sum: number): number {
  to.set(from);
  return sum;
}

/** Loads a SKU's own ratios; a group still takes its first member's. */
function overriddenRatios(
  sku: string,
  overrides: ReadonlyMap<string, number>,
  channels: readonly AllocationChannel[],
  participants: Participants,
  buffers: { readonly ratio: Int32Array },
): number {
  let sum = 0;
  participants.leaders.forEach((leader, p) => {
    const channel = channels[leader];
    if (channel === undefined) return;
    const ratio = overrides.get(channel.id) ?? channel.ratio;
    assertRatio(ratio, `${sku} on ${channel.id}`);
    buffers.ratio[p] = ratio;
    sum += ratio;
  });
  return sum;
}
