import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { runCommandInProcess } from "../support/in-process.js";

let world: HubWorld;
const LONG_AGO = new Date(Date.now() - 10 * 86_400_000).toISOString();

interface SsOrder {
  orderKey: string;
  orderStatus: string;
  amountPaid: number;
  advancedOptions: { storeId: number };
  items: Array<{ sku: string; quantity: number; lineItemKey: string; unitPrice: number }>;
}

function shipstationOrders(): SsOrder[] {
  return (world.sandbox.state() as unknown as { shipstation: { orders: SsOrder[] } }).shipstation.orders;
}

function requests(prefix: string): number {
  const counts = (world.sandbox.state() as unknown as { requests: Record<string, number> }).requests;
  return Object.entries(counts)
    .filter(([key]) => key.startsWith(prefix))
    .reduce((n, [, c]) => n + c, 0);
}

const pull = (options: Record<string, unknown> = {}, globals: Parameters<typeof runCommandInProcess>[3] = {}) =>
  runCommandInProcess(pullOrdersCommand, world.db.target, options, globals);

const db = <T>(body: (knex: import("knex").Knex) => Promise<T>): Promise<T> => world.db.query(body);

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
});
afterAll(async () => {
  await world.close();
});

describe("hub pull-orders against the sandbox", () => {
  it("--dry-run lists what would happen and sends nothing", async () => {
    const outcome = await pull({}, { dryRun: true });
    expect(outcome.status).toBe("succeeded");
    expect(requests("shipstation POST")).toBe(0);
    expect(shipstationOrders()).toHaveLength(0);
    const rows = await db((k) => k("order_mappings").count({ n: "*" }));
    expect(Number(rows[0]?.n)).toBe(0);
  });

  it("puts every ready order in ShipStation once, in its channel's store, with its lines and money", async () => {
    const outcome = await pull();
    expect(outcome.status).toBe("succeeded");
    const scenario = world.sandbox.world.scenario;
    const orders = shipstationOrders();
    const keys = orders.map((o) => o.orderKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const channel of scenario.channels) {
      const ready = scenario.orders.filter(
        (o) => o.channel === channel.id && o.status === "unshipped" && !o.cancel_requested,
      );
      const got = orders.filter((o) => o.orderKey.startsWith(`${channel.id}:`));
      expect(got.every((o) => o.advancedOptions.storeId === channel.store_id)).toBe(true);
      const signature = (lines: Array<{ sku: string; quantity: number; price: number }>) =>
        lines.map((l) => `${l.sku}x${l.quantity}@${l.price}`).sort().join(",");
      expect(got.map((o) => signature(o.items.map((i) => ({ sku: i.sku, quantity: i.quantity, price: i.unitPrice })))).sort()).toEqual(
        ready.map((o) => signature(o.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, price: Number(l.unit_price) })))).sort(),
      );
    }
    const parked = await db((k) => k("order_mappings").where({ status: "parked" }).pluck("order_key"));
    expect(parked.length).toBeGreaterThanOrEqual(2);
    expect(parked.some((key: string) => key.startsWith("amazon-us:"))).toBe(true);
    expect(parked.some((key: string) => key.startsWith("mirakl-acme:"))).toBe(true);
  });

  it("a second pull over the same window sends no createorder for unchanged orders", async () => {
    const before = requests("shipstation POST /orders/createorder");
    const readsBefore = requests("ebay-us GET /sell/fulfillment/v1/order/");
    const outcome = await pull({ since: LONG_AGO });
    expect(outcome.status).toBe("succeeded");
    expect(requests("shipstation POST /orders/createorder")).toBe(before);
    // eBay orders already in ShipStation and unchanged are not read one by
    // one again; only those hub holds back (a cancel request) are.
    const sentToShipStation = shipstationOrders().filter((o) => o.orderKey.startsWith("ebay-us:")).length;
    expect(sentToShipStation).toBeGreaterThan(0);
    const heldBack = await db((k) => k("order_mappings").where({ channel: "ebay-us" }).whereNotIn("status", ["sent", "partially_shipped", "shipped", "cancelled"]).count({ n: "*" }));
    expect(requests("ebay-us GET /sell/fulfillment/v1/order/") - readsBefore).toBe(Number(heldBack[0]?.n));
    const keys = shipstationOrders().map((o) => o.orderKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("deducts shadow stock once per order line, however often an order is pulled", async () => {
    const count = await db((k) => k("shadow_deductions").count({ n: "*" }));
    await pull({ since: LONG_AGO });
    const again = await db((k) => k("shadow_deductions").count({ n: "*" }));
    expect(Number(again[0]?.n)).toBe(Number(count[0]?.n));
    const dupes = await db((k) =>
      k("shadow_deductions").select("order_key", "line_id").count({ n: "*" }).groupBy("order_key", "line_id").havingRaw("count(*) > 1"),
    );
    expect(dupes).toEqual([]);
  });

  it("a run stopped between the ShipStation create and hub's record adopts instead of creating again (B01)", async () => {
    const key = shipstationOrders()[0]?.orderKey as string;
    await db((k) => k("order_mappings").where({ order_key: key }).update({ status: "sending", shipstation_order_id: null, content_hash: null }));
    const creates = requests("shipstation POST /orders/createorder");
    const outcome = await pull({ since: LONG_AGO });
    expect(outcome.status).toBe("succeeded");
    expect(requests("shipstation POST /orders/createorder")).toBe(creates);
    expect(shipstationOrders().filter((o) => o.orderKey === key)).toHaveLength(1);
    const row = await db((k) => k("order_mappings").where({ order_key: key }).first());
    expect(row.status).toBe("sent");
    expect(Number(row.shipstation_order_id)).toBeGreaterThan(0);
  });

  it("ShipStation's answer lost after it created the orders makes no second order", async () => {
    const orderId = "12-00009-00001";
    const res = await fetch(`${world.sandbox.url}/_sandbox/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        channel: "ebay-us",
        order_id: orderId,
        status: "unshipped",
        created_at: new Date().toISOString(),
        currency: "USD",
        shipping_price: "4.95",
        buyer_email: "buyer-0912@example.invalid",
        ship_to: { name: "Test Buyer Twelve", street1: "12 Example Street", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
        lines: [{ sku: "MUG-BLUE", quantity: 1, unit_price: "9.00", line_id: "129000000001" }],
      }),
    });
    expect(res.ok).toBe(true);
    // ShipStation creates the order; the answer never arrives.
    const creates = requests("shipstation POST /orders/createorders");
    world.sandbox.setFaults([{ endpoint: "shipstation POST /orders/createorders", kind: "lost", times: 1 }]);
    try {
      await pull({ since: LONG_AGO });
    } finally {
      world.sandbox.clearFaults();
    }
    // The lost call, then the one that learned the outcome.
    expect(requests("shipstation POST /orders/createorders") - creates).toBeGreaterThanOrEqual(2);
    await pull({ since: LONG_AGO });
    const key = `ebay-us:${orderId}`;
    expect(shipstationOrders().filter((o) => o.orderKey === key)).toHaveLength(1);
    const keys = shipstationOrders().map((o) => o.orderKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect((await db((k) => k("order_mappings").where({ order_key: key }).first())).status).toBe("sent");
  });

  it("a lost mapping row never makes a second ShipStation order", async () => {
    const key = shipstationOrders()[1]?.orderKey as string;
    await db((k) => k("order_mappings").where({ order_key: key }).delete());
    await pull({ since: LONG_AGO });
    expect(shipstationOrders().filter((o) => o.orderKey === key)).toHaveLength(1);
    const rows = await db((k) => k("order_mappings").where({ order_key: key }));
    expect(rows).toHaveLength(1);
  });

  it("a cancellation on the marketplace cancels the open ShipStation order and gives the units back once", async () => {
    // eBay: Amazon shows an update only two minutes after it happened.
    const target = shipstationOrders().find((o) => o.orderKey.startsWith("ebay-us:") && o.orderStatus === "awaiting_shipment") as SsOrder;
    const orderId = target.orderKey.slice("ebay-us:".length);
    const res = await fetch(`${world.sandbox.url}/_sandbox/orders/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "ebay-us", order_id: orderId }),
    });
    expect(res.ok).toBe(true);
    await pull({ since: LONG_AGO });
    await pull({ since: LONG_AGO });
    expect(shipstationOrders().find((o) => o.orderKey === target.orderKey)?.orderStatus).toBe("cancelled");
    const deductions = await db((k) => k("shadow_deductions").where({ order_key: target.orderKey }));
    expect(deductions.length).toBeGreaterThan(0);
    expect(deductions.every((d) => d.closed_at !== null && d.close_reason === "cancelled")).toBe(true);
  });

  it("retries 429 and 500 in the middle of the work and loses no order", async () => {
    world.sandbox.setFaults([
      { endpoint: "shipstation POST /orders/createorders", kind: "429", times: 1 },
      { endpoint: "amazon-us GET", kind: "500", times: 1 },
      { endpoint: "rithum-main GET", kind: "503", times: 1 },
    ]);
    await fetch(`${world.sandbox.url}/_sandbox/orders`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        channel: "rithum-main",
        order_id: "RT-NEW-1",
        status: "unshipped",
        created_at: new Date(Date.now() - 60_000).toISOString(),
        lines: [{ sku: "MUG-BLUE", quantity: 2, unit_price: "12.50" }],
        ship_to: { name: "Test Buyer", street1: "1 Example Street", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
      }),
    });
    const outcome = await pull();
    world.sandbox.clearFaults();
    expect(outcome.status).toBe("succeeded");
    expect(shipstationOrders().some((o) => o.orderKey.startsWith("rithum-main:") && o.items.some((i) => i.sku === "MUG-BLUE" && i.quantity === 2))).toBe(true);
  });

  it("one failing channel does not stop the others, keeps its cursor and ends partial with exit 1", async () => {
    const cursor = await db((k) => k("sync_cursors").where({ channel: "mirakl-acme", stream: "orders" }).first());
    world.sandbox.setFaults([{ endpoint: "mirakl-acme GET", kind: "500" }]);
    const run = await runHub(["pull-orders", "--json"], world.env);
    world.sandbox.clearFaults();
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.status).toBe("partial");
    const mirakl = result.channels.find((c: { channel: string }) => c.channel === "mirakl-acme");
    expect(mirakl.error).toMatch(/mirakl/i);
    const after = await db((k) => k("sync_cursors").where({ channel: "mirakl-acme", stream: "orders" }).first());
    expect(new Date(after.cursor_at).getTime()).toBe(new Date(cursor.cursor_at).getTime());
  });

  it("--order replays one order through the same idempotent path", async () => {
    const key = shipstationOrders().find((o) => o.orderKey.startsWith("ebay-us:"))?.orderKey as string;
    const creates = requests("shipstation POST /orders/createorder");
    const outcome = await pull({ order: key });
    expect(outcome.status).toBe("succeeded");
    expect(requests("shipstation POST /orders/createorder")).toBe(creates);
    const bad = await runHub(["pull-orders", "--order", "no-colon"], world.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/order key/);
  });
});

