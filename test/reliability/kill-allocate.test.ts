import { afterAll, beforeAll, expect, it } from "vitest";
import { killCampaign } from "./support/kill-campaign.js";
import { runToEnd } from "./support/process.js";
import { suiteSeed } from "./support/random.js";
import { createReliabilityWorld, type ReliabilityWorld } from "./support/world.js";

/**
 * allocate killed with SIGKILL at random points while Zoho's stock moves,
 * then run to the end: shadow stock is Zoho's figure minus the open
 * orders, every marketplace shows what hub recorded, no run stays open.
 */

const SEED = suiteSeed(20_261_206);
const ORDERS = 80;
const SKUS = 60;
const STOCK_MOVES_PER_KILL = 15;
const ROUNDS = 4;
const KILLS_PER_ROUND = 5;

let world: ReliabilityWorld;

beforeAll(async () => {
  world = await createReliabilityWorld(SEED, { orders: ORDERS, skus: SKUS, cancelledShare: 0.1 });
  // Deductions first: shadow stock from scratch counts every open order.
  const pull = await runToEnd(["pull-orders", "--json"], world.env);
  expect(pull.code, pull.stderr.slice(-500)).toBe(0);
}, 120_000);
afterAll(async () => {
  await world.close();
});

it("survives kill -9 anywhere in allocate", async () => {
  const report = await killCampaign(world, {
    args: ["allocate"],
    rounds: ROUNDS,
    killsPerRound: KILLS_PER_ROUND,
    // No order arrives meanwhile, so marketplaces show exactly what was sent.
    publications: true,
    prepare: () => world.moveStock(STOCK_MOVES_PER_KILL),
  });
  const context = `seed ${SEED} (HUB_TEST_SEED=${SEED} replays), clean run ${report.cleanMs} ms, kills ${JSON.stringify(report.kills)}`;
  expect(report.badExits, context).toEqual([]);
  expect(report.problems, context).toEqual([]);
  expect(report.kills.filter((k) => k.killed).length, context).toBeGreaterThanOrEqual(ROUNDS * KILLS_PER_ROUND * 0.5);
}, 600_000);
