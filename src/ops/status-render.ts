import type { Output } from "../cli/output.js";
import { formatMinutes } from "./durations.js";
import type { StatusReport } from "./status-report.js";

/** Prints the status report as tables for the operator. */
export function renderStatus(out: Output, report: StatusReport): void {
  out.table(
    "last runs",
    ["command", "outcome", "age", "error"],
    report.runs.map((r) => [
      r.command,
      toneOfRun(out, r.status),
      r.ageMinutes === null ? "" : formatMinutes(r.ageMinutes),
      r.error ?? "",
    ]),
  );
  if (report.cursors.length > 0) {
    out.table(
      "cursors",
      ["channel", "stream", "read up to", "lag"],
      report.cursors.map((c) => [
        c.channel,
        c.stream,
        c.cursorAt,
        formatMinutes(c.lagMinutes),
      ]),
    );
  }
  if (report.apiCalls.length > 0) {
    out.table(
      "API calls of the last runs",
      ["command", "operation", "calls", "documented limit"],
      report.apiCalls.map((a) => [a.command, a.operation, a.calls, a.limit]),
    );
  }
  out.table(
    "pending and failed",
    ["what", "count"],
    [
      ["orders parked", report.orders.parked],
      ["orders quarantined", report.orders.quarantined],
      ["tracking pending", report.tracking.pending + report.tracking.held],
      ["tracking failed (retried)", report.tracking.failed],
      ["tracking dead-lettered", report.tracking.deadLettered],
      ["tracking mismatched (correct by hand)", report.tracking.mismatched],
      ["publications failed", report.publications.failed],
      ["publications refused", report.publications.refused],
      ["SKUs under protection", report.protectedSkus.length],
    ],
  );
  if (report.orders.quarantineReasons.length > 0) {
    out.table(
      "quarantined orders",
      ["channel", "reason", "orders"],
      report.orders.quarantineReasons.map((q) => [
        q.channel,
        q.reason,
        q.count,
      ]),
    );
  }
  if (report.protectedSkus.length > 0) {
    out.table(
      "SKUs under protection",
      ["sku", "state", "since"],
      report.protectedSkus.map((p) => [p.sku, p.state, p.since ?? ""]),
    );
  }
  for (const problem of report.problems) out.line(out.tone(problem, "bad"));
  out.line(
    report.health === "ok"
      ? out.tone("status: ok", "good")
      : out.tone(`status: ${report.problems.length} problem(s)`, "bad"),
  );
}

function toneOfRun(out: Output, status: string): string {
  if (status === "succeeded") return out.tone(status, "good");
  if (status === "failed") return out.tone(status, "bad");
  return out.tone(status, "warn");
}
