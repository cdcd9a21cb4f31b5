import type { Output } from "../../cli/output.js";
import type { PackageOutcome } from "./apply.js";
import type { IgnoredPackage, PlanStep } from "./types.js";

/** The columns of the summary, in the operator's order. */
export const SUMMARY_COLUMNS = [
  "pushed",
  "already_done",
  "mismatch",
  "skipped",
  "failed",
  "dead_lettered",
  "ignored",
] as const;

export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

/** Counts per channel; `(none)` holds packages of no known channel. */
export type ChannelCounts = Record<string, Record<SummaryColumn, number>>;

/** Outside any channel: shipments of stores hub does not know. */
export const NO_CHANNEL = "(none)";

function column(result: PackageOutcome["result"]): SummaryColumn {
  switch (result) {
    case "pushed":
      return "pushed";
    case "already_done":
      return "already_done";
    // Another tracking is on the marketplace: a person must correct it.
    case "mismatch":
      return "mismatch";
    case "failed":
    case "pending":
      return "failed";
    case "dead_letter":
      return "dead_lettered";
    default:
      return "skipped";
  }
}

function emptyCounts(): Record<SummaryColumn, number> {
  return {
    pushed: 0,
    already_done: 0,
    mismatch: 0,
    skipped: 0,
    failed: 0,
    dead_lettered: 0,
    ignored: 0,
  };
}

/** Tallies a run's outcomes (every channel of the run gets a row). */
export function countOutcomes(
  channels: readonly string[],
  outcomes: readonly PackageOutcome[],
  ignored: readonly IgnoredPackage[],
): ChannelCounts {
  const counts: ChannelCounts = {};
  for (const id of channels) counts[id] = emptyCounts();
  const row = (id: string): Record<SummaryColumn, number> =>
    (counts[id] ??= emptyCounts());
  for (const o of outcomes) row(o.channel)[column(o.result)] += 1;
  for (const i of ignored) row(i.channel ?? NO_CHANNEL).ignored += 1;
  return counts;
}

/** What a dry run would do, one line per package. */
export function describePlan(
  steps: readonly PlanStep[],
): Array<{ shipment: string; orderKey: string; channel: string; would: string; detail: string }> {
  return steps.map((s) => {
    const base = { shipment: s.shipmentKey, orderKey: s.orderKey, channel: s.channel };
    if (s.kind === "push") {
      const c = s.confirmation;
      const lines = c.lines.map((l) => `${l.lineId}×${l.quantity}`).join(" ");
      return {
        ...base,
        would: "push",
        detail:
          `${c.carrierCode} ${c.trackingNumber} [${lines}]` +
          (c.completesOrder ? " completes the order" : "") +
          (c.replacesTracking ? ` in place of voided ${c.replacesTracking.join(", ")}` : ""),
      };
    }
    if (s.kind === "void") {
      return {
        ...base,
        would: s.wasPushed ? "record void, alert" : "record void",
        detail: s.trackingNumber,
      };
    }
    return { ...base, would: "skip", detail: s.reason };
  });
}

/** The operator's summary: per-channel counts, and problems by package. */
export function renderTrackingSummary(
  output: Output,
  counts: ChannelCounts,
  outcomes: readonly PackageOutcome[],
): void {
  output.table(
    "push-tracking",
    ["channel", ...SUMMARY_COLUMNS],
    Object.entries(counts).map(([channel, c]) => [
      channel,
      ...SUMMARY_COLUMNS.map((k) => c[k]),
    ]),
  );
  const problems = outcomes.filter((o) =>
    ["failed", "pending", "dead_letter", "mismatch", "held", "voided_after_push"]
      .includes(o.result),
  );
  if (problems.length === 0) return;
  output.table(
    "needs attention",
    ["order", "package", "outcome", "detail"],
    problems.map((o) => [
      o.orderKey,
      o.shipmentKey,
      output.tone(o.result, o.result === "dead_letter" ? "bad" : "warn"),
      o.detail ?? "",
    ]),
  );
}

/** The dry run's table: what would be pushed where. */
export function renderTrackingPlan(
  output: Output,
  steps: readonly PlanStep[],
  ignored: readonly IgnoredPackage[],
): void {
  output.table(
    "push-tracking (dry run: nothing sent)",
    ["order", "package", "channel", "would", "detail"],
    describePlan(steps).map((d) => [d.orderKey, d.shipment, d.channel, d.would, d.detail]),
  );
  if (ignored.length > 0) output.line(`ignored: ${ignored.length} shipment(s) of orders hub did not create`);
}
