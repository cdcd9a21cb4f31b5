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
});

afterAll(async () => {
  await world?.close();
});

async function count(sql: string): Promise<number> {
  const db = await world.db.open();
  try {
    const result = await db.knex.raw(sql);
    const rows = (result as { rows: Array<{ n: string | number }> }).rows;
    return Number(rows[0]?.n ?? 0);
  } finally {
    await db.close();
  }
}

async function setStock(sku: string, available: number): Promise<void> {
  const response = await fetch(`${world.sandbox.url}/_sandbox/stock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sku, available }),
  });
  expect(response.status).toBe(200);
}

describe("hub allocate against the sandbox", () => {
  it("dry run shows the chain and sends nothing", async () => {
    const run = await runHub(["allocate", "--dry-run", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      rows: Array<Record<string, unknown>>;
    };
    const mug = result.rows.find(
      (r) => r.sku === "MUG-BLUE" && r.channel === "amazon-us",
    );
    const zoho = defaultScenario.items.find((i) => i.sku === "MUG-BLUE");
    expect(mug).toMatchObject({
      zohoAvailable: zoho?.available,
      openDeductions: 0,
      safetyStock: 1,
      ratio: 50,
      cap: 150,
      shownNow: null,
      action: "send",
      target: expectedQuantities(zoho?.available ?? 0, RULE)["amazon-us"],
    });
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(0);
    expect(await count("select count(*) as n from inventory_publications")).toBe(0);
    expect(await count("select count(*) as n from shadow_inventory")).toBe(0);
  });

  it("publishes INVENTORY.md's quantities on every marketplace", async () => {
    const run = await runHub(["allocate", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const state = world.sandbox.state();
    for (const channel of defaultScenario.channels) {
      const expected: Record<string, number> = {};
      for (const item of defaultScenario.items) {
        expected[item.sku] =
          expectedQuantities(item.available, RULE)[channel.id] ?? -1;
      }
      expect(state.channels[channel.id]?.quantities, channel.id).toEqual(
        expected,
      );
    }
    const rows = defaultScenario.items.length * defaultScenario.channels.length;
    expect(
      await count(
        "select count(*) as n from inventory_publications where status = 'sent'",
      ),
    ).toBe(rows);
    expect(await count("select count(*) as n from shadow_inventory")).toBe(
      defaultScenario.items.length,
    );
  });

  it("sends nothing on a second run", async () => {
    const before = marketplaceRequests(world.sandbox.state().requests);
    const run = await runHub(["allocate", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(before);
    const result = JSON.parse(run.stdout) as { counts: { sent: number } };
    expect(result.counts.sent).toBe(0);
  });

  it("sends only the SKU whose stock changed", async () => {
    await setStock("VASE-GLASS", 40);
    const run = await runHub(["allocate", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const expected = expectedQuantities(40, RULE);
    const state = world.sandbox.state();
    for (const channel of defaultScenario.channels) {
      expect(state.channels[channel.id]?.quantities["VASE-GLASS"]).toBe(
        expected[channel.id],
      );
    }
    const result = JSON.parse(run.stdout) as { counts: { sent: number } };
    expect(result.counts.sent).toBe(defaultScenario.channels.length);
  });

  it("stops and alerts when most SKUs would drop to 0", async () => {
    const zeroed = defaultScenario.items.slice(0, 20).map((i) => i.sku);
    for (const sku of zeroed) await setStock(sku, 0);
    const before = marketplaceRequests(world.sandbox.state().requests);
    const quantities = world.sandbox.state().channels["ebay-us"]?.quantities;

    const run = await runHub(["allocate"], world.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/guard_zero_share_pct|guard_exposure_drop_pct/);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(before);
    expect(world.sandbox.state().channels["ebay-us"]?.quantities).toEqual(
      quantities,
    );
    expect(
      await count(
        "select count(*) as n from alert_log where kind = 'publication_stopped'",
      ),
    ).toBe(1);
  });

  it("publishes with --force", async () => {
    const run = await runHub(["allocate", "--force", "--json"], world.env);
    expect(run.code, run.stderr).toBe(0);
    const state = world.sandbox.state();
    expect(state.channels["amazon-us"]?.quantities["MUG-BLUE"]).toBe(0);
    expect(state.channels["ebay-us"]?.quantities["MUG-BLUE"]).toBe(0);
  });
});
