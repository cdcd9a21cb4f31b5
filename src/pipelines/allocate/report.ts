import type { Output } from "../../cli/output.js";
import type { PipelineResult } from "../../runs/run-pipeline.js";
import type { ChainRow } from "./chain.js";
import type { EngineResult } from "./engine.js";
import { totals } from "./summary.js";

/** What a run reports besides the engine's result. */
export interface RunNotes {
  command: "allocate" | "rebalance";
  skus: number;
  /** SKUs asked for or published before but without a figure now. */
  missing: string[];
  /** SKUs left out of the snapshot, with why. */
  rejected: Array<{ sku: string; reason: string }>;
}

/** The pipeline result of an engine run: status, counts, table. */
export function engineReport(
  engine: EngineResult,
  notes: RunNotes,
  dryRun: boolean,
): PipelineResult {
  const sum = totals(engine.summary);
  const counts = {
    skus: notes.skus,
    ...sum,
    missing: notes.missing.length,
    closed: engine.closed,
  };
  const stopped = engine.stoppedBy !== null && !dryRun;
  const troubled = sum.failed + sum.refused + sum.held > 0;
  const status = stopped ? "failed" : troubled ? "partial" : "succeeded";
  const result = {
    dryRun,
    channels: engine.summary,
    missing: notes.missing,
    rejected: notes.rejected,
    stoppedBy: engine.stoppedBy,
    problems: engine.outcomes
      .filter((o) => o.status !== "sent")
      .map(({ sku, channel, quantity, status: s, error }) => ({
        sku,
        channel,
        quantity,
        status: s,
        error,
      })),
    ...(engine.rows ? { rows: engine.rows } : {}),
  };
  return {
    status,
    counts,
    result,
    ...(stopped ? { error: `stopped by a guard: ${engine.stoppedBy}` } : {}),
    render: (out) => renderRun(out, notes, engine, dryRun),
  };
}

/** A run that stopped before planning (a failed stock read). */
export function failedReport(command: string, reason: string): PipelineResult {
  const error = `${command} published nothing: ${reason}`;
  return {
    status: "failed",
    counts: { sent: 0 },
    result: { error },
    error,
    render: (out) => out.line(out.tone(error, "bad")),
  };
}

function renderRun(
  out: Output,
  notes: RunNotes,
  engine: EngineResult,
  dryRun: boolean,
): void {
  if (engine.rows) renderChain(out, engine.rows);
  const planned = (channel: string): number =>
    engine.plan.send.filter((p) => p.channel === channel).length;
  out.table(
    `${notes.command}${dryRun ? " (dry run: nothing sent)" : ""}`,
    ["channel", dryRun ? "to send" : "sent", "unchanged", "failed", "refused", "held"],
    engine.summary.map((r) => [
      r.channel,
      dryRun ? planned(r.channel) : r.sent,
      r.unchanged,
      r.failed,
      r.refused,
      r.held,
    ]),
  );
  for (const o of engine.outcomes) {
    if (o.status !== "sent") {
      out.line(out.tone(`${o.channel} ${o.sku} → ${o.quantity}: ${o.status}: ${o.error ?? ""}`, "warn"));
    }
  }
  if (notes.missing.length > 0) {
    out.line(out.tone(`no stock figure, not published: ${notes.missing.join(", ")}`, "warn"));
  }
  for (const r of notes.rejected) out.line(out.tone(`left out ${r.sku}: ${r.reason}`, "warn"));
  if (engine.stoppedBy !== null) {
    const verb = dryRun ? "would stop" : "stopped, nothing sent";
    out.line(out.tone(`${verb}: ${engine.stoppedBy}`, "bad"));
  }
}

function renderChain(out: Output, rows: readonly ChainRow[]): void {
  out.table(
    "quantities per SKU and channel",
    [
      "sku",
      "channel",
      "zoho",
      "deducted",
      "shadow",
      "safety",
      "sellable",
      "ratio",
      "cap",
      "target",
      "shown now",
      "action",
    ],
    rows.map((r) => [
      r.sku,
      r.channel,
      r.zohoAvailable,
      r.openDeductions,
      r.shadowAvailable,
      r.safetyStock,
      r.sellable,
      `${r.ratio} %`,
      `${r.cap} %`,
      r.target,
      r.shownNow ?? "never sent",
      r.action,
    ]),
  );
}
