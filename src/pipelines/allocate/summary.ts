import type { AllocationPlan } from "./plan.js";
import type { PublicationOutcome } from "./publish.js";

/** What one channel got from a run. */
export interface ChannelSummary {
  channel: string;
  sent: number;
  unchanged: number;
  failed: number;
  refused: number;
  /** Given up after `retry_attempts`; not sent this run. */
  held: number;
}

/** Counts per channel, in the order channels are published to. */
export function summarise(
  publishTo: readonly string[],
  plan: AllocationPlan,
  outcomes: readonly PublicationOutcome[],
): ChannelSummary[] {
  const rows = new Map<string, ChannelSummary>();
  for (const channel of publishTo) {
    rows.set(channel, {
      channel,
      sent: 0,
      unchanged: plan.unchanged.get(channel) ?? 0,
      failed: 0,
      refused: 0,
      held: 0,
    });
  }
  for (const held of plan.held) {
    const row = rows.get(held.channel);
    if (row) row.held += 1;
  }
  for (const outcome of outcomes) {
    const row = rows.get(outcome.channel);
    if (row) row[outcome.status] += 1;
  }
  return [...rows.values()];
}

/** Counts summed over channels. */
export type Totals = Omit<ChannelSummary, "channel">;

/** Totals over channels, for the run row. */
export function totals(rows: readonly ChannelSummary[]): Totals {
  const sum = { sent: 0, unchanged: 0, failed: 0, refused: 0, held: 0 };
  for (const row of rows) {
    sum.sent += row.sent;
    sum.unchanged += row.unchanged;
    sum.failed += row.failed;
    sum.refused += row.refused;
    sum.held += row.held;
  }
  return sum;
}
