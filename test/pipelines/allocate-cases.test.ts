import { afterEach, describe, expect, it } from "vitest";
import type { Scenario } from "../../src/sandbox/contract.js";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { expectedQuantities } from "./allocate-expectations.js";

let world: HubWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function withDb<T>(
  w: HubWorld,
  body: (knex: import("knex").Knex) => Promise<T>,
): Promise<T> {
  const db = await w.db.open();
  try {
    return await body(db.knex);
  } finally {
    await db.close();
  }
}

async function openDeduction(
  w: HubWorld,
  orderKey: string,
  channel: string,
  sku: string,
  quantity: number,
): Promise<void> {
  await withDb(w, (knex) =>
    knex("shadow_deductions").insert({
      order_key: orderKey,
      line_id: "1",
      channel,
      sku,
      quantity,
      opened_at: new Date(Date.now() - 60_000),
    }),
  );
}

async function setConfig(w: HubWorld, key: string, value: string) {
  const run = await runHub(["config", "set", key, value], w.env);
  expect(run.code, run.stderr).toBe(0);
}

describe("case B25: eBay refuses 0 without out-of-stock control", () => {
  const scenario: Scenario = {
    channels: [
      {
        id: "ebay-us",
        kind: "ebay",
        store_id: 102,
        ratio: 100,
        options: { out_of_stock_control: false },
      },
      { id: "amazon-us", kind: "amazon", store_id: 101, ratio: 100 },
      { id: "mirakl-acme", kind: "mirakl", store_id: 103, ratio: 50 },
    ],
    items: [{ sku: "LAMP-01", name: "Desk Lamp, Brass", available: 2 }],
    orders: [],
  };

  it("publishes 0 everywhere, records the refusal and retries it", { timeout: 180_000 }, async () => {
    const w = await createHubWorld(scenario);
    world = w;
    await setConfig(w, "sku.LAMP-01.safety_stock", "5");
    await openDeduction(w, "amazon-us:111-0000000-0000250", "amazon-us", "LAMP-01", 1);

    const first = await runHub(["allocate", "--json"], w.env);
    expect(first.code).toBe(1);
    const state = w.sandbox.state();
    expect(state.channels["amazon-us"]?.quantities["LAMP-01"]).toBe(0);
    expect(state.channels["mirakl-acme"]?.quantities["LAMP-01"]).toBe(0);
    expect(state.channels["ebay-us"]?.quantities["LAMP-01"]).toBeUndefined();
    const result = JSON.parse(first.stdout) as {
      counts: { refused: number };
      problems: Array<{ channel: string; error: string }>;
    };
    expect(result.counts.refused).toBe(1);
    expect(result.problems[0]?.error).toMatch(
      /eBay listing LAMP-01 cannot be set to 0/,
    );
    const ebayCalls = (): number =>
      Object.entries(w.sandbox.state().requests)
        .filter(([key]) => key.startsWith("ebay-us") && /trading|ws\/api/i.test(key))
        .reduce((sum, [, n]) => sum + n, 0);
    const before = ebayCalls();

    const second = await runHub(["allocate", "--json"], w.env);
    expect(second.code).toBe(1);
    expect(ebayCalls()).toBeGreaterThan(before);
    const rows = await withDb(w, (knex) =>
      knex("inventory_publications")
        .where({ channel: "ebay-us", sku: "LAMP-01" })
        .orderBy("id"),
    );
    expect(rows.map((r: { status: string }) => r.status)).toEqual([
      "refused",
      "refused",
    ]);
    expect(rows[1].reason).toMatch(/out-of-stock control/);
    expect(rows[1].quantity).toBe(0);
    const sentElsewhere = await withDb(w, (knex) =>
      knex("inventory_publications").whereNot({ channel: "ebay-us" }),
    );
    // amazon-us and mirakl-acme already show 0: not sent a second time.
    expect(sentElsewhere).toHaveLength(2);
  });
});

describe("case B35: the committed-aware figure, deducted once", () => {
  const scenario: Scenario = {
    channels: [
      { id: "amazon-us", kind: "amazon", store_id: 101, ratio: 100 },
      { id: "ebay-us", kind: "ebay", store_id: 102, ratio: 100 },
    ],
    items: [
      { sku: "TOWEL-GRY", name: "Towel, Grey", available: 51, committed: 29 },
    ],
    orders: [],
  };
  const rule = {
    safetyStock: 3,
    maxOversellPct: 150,
    lowStockThreshold: 1,
    ratios: [
      ["amazon-us", 100],
      ["ebay-us", 100],
    ] as Array<[string, number]>,
  };

  async function prepare(): Promise<HubWorld> {
    const w = await createHubWorld(scenario);
    world = w;
    await setConfig(w, "sku.TOWEL-GRY.safety_stock", "3");
    await openDeduction(w, "amazon-us:111-0000000-0000351", "amazon-us", "TOWEL-GRY", 2);
    await openDeduction(w, "ebay-us:23-00000-00352", "ebay-us", "TOWEL-GRY", 1);
    return w;
  }

  it("until_shipped: 51 less 3 open units less safety stock 3", async () => {
    const w = await prepare();
    const run = await runHub(["allocate"], w.env);
    expect(run.code, run.stderr).toBe(0);
    const expected = expectedQuantities(51 - 3, rule);
    expect(expected).toEqual({ "amazon-us": 34, "ebay-us": 33 });
    const state = w.sandbox.state();
    expect(state.channels["amazon-us"]?.quantities["TOWEL-GRY"]).toBe(34);
    expect(state.channels["ebay-us"]?.quantities["TOWEL-GRY"]).toBe(33);
  });

  it("until_snapshot: the snapshot closes older deductions", async () => {
    const w = await prepare();
    await setConfig(w, "inventory.shadow_mode", "until_snapshot");
    const run = await runHub(["allocate"], w.env);
    expect(run.code, run.stderr).toBe(0);
    const expected = expectedQuantities(51, rule);
    const state = w.sandbox.state();
    expect(state.channels["amazon-us"]?.quantities["TOWEL-GRY"]).toBe(
      expected["amazon-us"],
    );
    expect(state.channels["ebay-us"]?.quantities["TOWEL-GRY"]).toBe(
      expected["ebay-us"],
    );
    const open = await withDb(w, (knex) =>
      knex("shadow_deductions").whereNull("closed_at"),
    );
    expect(open).toHaveLength(0);
  });
});
