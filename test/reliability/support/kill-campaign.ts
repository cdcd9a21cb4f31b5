import { ageFolderLock, killAfter, runToEnd } from "./process.js";
import { endStateProblems, shippedInHub, unfinishedRows } from "./invariants.js";
import type { ReliabilityWorld } from "./world.js";

/** How one campaign of kills against one pipeline is run. */
export interface CampaignSpec {
  /** e.g. `["pull-orders"]`. */
  args: string[];
  rounds: number;
  killsPerRound: number;
  /** Gives the pipeline fresh work before each kill and before calibration (round 0). */
  prepare(round: number): Promise<void>;
  /** Runs that must end cleanly after the kills, before the checks (other pipelines). */
  after?: string[][];
  /** Compare marketplace quantities with hub's records (no sales meanwhile). */
  publications: boolean;
}

/** What happened, for the assertions and their messages. */
export interface CampaignReport {
  cleanMs: number;
  /** Kill delays in ms, and whether the process was still running then. */
  kills: Array<{ round: number; delayMs: number; killed: boolean }>;
  /** Problems of the end state after each round, with the round number. */
  problems: string[];
  /** Runs that should have ended cleanly but did not. */
  badExits: string[];
}

/**
 * Calibrates on one clean run, then per round several times fresh work and
 * a SIGKILL at a seeded random point within the clean duration; then one
 * run to completion and the end-state checks.
 */
export async function killCampaign(world: ReliabilityWorld, spec: CampaignSpec): Promise<CampaignReport> {
  const report: CampaignReport = { cleanMs: 0, kills: [], problems: [], badExits: [] };
  /** Runs to the end and checks; returns how long the pipeline's run took. */
  const complete = async (round: number): Promise<number> => {
    let runMs = 0;
    for (const args of [spec.args, ...(spec.after ?? [])]) {
      const started = Date.now();
      const run = await runToEnd([...args, "--json"], world.env);
      if (args === spec.args) runMs = Date.now() - started;
      if (run.code !== 0) report.badExits.push(`round ${round} ${args.join(" ")}: exit ${String(run.code)} ${run.stdout.slice(-400)} ${run.stderr.slice(-800)}`);
    }
    const problems = [
      ...(await endStateProblems(world, { publications: spec.publications })),
      ...(await shippedInHub(world)),
    ];
    report.problems.push(...problems.map((p) => `round ${round}: ${p}`));
    if (problems.length > 0) report.problems.push(`round ${round} ledger: ${await unfinishedRows(world)}`);
    return runMs;
  };

  await spec.prepare(0);
  // Kill points fall within one clean run of the pipeline itself (not the
  // checks after it), so most of them land while it works.
  report.cleanMs = await complete(0);

  for (let round = 1; round <= spec.rounds; round++) {
    for (let k = 0; k < spec.killsPerRound; k++) {
      await spec.prepare(round);
      const delayMs = world.rng.int(0, report.cleanMs);
      const { killed } = await killAfter([...spec.args, "--json"], world.env, delayMs);
      report.kills.push({ round, delayMs, killed });
      await ageFolderLock(world.hub.db);
    }
    await complete(round);
  }
  return report;
}

