import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import type { ScenarioOrder } from "../../src/sandbox/contract.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { runCommandInProcess } from "../support/in-process.js";

/**
 * Rithum lists orders by creation time only. An order whose payment clears,
 * or that is cancelled, after the window that first read it must still
 * reach ShipStation, or leave it.
 */

let world: HubWorld;
const CREATED = new Date(Date.now() - 3 * 3_600_000).toISOString();

function order(id: string, status: ScenarioOrder["status"]): ScenarioOrder {
  return {
    channel: "rithum-main",
    order_id: id,
    status,
    created_at: CREATED,
    currency: "USD",
    shipping_price: "5.00",
    buyer_email: "buyer-0901@example.invalid",
    ship_to: {
      name: "Test Buyer Nine",
      street1: "9 Example Street",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
    },
    lines: [{ sku: "TRAY-TEAK", quantity: 1, unit_price: "24.00", line_id: `${id}1` }],
  };
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${world.sandbox.url}/_sandbox${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

interface SsOrder {
  orderKey: string;
  orderStatus: string;
}

function shipstationOrder(key: string): SsOrder | undefined {
  const state = world.sandbox.state() as unknown as { shipstation: { orders: SsOrder[] } };
  return state.shipstation.orders.find((o) => o.orderKey === key);
}

function requests(prefix: string): number {
  const counts = (world.sandbox.state() as unknown as { requests: Record<string, number> }).requests;
  return Object.entries(counts)
    .filter(([key]) => key.startsWith(prefix))
    .reduce((n, [, c]) => n + c, 0);
}

function mapping(key: string): Promise<{ status: string } | undefined> {
  return world.db.query((knex) => knex("order_mappings").where({ order_key: key }).first());
}

function deductions(key: string): Promise<Array<{ closed_at: unknown; close_reason: string | null }>> {
  return world.db.query((knex) => knex("shadow_deductions").where({ order_key: key }));
}

/** hub's order key of a scenario order, through its SiteOrderID. */
async function keyOf(siteOrderId: string): Promise<string> {
  const row = (await world.db.query((knex) =>
    knex("order_mappings").where({ channel: "rithum-main" }).whereRaw("raw->>'SiteOrderID' = ?", [siteOrderId]).first(),
  )) as { order_key: string } | undefined;
  if (!row) throw new Error(`hub has no mapping of Rithum order ${siteOrderId}`);
  return row.order_key;
}

const pull = () => runCommandInProcess(pullOrdersCommand, world.db.target, {}, {});

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
  await control("/orders", order("300000901", "pending"));
  await control("/orders", order("300000902", "unshipped"));
});
afterAll(async () => {
  await world.close();
});

describe("Rithum orders changed after their window", () => {
  // hub keys Rithum orders by ChannelAdvisor's own ID, not the
  // marketplace's order number the scenario names them by.
  let waiting = "";
  let open = "";

  it("parks an unpaid order and sends a paid one on the first pull", async () => {
    expect((await pull()).status).toBe("succeeded");
    waiting = await keyOf("300000901");
    open = await keyOf("300000902");
    expect((await mapping(waiting))?.status).toBe("parked");
    expect(shipstationOrder(waiting)).toBeUndefined();
    expect(shipstationOrder(open)?.orderStatus).toBe("awaiting_shipment");
  });

  it("sends the parked order once paid and cancels the open one, hours after both were created", async () => {
    await control("/orders", order("300000901", "unshipped"));
    await control("/orders/cancel", { channel: "rithum-main", order_id: "300000902" });
    const byId = requests("rithum-main GET /v1/Orders(");
    expect((await pull()).status).toBe("succeeded");
    // The waiting order is read by its ID; the cancellation comes from the list.
    expect(requests("rithum-main GET /v1/Orders(")).toBe(byId + 1);
    expect(shipstationOrder(waiting)?.orderStatus).toBe("awaiting_shipment");
    expect((await mapping(waiting))?.status).toBe("sent");
    expect(shipstationOrder(open)?.orderStatus).toBe("cancelled");
    const given = await deductions(open);
    expect(given.length).toBeGreaterThan(0);
    expect(given.every((d) => d.closed_at !== null && d.close_reason === "cancelled")).toBe(true);
  });

  it("reads nothing again once nothing waits and changes nothing", async () => {
    const creates = requests("shipstation POST /orders/createorder");
    const byId = requests("rithum-main GET /v1/Orders(");
    expect((await pull()).status).toBe("succeeded");
    expect(requests("shipstation POST /orders/createorder")).toBe(creates);
    expect(requests("rithum-main GET /v1/Orders(")).toBe(byId);
  });

  it("a waiting order that cannot be read again holds up nothing else", async () => {
    await control("/orders", { ...order("300000903", "pending"), created_at: new Date().toISOString() });
    expect((await pull()).status).toBe("succeeded");
    const stuck = await keyOf("300000903");
    expect((await mapping(stuck))?.status).toBe("parked");
    await control("/orders", { ...order("300000904", "unshipped"), created_at: new Date().toISOString() });
    world.sandbox.setFaults([{ endpoint: "rithum-main GET /v1/Orders(", kind: "500" }]);
    try {
      expect((await pull()).status).toBe("succeeded");
    } finally {
      world.sandbox.clearFaults();
    }
    expect(shipstationOrder(await keyOf("300000904"))?.orderStatus).toBe("awaiting_shipment");
    expect((await mapping(stuck))?.status).toBe("parked");
  });
});
