import type { Knex } from "knex";
import type { Settings } from "../config/settings.js";
import { latestRuns } from "../runs/task-executions.js";
import { listCursors } from "../storage/cursors.js";
import { mappingCounts } from "../storage/repos/order-mappings.js";
import {
  protectedSkus,
  publicationProblems,
  quarantineReasons,
  trackingStatusCounts,
} from "../storage/repos/status-counts.js";
import { asDate } from "../storage/repos/status-values.js";
import { apiUse, type ApiUse } from "./api-limits.js";
import { minutesBetween } from "./durations.js";
import { SCHEDULED_COMMANDS } from "./schedule.js";
import { checkWatchdog, type WatchdogFinding } from "./watchdog.js";

/** The last run of one command as status shows it. */
export interface RunLine {
  command: string;
  /** The run's status, or "never". */
  status: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Minutes since it ended (or started, while running); null if never. */
  ageMinutes: number | null;
  error: string | null;
}

/** Everything `hub status` reports; also its `--json` result. */
export interface StatusReport {
  /** "ok", or "attention" when the command exits 1. */
  health: "ok" | "attention";
  checkedAt: string;
  runs: RunLine[];
  cursors: Array<{
    channel: string;
    stream: string;
    cursorAt: string;
    lagMinutes: number;
  }>;
  orders: {
    parked: number;
    quarantined: number;
    byStatus: Record<string, number>;
    quarantineReasons: Array<{
      channel: string;
      reason: string;
      count: number;
    }>;
  };
  tracking: {
    pending: number;
    held: number;
    failed: number;
    deadLettered: number;
    /** Another tracking already on the marketplace: corrected by hand. */
    mismatched: number;
  };
  publications: {
    failed: number;
    refused: number;
    byChannel: Array<{ channel: string; status: string; count: number }>;
  };
  protectedSkus: Array<{ sku: string; state: string; since: string | null }>;
  watchdog: Array<Omit<WatchdogFinding, "lastAt"> & { lastAt: string | null }>;
  /** API calls of each command's last run, with the documented limits. */
  apiCalls: ApiUse[];
  /** Why the health is "attention", one line each. */
  problems: string[];
}

/** What the report is computed from. */
export interface StatusFacts {
  runs: Awaited<ReturnType<typeof latestRuns>>;
  cursors: Awaited<ReturnType<typeof listCursors>>;
  mappings: Record<string, number>;
  quarantine: Awaited<ReturnType<typeof quarantineReasons>>;
  tracking: Record<string, number>;
  publications: Awaited<ReturnType<typeof publicationProblems>>;
  protectedSkus: Awaited<ReturnType<typeof protectedSkus>>;
  findings: WatchdogFinding[];
}

/** Reads every fact `hub status` shows. */
export async function readStatusFacts(
  knex: Knex,
  settings: Settings,
  now: Date,
): Promise<StatusFacts> {
  return {
    runs: await latestRuns(knex),
    cursors: await listCursors(knex),
    mappings: await mappingCounts(knex),
    quarantine: await quarantineReasons(knex),
    tracking: await trackingStatusCounts(knex),
    publications: await publicationProblems(knex),
    protectedSkus: await protectedSkus(knex),
    findings: await checkWatchdog(knex, settings, now),
  };
}

/** The status report for these facts at `now`: pure, no I/O. */
export function buildStatusReport(facts: StatusFacts, now: Date): StatusReport {
  const tracking = {
    pending: facts.tracking.pending ?? 0,
    held: facts.tracking.held ?? 0,
    failed: facts.tracking.failed ?? 0,
    deadLettered: facts.tracking.dead_letter ?? 0,
    mismatched: facts.tracking.mismatch ?? 0,
  };
  const sumOf = (status: string): number =>
    facts.publications
      .filter((p) => p.status === status)
      .reduce((n, p) => n + p.count, 0);
  const problems = [
    ...facts.findings.map((f) => f.message),
    ...(tracking.deadLettered > 0
      ? [
          `${tracking.deadLettered} tracking push(es) dead-lettered: fix the ` +
            "cause named in the alert, then push them by hand on the marketplace",
        ]
      : []),
    ...(tracking.mismatched > 0
      ? [
          `${tracking.mismatched} package(s) whose marketplace shows another ` +
            "tracking number: correct them on the marketplace (the alerts name each)",
        ]
      : []),
  ];
  return {
    health: problems.length > 0 ? "attention" : "ok",
    checkedAt: now.toISOString(),
    runs: runLines(facts.runs, now),
    apiCalls: apiUse(facts.runs),
    cursors: facts.cursors.map((c) => ({
      channel: c.channel,
      stream: c.stream,
      cursorAt: c.cursorAt.toISOString(),
      lagMinutes: minutesBetween(c.cursorAt, now),
    })),
    orders: {
      parked: facts.mappings.parked ?? 0,
      quarantined: facts.mappings.quarantined ?? 0,
      byStatus: facts.mappings,
      quarantineReasons: facts.quarantine,
    },
    tracking,
    publications: {
      failed: sumOf("failed"),
      refused: sumOf("refused"),
      byChannel: facts.publications,
    },
    protectedSkus: facts.protectedSkus.map((p) => ({
      sku: p.sku,
      state: p.state,
      since: p.since?.toISOString() ?? null,
    })),
    watchdog: facts.findings.map((f) => ({
      ...f,
      lastAt: f.lastAt?.toISOString() ?? null,
    })),
    problems,
  };
}

function runLines(runs: StatusFacts["runs"], now: Date): RunLine[] {
  const seen = new Set(runs.map((r) => r.command));
  const lines: RunLine[] = runs.map((r) => {
    const started = asDate(r.started_at);
    const ended = asDate(r.ended_at);
    const reference = ended ?? started;
    return {
      command: r.command,
      status: r.status,
      startedAt: started?.toISOString() ?? null,
      endedAt: ended?.toISOString() ?? null,
      ageMinutes: reference ? minutesBetween(reference, now) : null,
      error: r.error,
    };
  });
  for (const command of SCHEDULED_COMMANDS) {
    if (seen.has(command)) continue;
    lines.push({
      command,
      status: "never",
      startedAt: null,
      endedAt: null,
      ageMinutes: null,
      error: null,
    });
  }
  return lines.sort((a, b) => a.command.localeCompare(b.command));
}
