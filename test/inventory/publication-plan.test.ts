import { describe, expect, it } from "vitest";
import { planCatalogue } from "../../src/inventory/catalogue-allocation.js";
import {
  planPublications,
  selectForRebalance,
  shownNow,
  unitsSoldSince,
  type ShownNow,
} from "../../src/inventory/publication-plan.js";

const minute = (m: number): Date => new Date(Date.UTC(2030, 0, 1, 0, m));

const targets = {
  skus: ["LAMP-01", "MUG-02"],
  channelIds: ["amazon-us", "ebay-us"],
  quantities: [5, 3, 0, 2],
};

const showing = (table: Record<string, number | null>): ShownNow => {
  return (sku, channel) => table[`${sku}/${channel}`] ?? null;
};

describe("what a channel shows now", () => {
  it("is the last published quantity minus units sold since", () => {
    expect(shownNow(5, 4)).toBe(1);
    expect(shownNow(5, 0)).toBe(5);
    expect(shownNow(2, 3)).toBe(0);
    expect(shownNow(null, 0)).toBeNull();
  });

  it("counts only sales on the channels asked after the publication", () => {
    const sales = [
      { channel: "amazon-us", quantity: 4, soldAt: minute(5) },
      { channel: "amazon-us", quantity: 1, soldAt: minute(20) },
      { channel: "amazon-ca", quantity: 2, soldAt: minute(30) },
      { channel: "ebay-us", quantity: 7, soldAt: minute(40) },
    ];
    const us = new Set(["amazon-us"]);
    expect(unitsSoldSince(sales, us, minute(10))).toBe(1);
    expect(unitsSoldSince(sales, us, minute(20))).toBe(0);
    const group = new Set(["amazon-us", "amazon-ca"]);
    expect(unitsSoldSince(sales, group, minute(0))).toBe(7);
  });
});

describe("publication diff", () => {
  it("sends only targets that differ from what the channel shows", () => {
    const shown = showing({
      "LAMP-01/amazon-us": 5,
      "LAMP-01/ebay-us": 1,
      "MUG-02/amazon-us": 0,
      "MUG-02/ebay-us": 2,
    });
    const plan = planPublications(targets, shown, "changed");
    expect(plan).toEqual([
      { sku: "LAMP-01", channel: "ebay-us", quantity: 3, shownBefore: 1 },
    ]);
  });

  it("sends a target where hub never published, even a 0", () => {
    const shown = showing({ "LAMP-01/amazon-us": 5, "LAMP-01/ebay-us": 3 });
    const plan = planPublications(targets, shown, "changed");
    expect(plan.map((p) => `${p.sku}/${p.channel}=${p.quantity}`)).toEqual([
      "MUG-02/amazon-us=0",
      "MUG-02/ebay-us=2",
    ]);
  });

  it("re-publishes everything in full mode", () => {
    const shown = showing({
      "LAMP-01/amazon-us": 5,
      "LAMP-01/ebay-us": 3,
      "MUG-02/amazon-us": 0,
      "MUG-02/ebay-us": 2,
    });
    const plan = planPublications(targets, shown, "full");
    expect(plan.map((p) => p.quantity)).toEqual([5, 3, 0, 2]);
    expect(plan.map((p) => p.shownBefore)).toEqual([5, 3, 0, 2]);
  });

  it("publishes nothing for a SKU missing from the snapshot", () => {
    // GONE-01 was published before but the snapshot no longer lists it.
    const shown = showing({ "GONE-01/amazon-us": 4, "GONE-01/ebay-us": 4 });
    const plan = planCatalogue({
      skus: ["LAMP-01"],
      available: [11],
      channels: [
        { id: "amazon-us", ratio: 50 },
        { id: "ebay-us", ratio: 50 },
      ],
      safetyStock: 1,
      maxOversellPct: 150,
      minPublishQty: 0,
      lowStockThreshold: 1,
    });
    for (const mode of ["changed", "full"] as const) {
      const sent = planPublications(plan, shown, mode);
      expect(sent.map((p) => p.sku)).toEqual(["LAMP-01", "LAMP-01"]);
    }
  });
});

describe("rebalance selection", () => {
  it("picks SKUs with sales or deductions since their last publication", () => {
    const selected = selectForRebalance([
      { sku: "SOLD", lastPublishedAt: minute(10), lastMovementAt: minute(11) },
      { sku: "QUIET", lastPublishedAt: minute(10), lastMovementAt: minute(9) },
      { sku: "SAME", lastPublishedAt: minute(10), lastMovementAt: minute(10) },
      { sku: "NEVER", lastPublishedAt: null, lastMovementAt: minute(1) },
      { sku: "IDLE", lastPublishedAt: null, lastMovementAt: null },
    ]);
    expect(selected).toEqual(["SOLD", "NEVER"]);
  });
});
