import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import type { ScenarioOrder } from "../../src/sandbox/contract.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { runCommandInProcess } from "../support/in-process.js";

// Cases B12 and B13: an Amazon order first seen Pending, later Unshipped,
// later Canceled, all through the same last-updated poll.
let world: HubWorld;
const ORDER_ID = "111-0000000-0000012";
const KEY = `amazon-us:${ORDER_ID}`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function version(status: ScenarioOrder["status"], updatedMinutesAgo: number): ScenarioOrder {
  return {
    channel: "amazon-us",
    order_id: ORDER_ID,
    status,
    created_at: minutesAgo(30),
    // Amazon shows an update only once it is two minutes old (case B11).
    updated_at: minutesAgo(updatedMinutesAgo),
    currency: "USD",
    lines: [{ line_id: "B12-L1", sku: "LAMP-01", quantity: 1, unit_price: "49.90" }],
    ship_to: { name: "Test Buyer", street1: "12 Example Road", city: "Springfield", state: "IL", postal_code: "62701", country: "US" },
  };
}

async function put(order: ScenarioOrder): Promise<void> {
  const res = await fetch(`${world.sandbox.url}/_sandbox/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(order),
  });
  expect(res.ok).toBe(true);
}

function inShipStation(): Array<{ orderKey: string; orderStatus: string }> {
  return (world.sandbox.state().shipstation.orders as Array<{ orderKey: string; orderStatus: string }>).filter(
    (o) => o.orderKey === KEY,
  );
}

async function row<T>(body: (knex: import("knex").Knex) => Promise<T>): Promise<T> {
  const open = await world.db.open();
  try {
    return await body(open.knex);
  } finally {
    await open.close();
  }
}

const pull = () => runCommandInProcess(pullOrdersCommand, world.db.target, { since: minutesAgo(60) }, { channels: ["amazon-us"] });

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
});
afterAll(async () => {
  await world.close();
});

describe("B12/B13: Pending, then Unshipped, then Canceled", () => {
  it("a Pending sighting parks the order without importing it, holding its stock once (B12.3, B13.1, B13.4)", async () => {
    await put(version("pending", 20));
    expect((await pull()).status).toBe("succeeded");
    expect(inShipStation()).toHaveLength(0);
    expect(await row((k) => k("order_mappings").where({ order_key: KEY }).first("status"))).toEqual({ status: "parked" });
    expect(await row((k) => k("shadow_deductions").where({ order_key: KEY }).pluck("quantity"))).toEqual([1]);
  });

  it("the Unshipped version is created exactly once and deducts nothing more (B12.2, B13.2, B13.3)", async () => {
    await put(version("unshipped", 10));
    expect((await pull()).status).toBe("succeeded");
    expect((await pull()).status).toBe("succeeded");
    expect(inShipStation()).toHaveLength(1);
    expect(inShipStation()[0]?.orderStatus).toBe("awaiting_shipment");
    expect(await row((k) => k("shadow_deductions").where({ order_key: KEY }).pluck("quantity"))).toEqual([1]);
  });

  it("a later cancellation is seen through the same poll: cancelled in ShipStation, units back once (B12.4, B13.3)", async () => {
    await put(version("cancelled", 5));
    expect((await pull()).status).toBe("succeeded");
    expect((await pull()).status).toBe("succeeded");
    expect(inShipStation().map((o) => o.orderStatus)).toEqual(["cancelled"]);
    const deductions = await row((k) => k("shadow_deductions").where({ order_key: KEY }));
    expect(deductions).toHaveLength(1);
    expect(deductions[0]?.close_reason).toBe("cancelled");
  });
});
