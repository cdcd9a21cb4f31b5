import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/sandbox/index.js";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import {
  expectedQuantities,
  marketplaceRequests,
  type ExpectedRule,
} from "./allocate-expectations.js";

const RULE: ExpectedRule = {
  safetyStock: 1,
  maxOversellPct: 150,
  lowStockThreshold: 1,
  ratios: defaultScenario.channels.map((c) => [c.id, c.ratio]),
};

let world: HubWorld;

beforeAll(async () => {
  world = await createHubWorld();
  const run = await runHub(["allocate"], world.env);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  await world?.close();
});

function zohoRequests(): number {
  return Object.entries(world.sandbox.state().requests)
    .filter(([key]) => key.startsWith("zoho"))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe("hub rebalance", () => {
  it("sends nothing when nothing moved", async () => {
    const before = marketplaceRequests(world.sandbox.state().requests);
    const run = await runHub(["rebalance", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).counts.skus).toBe(0);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(before);
  });

  it("recomputes a SKU with a new deduction from shadow stock", async () => {
    const db = await world.db.open();
    try {
      await db.knex("shadow_deductions").insert({
        order_key: "amazon-us:111-0000000-0009001",
        line_id: "1",
        channel: "amazon-us",
        sku: "MUG-BLUE",
        quantity: 4,
      });
    } finally {
      await db.close();
    }
    const zohoBefore = zohoRequests();
    const run = await runHub(["rebalance", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    expect(zohoRequests()).toBe(zohoBefore);
    const result = JSON.parse(run.stdout) as {
      counts: { skus: number; sent: number; unchanged: number };
    };
    expect(result.counts.skus).toBe(1);

    const zoho = defaultScenario.items.find((i) => i.sku === "MUG-BLUE");
    const before = expectedQuantities(zoho?.available ?? 0, RULE);
    const after = expectedQuantities((zoho?.available ?? 0) - 4, RULE);
    // amazon-us already lowered its own listing by the 4 units it sold.
    const shown: Record<string, number> = {
      ...before,
      "amazon-us": (before["amazon-us"] ?? 0) - 4,
    };
    const changed = Object.keys(after).filter((id) => after[id] !== shown[id]);
    expect(result.counts.sent).toBe(changed.length);
    const state = world.sandbox.state();
    for (const channel of changed) {
      expect(state.channels[channel]?.quantities["MUG-BLUE"]).toBe(after[channel]);
    }
  });

  it("sends nothing again once published", async () => {
    const before = marketplaceRequests(world.sandbox.state().requests);
    const run = await runHub(["rebalance", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(before);
  });

  it("dry run with --full lists every SKU and sends nothing", async () => {
    const before = marketplaceRequests(world.sandbox.state().requests);
    const run = await runHub(["rebalance", "--full", "--dry-run", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { rows: unknown[] };
    expect(result.rows).toHaveLength(
      defaultScenario.items.length * defaultScenario.channels.length,
    );
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(before);
  });
});
