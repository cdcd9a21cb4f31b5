import type { Knex } from "knex";
import { Gauge, Registry } from "prom-client";
import { listCursors } from "../storage/cursors.js";
import { inboxDepth } from "../storage/repos/inbox.js";
import { countTotals, lastSuccesses, runsByStatus } from "./run-stats.js";

/** The Prometheus content type prom-client writes. */
export const METRICS_CONTENT_TYPE = new Registry().contentType;

function gauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
): Gauge<L> {
  return new Gauge({ name, help, labelNames, registers: [registry] });
}

const HELP = {
  runs: "recorded runs by command and status",
  counts:
    "sum of one count (items, failures, retries, ...) over a command's runs",
  success: "end of the last successful run of a command",
  depth: "webhook events waiting for a pipeline run",
  lag: "how far behind now a channel's stream cursor is",
  up: "1 when the database answered this scrape",
};

/**
 * Every figure is read from the database at scrape time, so several hub
 * hosts (and restarts of this one) all report the same shared state.
 */
async function fill(db: Knex, registry: Registry, now: Date): Promise<void> {
  const runs = gauge(registry, "hub_runs", HELP.runs, ["command", "status"]);
  for (const r of await runsByStatus(db)) {
    runs.set({ command: r.command, status: r.status }, r.runs);
  }

  const counts = gauge(registry, "hub_run_counts", HELP.counts, [
    "command",
    "channel",
    "key",
  ]);
  for (const c of await countTotals(db)) {
    counts.set({ command: c.command, channel: c.channel, key: c.key }, c.total);
  }

  const success = gauge(
    registry,
    "hub_last_success_timestamp_seconds",
    HELP.success,
    ["command"],
  );
  for (const s of await lastSuccesses(db)) {
    success.set({ command: s.command }, s.endedAt.getTime() / 1000);
  }

  const depth = gauge(registry, "hub_webhook_inbox_depth", HELP.depth, [
    "source",
  ]);
  for (const d of await inboxDepth(db)) {
    depth.set({ source: d.source }, d.waiting);
  }

  const lag = gauge(registry, "hub_cursor_lag_seconds", HELP.lag, [
    "channel",
    "stream",
  ]);
  for (const c of await listCursors(db)) {
    const seconds = (now.getTime() - c.cursorAt.getTime()) / 1000;
    lag.set({ channel: c.channel, stream: c.stream }, seconds);
  }
}

/**
 * The Prometheus text for one scrape. When the database does not answer,
 * only `hub_database_up 0` is reported and the error is returned.
 */
export async function renderMetrics(
  db: Knex,
  now: Date = new Date(),
): Promise<{ text: string; error?: unknown }> {
  const registry = new Registry();
  try {
    await fill(db, registry, now);
    gauge(registry, "hub_database_up", HELP.up, []).set(1);
    return { text: await registry.metrics() };
  } catch (error) {
    // Half-filled gauges would read as real zeros: report only the outage.
    const alone = new Registry();
    gauge(alone, "hub_database_up", HELP.up, []).set(0);
    return { text: await alone.metrics(), error };
  }
}
