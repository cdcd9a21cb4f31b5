import {
  assertRuleSettings,
  assertUnits,
  MAX_UNITS,
  type AllocationChannel,
  type RuleSettings,
} from "./allocation-channel.js";
import { createShareBuffers, shareOut } from "./largest-remainder.js";
import { foldParticipants } from "./participants.js";
import {
  capFor,
  publishedQuantity,
  sellableUnits,
  totalToShow,
} from "./rule-steps.js";

/**
 * The quantity rule of INVENTORY.md for one SKU, with every intermediate
 * figure kept so that `allocate --dry-run` can show how it got there.
 */

/** Everything the rule needs for one SKU. */
export interface SkuRuleInput extends RuleSettings {
  /** Zoho or shadow available; may be negative. */
  readonly available: number;
  /** The SKU's safety stock (its override, else the global value). */
  readonly safetyStock: number;
  /** Enabled channels in configuration order, SKU ratio overrides applied. */
  readonly channels: readonly AllocationChannel[];
  /** A protected SKU is capped at 100 % (no oversell). */
  readonly protected: boolean;
}

/** How one channel's quantity came about. */
export interface ChannelShare {
  readonly channel: string;
  readonly group: string | null;
  /** The ratio allocated with: for a group, its first member's. */
  readonly ratio: number;
  /** floor(T × ratio / R). */
  readonly floorShare: number;
  /** (T × ratio) mod R: the fraction left over is remainder / R. */
  readonly remainder: number;
  /** Whether a left-over unit went to this channel. */
  readonly bonusUnit: boolean;
  /** Whether min_publish_qty turned a positive share into 0. */
  readonly belowMinPublish: boolean;
  readonly quantity: number;
}

/** The rule applied to one SKU. */
export interface SkuAllocation {
  readonly available: number;
  readonly safetyStock: number;
  readonly sellable: number;
  /** R: the sum of the participants' ratios (a group counts once). */
  readonly ratioSum: number;
  readonly cap: number;
  /** T: the total all participants show together. */
  readonly total: number;
  readonly protected: boolean;
  /** One entry per channel, in configuration order. */
  readonly channels: readonly ChannelShare[];
}

/** Applies the quantity rule to one SKU. */
export function allocateSku(input: SkuRuleInput): SkuAllocation {
  const { channels, minPublishQty } = input;
  assertRuleSettings(input, channels);
  assertUnits(input.available, "available", -MAX_UNITS);
  assertUnits(input.safetyStock, "safety stock", 0);

  const participants = foldParticipants(channels);
  const buffers = createShareBuffers(participants.count);
  let ratioSum = 0;
  participants.leaders.forEach((leader, p) => {
    const ratio = channels[leader]?.ratio ?? 0;
    buffers.ratio[p] = ratio;
    ratioSum += ratio;
  });

  const sellable = sellableUnits(input.available, input.safetyStock);
  const cap = capFor(input.maxOversellPct, input.protected);
  const total = totalToShow(sellable, ratioSum, cap);
  shareOut(total, participants.count, ratioSum, buffers);

  const shares = channels.map((channel, index): ChannelShare => {
    const p = participants.ofChannel[index] ?? 0;
    const floorShare = buffers.floorShare[p] ?? 0;
    const bonusUnit = buffers.bonus[p] === 1;
    const share = floorShare + (bonusUnit ? 1 : 0);
    const quantity = publishedQuantity(share, sellable, minPublishQty);
    return {
      channel: channel.id,
      group: channel.group ?? null,
      ratio: buffers.ratio[p] ?? 0,
      floorShare,
      remainder: buffers.remainder[p] ?? 0,
      bonusUnit,
      belowMinPublish: share > 0 && quantity === 0,
      quantity,
    };
  });
  return {
    available: input.available,
    safetyStock: input.safetyStock,
    sellable,
    ratioSum,
    cap,
    total,
    protected: input.protected,
    channels: shares,
  };
}
