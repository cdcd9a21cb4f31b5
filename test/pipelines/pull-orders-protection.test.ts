import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allocateCommand } from "../../commands/allocate.js";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import { ordersDrainingSku } from "../../src/demo/sandbox-actions.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { runCommandInProcess } from "../support/in-process.js";

let world: HubWorld;
// VASE-GLASS: 18 available, nothing committed and no order in the default
// scenario, so its figures are the test's own.
const SKU = "VASE-GLASS";

const db = <T>(body: (knex: import("knex").Knex) => Promise<T>): Promise<T> => world.db.query(body);

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
});
afterAll(async () => {
  await world.close();
});

describe("low-stock protection after pull-orders (INVENTORY.md)", () => {
  it("publishes a SKU at once with no oversell when orders take it to the threshold, and alerts once", async () => {
    expect((await runCommandInProcess(pullOrdersCommand, world.db.target)).status).toBe("succeeded");
    expect((await runCommandInProcess(allocateCommand, world.db.target)).status).toBe("succeeded");
    // 18 available, safety stock 1, threshold 1: selling 16 leaves sellable 1.
    for (const o of ordersDrainingSku(SKU, "32.00", 16, ["ebay-us", "rithum-main"], new Date())) {
      const res = await fetch(`${world.sandbox.url}/_sandbox/orders`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(o),
      });
      expect(res.ok).toBe(true);
    }
    const outcome = await runCommandInProcess(pullOrdersCommand, world.db.target);
    expect(outcome.status).toBe("succeeded");
    expect((outcome.result as { protectedSkus: string[] }).protectedSkus).toEqual([SKU]);

    // sellable 1 with cap 100 and ratios 50/30/20/20: one unit in all.
    const shown = Object.values(world.sandbox.state().channels).map((c) => c.quantities[SKU] ?? 0);
    expect(shown.reduce((a, b) => a + b, 0)).toBe(1);
    const alerts = await db((k) => k("alert_log").where({ kind: "low_stock" }).pluck("subject"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toContain(SKU);

    const again = await runCommandInProcess(pullOrdersCommand, world.db.target, { since: new Date(Date.now() - 3_600_000).toISOString() });
    expect(again.status).toBe("succeeded");
    const count = await db((k) => k("alert_log").where({ kind: "low_stock" }).pluck("id"));
    expect(count).toHaveLength(1);
    const deductions = await db((k) => k("shadow_deductions").where({ sku: SKU }).sum({ n: "quantity" }));
    expect(Number(deductions[0]?.n)).toBe(16);
  });
});
