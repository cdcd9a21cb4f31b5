import { pullOrdersCommand } from "../../commands/pull-orders.js";
import type { Scenario } from "../../src/sandbox/contract.js";
import { createBenchDatabase } from "./database.js";
import { applyEnv, benchContext, prepareDatabase } from "./hub.js";
import { cpuSecondsSince, peakRssMb, secondsSince } from "./measure.js";
import { startSandboxProcess } from "./sandbox-process.js";

/** What one measured `hub pull-orders` run did and cost. */
export interface PullCycle {
  status: string;
  /** hub's own count of calls per `<api> <operation>`. */
  calls: Record<string, number>;
  /** The sandbox's count per endpoint, as a cross-check. */
  sandboxRequests: Record<string, number>;
  /** Orders hub sent, per channel and outcome. */
  channelCounts: unknown;
  wallSeconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  database: string;
  /**
   * A second pull re-reading the whole window right after, nothing changed
   * (what an overlapping window or `--since` costs): hub's calls.
   */
  rereadCalls?: Record<string, number>;
  rereadStatus?: string;
}

interface PullResult {
  counts?: { apiCalls?: Record<string, number>; channels?: unknown };
}

/**
 * One first `hub pull-orders` against a fresh sandbox process and a fresh
 * database, run in this process so that its CPU can be read here; then a
 * second pull over the same window, for its calls only.
 */
export async function measurePullCycle(
  scenario: Scenario,
  timeScale: number,
  { reread = false } = {},
): Promise<PullCycle> {
  const sandbox = await startSandboxProcess(scenario, timeScale);
  const db = await createBenchDatabase();
  try {
    await prepareDatabase(db.target, scenario);
    applyEnv({ ...sandbox.env, HUB_TIME_SCALE: String(timeScale) });
    const ctx = benchContext(db.target);
    const cpu = process.cpuUsage();
    const start = performance.now();
    const outcome = await pullOrdersCommand.run(ctx, {}, []);
    const wallSeconds = secondsSince(start);
    const cpuSeconds = cpuSecondsSince(cpu);
    const result = outcome.result as PullResult;
    const peak = peakRssMb();
    const again = reread
      ? await pullOrdersCommand.run(ctx, { since: new Date(Date.now() - 7 * 86_400_000).toISOString() }, [])
      : undefined;
    return {
      status: outcome.status,
      calls: result.counts?.apiCalls ?? {},
      sandboxRequests: await sandbox.requests(),
      channelCounts: result.counts?.channels ?? {},
      wallSeconds,
      cpuSeconds,
      peakRssMb: peak,
      database: db.label,
      ...(again
        ? {
            rereadCalls: (again.result as PullResult).counts?.apiCalls ?? {},
            rereadStatus: again.status,
          }
        : {}),
    };
  } finally {
    await sandbox.stop();
    await db.drop();
  }
}
