import type { AllocationChannel } from "../../inventory/allocation-channel.js";
import {
  shownNow,
  unitsSoldSince,
  type ChannelSale,
  type ShownNow,
} from "../../inventory/publication-plan.js";
import type { LastSent } from "../../storage/repos/publications.js";

/** A sale as the ledger records it: the deduction of one order line. */
export interface LedgerSale {
  channel: string;
  sku: string;
  quantity: number;
  openedAt: Date;
}

/** The key of one SKU on one channel in lookups. */
export function pairKey(sku: string, channel: string): string {
  return `${sku}\u0000${channel}`;
}

/**
 * What each channel shows now: its last accepted quantity minus the units
 * sold there since. Channels of one quantity group share one listing, so a
 * sale on any member lowers what all of them show.
 */
export function shownNowLookup(
  lastSent: readonly LastSent[],
  sales: readonly LedgerSale[],
  channels: readonly AllocationChannel[],
): ShownNow {
  const sent = new Map<string, LastSent>();
  for (const row of lastSent) sent.set(pairKey(row.sku, row.channel), row);
  const salesBySku = new Map<string, ChannelSale[]>();
  for (const sale of sales) {
    const list = salesBySku.get(sale.sku) ?? [];
    list.push({
      channel: sale.channel,
      quantity: sale.quantity,
      soldAt: sale.openedAt,
    });
    salesBySku.set(sale.sku, list);
  }
  const members = groupMembers(channels);
  return (sku, channel) => {
    const last = sent.get(pairKey(sku, channel));
    if (last === undefined) return null;
    const sold = unitsSoldSince(
      salesBySku.get(sku) ?? [],
      members.get(channel) ?? new Set([channel]),
      last.sentAt,
    );
    return shownNow(last.quantity, sold);
  };
}

/** The earliest last-sent time: sales before it change nothing shown. */
export function earliestSent(lastSent: readonly LastSent[]): Date | null {
  let earliest: Date | null = null;
  for (const row of lastSent) {
    if (earliest === null || row.sentAt < earliest) earliest = row.sentAt;
  }
  return earliest;
}

function groupMembers(
  channels: readonly AllocationChannel[],
): Map<string, Set<string>> {
  const byGroup = new Map<string, Set<string>>();
  for (const channel of channels) {
    const group = channel.group ?? null;
    if (group === null) continue;
    const set = byGroup.get(group) ?? new Set<string>();
    set.add(channel.id);
    byGroup.set(group, set);
  }
  const members = new Map<string, Set<string>>();
  for (const channel of channels) {
    const group = channel.group ?? null;
    const set = group === null ? undefined : byGroup.get(group);
    members.set(channel.id, set ?? new Set([channel.id]));
  }
  return members;
}
