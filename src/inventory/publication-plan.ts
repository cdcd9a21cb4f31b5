import type { SkuAllocation } from "./quantity-rule.js";

/**
 * Which quantities to send. A marketplace lowers its own listed quantity as
 * it sells, so the baseline is not the last publication but what the
 * channel shows now: the last published quantity minus the units sold there
 * since.
 */

/** `changed` sends only differences; `full` re-publishes everything. */
export type PublicationMode = "changed" | "full";

/** Target quantities of some SKUs on some channels (a catalogue plan). */
export interface PublicationTargets {
  readonly skus: readonly string[];
  readonly channelIds: readonly string[];
  /** Row-major: SKU s on channel c is at s × channelIds.length + c. */
  readonly quantities: ArrayLike<number>;
}

/**
 * What a channel shows now for a SKU, or null when hub never published it
 * there (unknown, so the target is always sent).
 */
export type ShownNow = (sku: string, channel: string) => number | null;

/** One quantity to send to one channel for one SKU. */
export interface PlannedPublication {
  readonly sku: string;
  readonly channel: string;
  readonly quantity: number;
  /** What the channel showed before, null if never published there. */
  readonly shownBefore: number | null;
}

/** A sale on a channel, as far as listed quantities are concerned. */
export interface ChannelSale {
  readonly channel: string;
  readonly quantity: number;
  /** When the marketplace took the order (and lowered its quantity). */
  readonly soldAt: Date;
}

/** A SKU's activity, for choosing what rebalance recomputes. */
export interface SkuActivity {
  readonly sku: string;
  /** The SKU's most recent successful publication on any channel. */
  readonly lastPublishedAt: Date | null;
  /** The latest sale, or deduction opened or closed, of the SKU. */
  readonly lastMovementAt: Date | null;
}

/** Last published quantity minus units sold since, never below 0. */
export function shownNow(
  lastPublished: number | null,
  soldSince: number,
): number | null {
  if (lastPublished === null) return null;
  return Math.max(0, lastPublished - soldSince);
}

/**
 * Units sold on the given channels after a publication. For a quantity
 * group pass every member: a sale on one lowers what all of them show.
 */
export function unitsSoldSince(
  sales: Iterable<ChannelSale>,
  channels: ReadonlySet<string>,
  publishedAt: Date,
): number {
  const since = publishedAt.getTime();
  let units = 0;
  for (const sale of sales) {
    if (channels.has(sale.channel) && sale.soldAt.getTime() > since) {
      units += sale.quantity;
    }
  }
  return units;
}

/**
 * The publications of a plan: every target in `full` mode, otherwise those
 * that differ from what the channel shows now. Only SKUs in the targets are
 * considered, so a SKU missing from the snapshot is never published.
 */
export function planPublications(
  targets: PublicationTargets,
  shown: ShownNow,
  mode: PublicationMode,
): PlannedPublication[] {
  const { skus, channelIds, quantities } = targets;
  const width = channelIds.length;
  const publications: PlannedPublication[] = [];
  skus.forEach((sku, s) => {
    channelIds.forEach((channel, c) => {
      const quantity = quantities[s * width + c] ?? 0;
      const shownBefore = shown(sku, channel);
      if (mode === "changed" && shownBefore === quantity) return;
      publications.push({ sku, channel, quantity, shownBefore });
    });
  });
  return publications;
}

/** One SKU's allocation as publication targets. */
export function skuTargets(
  sku: string,
  allocation: SkuAllocation,
): PublicationTargets {
  return {
    skus: [sku],
    channelIds: allocation.channels.map((share) => share.channel),
    quantities: allocation.channels.map((share) => share.quantity),
  };
}

/** The SKUs rebalance recomputes: moved since their last publication. */
export function selectForRebalance(activity: Iterable<SkuActivity>): string[] {
  const selected: string[] = [];
  for (const { sku, lastPublishedAt, lastMovementAt } of activity) {
    if (lastMovementAt === null) continue;
    const moved =
      lastPublishedAt === null ||
      lastMovementAt.getTime() > lastPublishedAt.getTime();
    if (moved) selected.push(sku);
  }
  return selected;
}
