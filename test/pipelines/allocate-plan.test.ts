import { describe, expect, it } from "vitest";
import { planAllocation, type PlanInput } from "../../src/pipelines/allocate/plan.js";
import { chainRows } from "../../src/pipelines/allocate/chain.js";
import { planClosures } from "../../src/pipelines/allocate/closures.js";
import { pairKey, shownNowLookup } from "../../src/pipelines/allocate/shown.js";
import { validateSnapshot } from "../../src/pipelines/allocate/snapshot.js";
import { namedItems } from "../../src/pipelines/allocate/inbox-skus.js";
import type { RuleInputs } from "../../src/pipelines/allocate/rule-inputs.js";

const rule = (groups: Record<string, string> = {}): RuleInputs => ({
  channels: [
    { id: "amazon-us", ratio: 50, group: groups["amazon-us"] ?? null },
    { id: "ebay-us", ratio: 30, group: groups["ebay-us"] ?? null },
    { id: "mirakl-acme", ratio: 20, group: groups["mirakl-acme"] ?? null },
  ],
  safetyStock: 1,
  safetyStockOverrides: new Map(),
  ratioOverrides: new Map(),
  maxOversellPct: 150,
  minPublishQty: 0,
  lowStockThreshold: 1,
});

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  rule: rule(),
  stock: [{ sku: "MUG-BLUE", snapshotAvailable: 11, held: 0 }],
  publishTo: ["amazon-us", "ebay-us", "mirakl-acme"],
  protect: false,
  mode: "changed",
  shown: () => null,
  latest: new Map(),
  retryAttempts: 3,
  ...over,
});

const sent = (plan: ReturnType<typeof planAllocation>) =>
  plan.send.map((p) => [p.channel, p.quantity, p.attempt]);

describe("planAllocation", () => {
  it("S1: a first publication sends 5 / 3 / 2", () => {
    expect(sent(planAllocation(input()))).toEqual([
      ["amazon-us", 5, 1],
      ["ebay-us", 3, 1],
      ["mirakl-acme", 2, 1],
    ]);
  });

  it("S3: shadow 7 against what channels show now sends all three", () => {
    const shown = shownNowLookup(
      ["amazon-us", "ebay-us", "mirakl-acme"].map((channel, i) => ({
        channel,
        sku: "MUG-BLUE",
        quantity: [5, 3, 2][i] ?? 0,
        sentAt: new Date("2026-01-01T00:00:00Z"),
      })),
      [
        {
          channel: "amazon-us",
          sku: "MUG-BLUE",
          quantity: 4,
          openedAt: new Date("2026-01-01T01:00:00Z"),
        },
      ],
      rule().channels,
    );
    const plan = planAllocation(
      input({ shown, stock: [{ sku: "MUG-BLUE", snapshotAvailable: 11, held: 4 }] }),
    );
    expect(sent(plan)).toEqual([
      ["amazon-us", 3, 1],
      ["ebay-us", 2, 1],
      ["mirakl-acme", 1, 1],
    ]);
  });

  it("leaves out what the channel already shows", () => {
    const plan = planAllocation(input({ shown: (_s, c) => (c === "ebay-us" ? 3 : null) }));
    expect(plan.send.map((p) => p.channel)).toEqual(["amazon-us", "mirakl-acme"]);
    expect(plan.unchanged.get("ebay-us")).toBe(1);
  });

  it("holds a quantity that failed retry_attempts times; --full retries it", () => {
    const latest = new Map([
      [
        pairKey("MUG-BLUE", "ebay-us"),
        { channel: "ebay-us", sku: "MUG-BLUE", quantity: 3, status: "failed", attempts: 3 },
      ],
      [
        pairKey("MUG-BLUE", "mirakl-acme"),
        { channel: "mirakl-acme", sku: "MUG-BLUE", quantity: 2, status: "failed", attempts: 1 },
      ],
    ]);
    const plan = planAllocation(input({ latest }));
    expect(plan.held.map((p) => p.channel)).toEqual(["ebay-us"]);
    expect(sent(plan)).toEqual([
      ["amazon-us", 5, 1],
      ["mirakl-acme", 2, 2],
    ]);
    expect(planAllocation(input({ latest, mode: "full" })).held).toEqual([]);
  });

  it("keeps retrying a refusal", () => {
    const latest = new Map([
      [
        pairKey("MUG-BLUE", "ebay-us"),
        { channel: "ebay-us", sku: "MUG-BLUE", quantity: 3, status: "refused", attempts: 7 },
      ],
    ]);
    expect(sent(planAllocation(input({ latest })))).toContainEqual(["ebay-us", 3, 8]);
  });

  it("gives channels of one quantity group the same quantity", () => {
    const plan = planAllocation(
      input({ rule: rule({ "amazon-us": "na", "ebay-us": "na" }) }),
    );
    const [amazon, ebay] = plan.send;
    expect(amazon?.quantity).toBe(ebay?.quantity);
  });

  it("publishes only to --channel, sharing out over every channel", () => {
    const plan = planAllocation(input({ publishTo: ["ebay-us"] }));
    expect(sent(plan)).toEqual([["ebay-us", 3, 1]]);
  });

  it("protect plans with cap 100", () => {
    const over = rule();
    over.channels = over.channels.map((c) => ({ ...c, ratio: 100 }));
    const plan = planAllocation(input({ rule: over, protect: true }));
    // sellable 10, R 300 capped at 100: T 10 shared 4 / 3 / 3.
    expect(plan.send.reduce((sum, p) => sum + p.quantity, 0)).toBe(10);
    const rows = chainRows(input({ rule: over, protect: true }), plan);
    expect(rows.every((r) => r.cap === 100)).toBe(true);
  });
});

