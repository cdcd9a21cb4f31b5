import { afterAll, beforeAll, expect, it } from "vitest";
import { knownOrders } from "./support/order-keys.js";
import { killCampaign } from "./support/kill-campaign.js";
import { runToEnd } from "./support/process.js";
import { suiteSeed } from "./support/random.js";
import { createReliabilityWorld, justReadable, type ReliabilityWorld } from "./support/world.js";

/**
 * pull-orders killed with SIGKILL at random points, then run to the end:
 * every ready order reaches ShipStation once, every line is deducted once,
 * cancellations give their units back, and no run is left open.
 */

const SEED = suiteSeed(20_261_204);
const INITIAL_ORDERS = 80;
const ORDERS_PER_KILL = 20;
const CANCELS_PER_KILL = 2;
const ROUNDS = 4;
const KILLS_PER_ROUND = 5;
const RECENT_MS = 10 * 60_000;

let world: ReliabilityWorld;

beforeAll(async () => {
  world = await createReliabilityWorld(SEED, { orders: INITIAL_ORDERS, skus: 40, cancelledShare: 0.1 });
  // A snapshot first, so that shadow stock has something to deduct from.
  const allocate = await runToEnd(["allocate", "--json"], world.env);
  expect(allocate.code, allocate.stderr.slice(-500)).toBe(0);
}, 120_000);
afterAll(async () => {
  await world.close();
});

it("survives kill -9 anywhere in pull-orders", async () => {
  const report = await killCampaign(world, {
    args: ["pull-orders"],
    rounds: ROUNDS,
    killsPerRound: KILLS_PER_ROUND,
    publications: false,
    async prepare(round) {
      await world.addOrders(ORDERS_PER_KILL);
      if (round > 0) await cancelSome(CANCELS_PER_KILL);
    },
  });
  const context = `seed ${SEED} (HUB_TEST_SEED=${SEED} replays), clean run ${report.cleanMs} ms, kills ${JSON.stringify(report.kills)}`;
  expect(report.badExits, context).toEqual([]);
  expect(report.problems, context).toEqual([]);
  expect(report.kills.filter((k) => k.killed).length, context).toBeGreaterThanOrEqual(ROUNDS * KILLS_PER_ROUND * 0.5);
}, 600_000);

/**
 * The marketplace cancels an order. Amazon's window ends two minutes behind
 * its clock, so an Amazon cancellation is back-dated into what hub may read
 * (replacing the order); other stand-ins keep per-order ids that a
 * replacement would renumber, so they take the cancel route.
 */
async function cancel(channel: string, orderId: string): Promise<void> {
  const order = world.hub.sandbox.world.order(channel, orderId);
  if (channel !== "amazon-us" || !order) {
    await world.control("/orders/cancel", { channel, order_id: orderId });
    return;
  }
  const { tracking, acceptance, vendor, ...scenario } = order;
  void [tracking, acceptance, vendor];
  await world.control("/orders", { ...scenario, status: "cancelled", updated_at: justReadable() });
}

/** The marketplace cancels a few orders hub already sent. */
async function cancelSome(count: number): Promise<void> {
  const sent = new Set(
    world.hub.sandbox
      .state()
      .shipstation.orders.filter((o) => o.orderStatus === "awaiting_shipment")
      .map((o) => String(o.orderKey)),
  );
  // Rithum is read by creation date: only a recent order's cancellation can
  // reach hub, so cancel among the orders added in earlier rounds.
  const recent = Date.now() - RECENT_MS;
  const open = knownOrders(world.hub.sandbox).filter(
    (o) => sent.has(o.orderKey) && Date.parse(world.hub.sandbox.world.order(o.channel, o.scenarioId)?.created_at ?? "") > recent,
  );
  for (let i = 0; i < count && open.length > 0; i++) {
    const order = open.splice(world.rng.int(0, open.length - 1), 1)[0];
    if (order) await cancel(order.channel, order.scenarioId);
  }
}
