import type { Output } from "../../cli/output.js";

/** What one channel's pull did, for the summary and `--json`. */
export interface ChannelReport {
  channel: string;
  counts: Record<string, number>;
  /** Orders left undone this run (retried next run). */
  undone: number;
  error?: string;
  orders: Array<{ orderKey: string; action: string; reason?: string; deduct: number }>;
}

const COLUMNS = ["created", "updated", "adopted", "unchanged", "park", "quarantine", "cancel", "hold", "failed"];

/** The operator's table: one row per channel, counts by outcome. */
export function renderPullSummary(output: Output, reports: readonly ChannelReport[], dryRun: boolean): void {
  if (dryRun) {
    output.table(
      "pull-orders (dry run: nothing sent)",
      ["order", "would", "why", "units held"],
      reports.flatMap((r) => r.orders.map((o) => [o.orderKey, o.action, o.reason ?? "", o.deduct])),
    );
  }
  output.table(
    dryRun ? "planned per channel" : "pull-orders",
    ["channel", ...COLUMNS, "error"],
    reports.map((r) => [
      r.channel,
      ...COLUMNS.map((c) => r.counts[c] ?? r.counts[c === "created" ? "send" : c] ?? 0),
      r.error ? output.tone(r.error, "bad") : "",
    ]),
  );
}