describe("the read side's pure helpers", () => {
  it("closes settled and snapshot-covered deductions only", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const row = (id: number, shippedMinutesAgo: number | null) => ({
      id,
      orderKey: `amazon-us:${id}`,
      lineId: "1",
      channel: "amazon-us",
      sku: "MUG-BLUE",
      quantity: 1,
      openedAt: new Date(now.getTime() - 120 * 60_000),
      shippedAt:
        shippedMinutesAgo === null
          ? null
          : new Date(now.getTime() - shippedMinutesAgo * 60_000),
      closedAt: null,
    });
    const rows = [row(1, 90), row(2, 30), row(3, null)];
    const shipped = planClosures(rows, {
      mode: "until_shipped",
      settleMinutes: 60,
      now,
      snapshotAt: () => now,
    });
    expect(shipped.closures).toEqual([{ id: 1, reason: "settled" }]);
    const snapshot = planClosures(rows, {
      mode: "until_snapshot",
      settleMinutes: 60,
      now,
      snapshotAt: () => now,
    });
    expect(snapshot.open).toEqual([]);
  });

  it("drops duplicated and unusable figures from a snapshot", () => {
    const checked = validateSnapshot([
      { sku: "A", itemId: "1", available: 3 },
      { sku: "B", itemId: "2", available: 1.5 },
      { sku: "C", itemId: "3", available: 2 },
      { sku: "C", itemId: "4", available: 9 },
    ]);
    expect([...checked.figures.keys()]).toEqual(["A"]);
    expect(checked.rejected.map((r) => r.sku).sort()).toEqual(["B", "C"]);
  });

  it("reads SKUs and item ids from webhook bodies", () => {
    const named = namedItems([
      { sku: "MUG-BLUE", item_id: "4815000000044208" },
      JSON.stringify({ item: { sku: "MUG-RED" } }),
      "not json",
    ]);
    expect([...named.skus]).toEqual(["MUG-BLUE", "MUG-RED"]);
    expect([...named.itemIds]).toEqual(["4815000000044208"]);
  });
});
