import { afterAll, beforeAll, expect, it } from "vitest";
import { killCampaign } from "./support/kill-campaign.js";
import { runToEnd } from "./support/process.js";
import { suiteSeed } from "./support/random.js";
import { createReliabilityWorld, type ReliabilityWorld } from "./support/world.js";

/**
 * push-tracking killed with SIGKILL at random points while packages leave
 * the warehouse, then run to the end: every package's tracking reaches its
 * marketplace exactly once, none is lost, no run stays open.
 */

const SEED = suiteSeed(20_261_205);
const ORDERS = 160;
const SHIPPED_PER_KILL = 6;
const ROUNDS = 4;
const KILLS_PER_ROUND = 5;

let world: ReliabilityWorld;

beforeAll(async () => {
  world = await createReliabilityWorld(SEED, { orders: ORDERS, skus: 40, cancelledShare: 0.05 });
  for (const command of ["allocate", "pull-orders"]) {
    const run = await runToEnd([command, "--json"], world.env);
    expect(run.code, run.stderr.slice(-500)).toBe(0);
  }
}, 120_000);
afterAll(async () => {
  await world.close();
});

it("survives kill -9 anywhere in push-tracking", async () => {
  const report = await killCampaign(world, {
    args: ["push-tracking"],
    rounds: ROUNDS,
    killsPerRound: KILLS_PER_ROUND,
    publications: false,
    prepare: async () => {
      await world.shipSome(SHIPPED_PER_KILL);
    },
  });
  const context = `seed ${SEED} (HUB_TEST_SEED=${SEED} replays), clean run ${report.cleanMs} ms, kills ${JSON.stringify(report.kills)}`;
  expect(report.badExits, context).toEqual([]);
  expect(report.problems, context).toEqual([]);
  expect(report.kills.filter((k) => k.killed).length, context).toBeGreaterThanOrEqual(ROUNDS * KILLS_PER_ROUND * 0.5);
}, 600_000);
