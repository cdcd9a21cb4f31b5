import { afterAll, beforeAll, expect, it } from "vitest";
import type { HubRun } from "../support/cli.js";
import { onServer } from "../support/db.js";
import { ledgerClean, ordersHeldOnce, shadowFromScratch, trackingOnce } from "./support/invariants.js";
import { runToEnd, startHub } from "./support/process.js";
import { suiteSeed } from "./support/random.js";
import { startProxy, type CuttableProxy } from "./support/tcp-proxy.js";
import { createReliabilityWorld, type ReliabilityWorld } from "./support/world.js";

/**
 * The link to PostgreSQL is cut in the middle of each pipeline (a TCP proxy
 * between hub and the server, so the machine's server keeps running): the
 * run ends with exit 1 in bounded time, and the next run completes and
 * leaves the state right. Server only: the embedded database has no link.
 */

const SEED = suiteSeed(20_261_209);
const ORDERS = 120;
const CUTS_PER_PIPELINE = 2;
const RUN_LIMIT_MS = 60_000;
const POLL_MS = 20;

let world: ReliabilityWorld;
let proxy: CuttableProxy;
let env: Record<string, string>;

beforeAll(async () => {
  if (!onServer) return;
  world = await createReliabilityWorld(SEED, { orders: ORDERS, skus: 40, cancelledShare: 0.1 });
  const url = new URL(world.env.DATABASE_URL ?? "");
  proxy = await startProxy({ host: url.hostname, port: Number(url.port || "5432") });
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  env = { ...world.env, DATABASE_URL: url.toString() };
}, 120_000);
afterAll(async () => {
  if (!onServer) return;
  await proxy.close();
  await world.close();
});

/** Waits until the run has its row (it is inside the body), then a little more. */
async function cutMidRun(command: string, extraMs: number): Promise<HubRun> {
  const before = await world.query((knex) => knex("task_executions").max({ id: "id" }).first());
  const hub = startHub([command, "--json"], env);
  const deadline = Date.now() + RUN_LIMIT_MS;
  for (;;) {
    const row = await world.query((knex) =>
      knex("task_executions").where("id", ">", Number(before?.id ?? 0)).andWhere({ command }).first(),
    );
    if (row || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  await new Promise((resolve) => setTimeout(resolve, extraMs));
  proxy.cut();
  const timer = setTimeout(() => hub.kill(), RUN_LIMIT_MS);
  const run = await hub.done;
  clearTimeout(timer);
  proxy.restore();
  return run;
}

/**
 * The status of the `--json` result a run printed, or why there is none. A
 * run that ends without one did not finish, whatever its exit code says.
 */
function reported(run: HubRun): string {
  try {
    const result = JSON.parse(run.stdout) as { status?: unknown };
    return typeof result.status === "string" ? result.status : "a result without a status";
  } catch {
    return `no result (stdout ${JSON.stringify(run.stdout.slice(-200))}, stderr ${JSON.stringify(run.stderr.slice(-300))})`;
  }
}

it.runIf(onServer)("a run that loses its database fails cleanly and the next one completes", async () => {
  const exits: string[] = [];
  const cutCodes: Array<number | null> = [];
  const steps: Array<[string, () => Promise<unknown>]> = [
    ["allocate", () => world.moveStock(20)],
    ["pull-orders", () => world.addOrders(40)],
    ["push-tracking", () => world.shipSome(20)],
  ];
  for (const [command, prepare] of steps) {
    for (let i = 0; i < CUTS_PER_PIPELINE; i++) {
      await prepare();
      const cut = await cutMidRun(command, world.rng.int(0, 400));
      const code = cut.code;
      cutCodes.push(code);
      // Exit 0 is acceptable only if the run had already finished its work
      // and says so; either way the run reports how it ended.
      if (code !== 1 && code !== 0) exits.push(`${command} cut ${i}: exit ${String(code)}`);
      const status = reported(cut);
      if (code === 0 && status !== "succeeded" && status !== "skipped") exits.push(`${command} cut ${i}: exit 0, but ${status}`);
      if (code === 1 && status !== "failed" && status !== "partial") exits.push(`${command} cut ${i}: exit 1, but ${status}`);
      // A lost database is the server's trouble, not a fault to report.
      if (/fault in hub itself/.test(cut.stdout + cut.stderr)) exits.push(`${command} cut ${i}: reported as a fault in hub: ${cut.stdout.slice(-300)}`);
      const next = await runToEnd([command, "--json"], env);
      if (next.code !== 0) exits.push(`${command} after cut ${i}: exit ${String(next.code)} ${next.stdout.slice(-500)}`);
    }
  }
  // Deductions of the pulled orders against a fresh snapshot.
  for (const command of ["pull-orders", "allocate"]) {
    const run = await runToEnd([command, "--json"], env);
    if (run.code !== 0) exits.push(`final ${command}: exit ${String(run.code)}`);
  }
  const context = `seed ${SEED}`;
  expect(exits, context).toEqual([]);
  expect(cutCodes.filter((c) => c === 1).length, `${context}: exits ${JSON.stringify(cutCodes)}`).toBeGreaterThanOrEqual(steps.length);
  expect([...ordersHeldOnce(world), ...trackingOnce(world)], context).toEqual([]);
  expect([...(await shadowFromScratch(world)), ...(await ledgerClean(world))], context).toEqual([]);
}, 400_000);
