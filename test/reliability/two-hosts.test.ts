import { afterAll, beforeAll, expect, it } from "vitest";
import { onServer } from "../support/db.js";
import { endStateProblems } from "./support/invariants.js";
import { runToEnd } from "./support/process.js";
import { suiteSeed } from "./support/random.js";
import { createReliabilityWorld, type ReliabilityWorld } from "./support/world.js";

/**
 * Two "hosts" run the same crontab (pull-orders, push-tracking, allocate
 * in a loop) against one PostgreSQL server while the marketplaces take
 * new orders and the warehouse ships: the advisory locks keep one run per
 * command at a time, so no order, push or deduction happens twice.
 */

const SEED = suiteSeed(20_261_213);
const DURATION_MS = Number(process.env.HUB_TEST_TWO_HOSTS_MS ?? "45000");
const ORDERS = 60;
const PRODUCER_PAUSE_MS = 1_500;
const ORDERS_PER_TICK = 3;
const SHIPPED_PER_TICK = 2;
const CRONTAB = ["pull-orders", "push-tracking", "allocate"];

let world: ReliabilityWorld;

beforeAll(async () => {
  if (!onServer) return;
  world = await createReliabilityWorld(SEED, { orders: ORDERS, skus: 30, cancelledShare: 0.1 });
}, 120_000);
afterAll(async () => {
  if (!onServer) return;
  await world.close();
});

async function host(name: string, until: number, log: string[]): Promise<void> {
  while (Date.now() < until) {
    for (const command of CRONTAB) {
      const run = await runToEnd([command, "--json"], world.env);
      if (run.code !== 0) log.push(`${name} ${command}: exit ${String(run.code)} ${run.stdout.slice(-300)}`);
    }
  }
}

async function producer(until: number): Promise<void> {
  while (Date.now() < until) {
    await world.addOrders(ORDERS_PER_TICK);
    await world.shipSome(SHIPPED_PER_TICK);
    await new Promise((resolve) => setTimeout(resolve, PRODUCER_PAUSE_MS));
  }
}

it.runIf(onServer)("two hosts on one crontab never do anything twice", async () => {
  const until = Date.now() + DURATION_MS;
  const log: string[] = [];
  await Promise.all([host("host-a", until, log), host("host-b", until, log), producer(until)]);
  // One last tick on one host takes in what the producer added at the end.
  for (const command of CRONTAB) {
    const run = await runToEnd([command, "--json"], world.env);
    if (run.code !== 0) log.push(`final ${command}: exit ${String(run.code)}`);
  }
  const runs = (await world.query((knex) => knex("task_executions").select("id", "command", "status", "ended_at"))) as Array<{
    id: number;
    command: string;
    status: string;
    ended_at: Date | null;
  }>;
  const context = `seed ${SEED}, ${runs.length} runs`;
  const badRuns = runs.filter((r) => !["succeeded", "partial", "failed", "skipped"].includes(r.status) || r.ended_at === null);
  expect(badRuns, context).toEqual([]);
  expect(runs.some((r) => r.status === "skipped"), `${context}: the hosts never overlapped`).toBe(true);
  expect(log, context).toEqual([]);
  expect(await endStateProblems(world, { publications: false }), context).toEqual([]);
}, 300_000);
