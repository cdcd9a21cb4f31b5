import type { Knex } from "knex";
import type { ScenarioOrder } from "../../../src/sandbox/contract.js";
import { writeSetting } from "../../../src/config/store.js";
import { createHubWorld, type HubWorld } from "../../support/hub-world.js";
import { createRng, type Rng } from "./random.js";
import { generateOrder, generateScenario, type ScenarioSize } from "./scenario.js";

/** A hub world with a generated scenario and the means to grow it. */
export interface ReliabilityWorld {
  hub: HubWorld;
  rng: Rng;
  /** Environment of every hub process the test starts. */
  env: Record<string, string>;
  query<T>(body: (knex: Knex) => Promise<T>): Promise<T>;
  control(route: string, body: unknown): Promise<unknown>;
  /** Adds `count` new orders to the marketplaces. */
  addOrders(count: number): Promise<void>;
  /** Ships up to `count` open ShipStation orders, some in several packages. */
  shipSome(count: number): Promise<number>;
  /** Moves the Zoho stock of up to `count` SKUs. */
  moveStock(count: number): Promise<void>;
  close(): Promise<void>;
}

const LOCK_WAIT_MS = "8000";

// Rithum needs a carrier and a class: every package names its service.
const SERVICES = [
  { carrierCode: "ups", serviceCode: "ups_ground" },
  { carrierCode: "usps", serviceCode: "usps_priority_mail" },
  { carrierCode: "fedex", serviceCode: "fedex_ground" },
];

// hub reads Amazon up to two minutes behind Amazon's clock, and up to
// three more while it has not seen Amazon's Date header in this process.
const AMAZON_READ_LAG_MS = 6 * 60_000;

/**
 * A time Amazon already lets hub read and still inside every pull's overlap
 * (15 minutes before the cursor): "arrived just now".
 */
export function justReadable(): string {
  return new Date(Date.now() - AMAZON_READ_LAG_MS).toISOString();
}

/**
 * Builds the world. Deductions are kept open after shipping (settle time
 * at its maximum) so that "shadow stock from scratch" is simply the Zoho
 * figure minus every open order line, whatever the clock does.
 */
export async function createReliabilityWorld(
  seed: number,
  size: ScenarioSize,
  extraEnv: Record<string, string> = {},
): Promise<ReliabilityWorld> {
  const rng = createRng(seed);
  const hub = await createHubWorld(generateScenario(rng, size));
  const query = <T>(body: (knex: Knex) => Promise<T>): Promise<T> => hub.db.query(body);
  await query((knex) =>
    writeSetting(knex, "inventory.settle_minutes", 10080, { user: "test", source: "operator" }),
  );
  const control = async (route: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${hub.sandbox.url}/_sandbox${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json: unknown = await res.json();
    if (!res.ok) throw new Error(`${route}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  let next = size.orders;
  // Added orders are newer than every generated one and in id order: the
  // Rithum stand-in numbers orders in creation order, and order-keys.ts
  // relies on that numbering staying put. Rithum windows go by creation.
  let lastCreated = 0;
  return {
    hub,
    rng,
    env: { ...hub.env, HUB_LOCK_WAIT_MS: LOCK_WAIT_MS, ...extraEnv },
    query,
    control,
    async addOrders(count) {
      for (let i = 0; i < count; i++) {
        const n = next++;
        lastCreated = Math.max(lastCreated + 1, Date.parse(justReadable()));
        const order: ScenarioOrder = generateOrder(rng, n, size, Date.now(), new Date(lastCreated));
        await control("/orders", order);
      }
    },
    async shipSome(count) {
      const open = hub.sandbox
        .state()
        .shipstation.orders.filter((o) => o.orderStatus === "awaiting_shipment")
        .map((o) => String(o.orderKey));
      let shipped = 0;
      for (const orderKey of open.slice(0, count)) {
        const order = hub.sandbox.state().shipstation.orders.find((o) => o.orderKey === orderKey);
        const items = (order?.items ?? []) as Array<{ sku: string; quantity: number }>;
        const first = items[0];
        // Orders of several lines sometimes leave in two packages.
        const packages =
          items.length > 1 && first && rng.chance(0.5)
            ? [{ items: [{ sku: first.sku, quantity: first.quantity }], ...rng.pick(SERVICES) }, rng.pick(SERVICES)]
            : [rng.pick(SERVICES)];
        await control("/shipstation/ship", { orderKey, packages });
        shipped++;
      }
      return shipped;
    },
    async moveStock(count) {
      const items = hub.sandbox.world.zoho.items;
      for (let i = 0; i < count; i++) {
        // Moderate moves: a sharp drop would (rightly) stop at hub's guards.
        const item = rng.pick(items);
        const available = Math.max(0, item.available + rng.int(-item.available / 5, item.available / 5));
        await control("/stock", { sku: item.sku, available: Math.round(available) });
      }
    },
    close: () => hub.close(),
  };
}
