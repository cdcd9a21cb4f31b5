import { describe, expect, it } from "vitest";
import type { MarketplaceOrder } from "../../src/channels/types.js";
import { cursorAfter } from "../../src/pipelines/pull-orders/index.js";
import { latestVersions, planChannel, type PlanInput } from "../../src/pipelines/pull-orders/plan.js";
import { validateOrder } from "../../src/pipelines/pull-orders/validate.js";
import type { OrderMapping } from "../../src/storage/repos/order-mappings.js";

function order(overrides: Partial<MarketplaceOrder> = {}): MarketplaceOrder {
  return {
    channel: "amazon-us",
    orderId: "111-1",
    state: "ready",
    vendorStatus: "Unshipped",
    createdAt: "2026-12-01T10:00:00.000Z",
    updatedAt: "2026-12-01T10:00:00.000Z",
    currency: "USD",
    shippingPrice: "0.00",
    buyer: { name: "Test Buyer" },
    shipTo: { name: "Test Buyer", street1: "1 Example Street", city: "Springfield", postalCode: "62701", country: "US" },
    lines: [
      { lineId: "L1", sku: "MUG-BLUE", title: "Mug", quantity: 2, unitPrice: "12.50", tax: "0.00" },
      { lineId: "L2", sku: "PLATE-RED", title: "Plate", quantity: 1, unitPrice: "9.99", tax: "0.80" },
    ],
    raw: {},
    ...overrides,
  };
}

function mapping(status: OrderMapping["status"], hash: string | null = "h1", id: number | null = 9001): OrderMapping {
  return { orderKey: "amazon-us:111-1", channel: "amazon-us", status, shipstationOrderId: id, contentHash: hash, parkReason: null };
}

function plan(o: MarketplaceOrder, m?: OrderMapping, extra: Partial<PlanInput> = {}) {
  const result = planChannel({
    channel: "amazon-us",
    storeId: 101,
    autoAccept: false,
    orders: [o],
    mappings: new Map(m ? [[m.orderKey, m]] : []),
    deducted: new Set(),
    shadowAvailable: new Map(),
    render: () => ({ body: { rendered: true }, hash: "h1" }),
    ...extra,
  });
  const first = result[0];
  if (!first) throw new Error("no plan");
  return first;
}

describe("pull-orders planning", () => {
  it("sends a new ready order and deducts each line once", () => {
    const p = plan(order());
    expect(p.decision).toMatchObject({ kind: "send", why: "new" });
    expect(p.deduct.map((d) => [d.lineId, d.sku, d.quantity])).toEqual([["L1", "MUG-BLUE", 2], ["L2", "PLATE-RED", 1]]);
    expect(p.orderKey).toBe("amazon-us:111-1");
  });

  it("sends nothing for an unchanged order and deducts nothing already deducted", () => {
    const p = plan(order(), mapping("sent"), { deducted: new Set(["amazon-us:111-1#L1", "amazon-us:111-1#L2"]) });
    expect(p.decision.kind).toBe("unchanged");
    expect(p.deduct).toEqual([]);
  });

  it("updates an order whose content changed", () => {
    expect(plan(order(), mapping("sent", "old")).decision).toMatchObject({ kind: "send", why: "changed" });
  });

  it("looks an unconfirmed send up again and retries a failed one", () => {
    expect(plan(order(), mapping("sending", null, null)).decision).toMatchObject({ kind: "send", why: "unconfirmed" });
    expect(plan(order(), mapping("failed", null, null)).decision).toMatchObject({ kind: "send", why: "retry" });
  });

  it("parks a Pending order but holds its stock (B13)", () => {
    const p = plan(order({ state: "not_ready", notReadyReason: "Amazon Pending", shipTo: undefined }));
    expect(p.decision).toEqual({ kind: "park", reason: "Amazon Pending" });
    expect(p.deduct).toHaveLength(2);
  });

  it("parks an order without a full address instead of sending an empty shipTo (B14)", () => {
    const p = plan(order({ shipTo: { name: "", street1: "", city: "Springfield", postalCode: "62701", country: "US" } }));
    expect(p.decision.kind).toBe("park");
    expect(p.decision.kind === "park" && p.decision.reason).toMatch(/name, street1/);
  });

  it("quarantines an order it can never send", () => {
    expect(plan(order({ lines: [{ lineId: "L1", sku: "", title: "x", quantity: 1, unitPrice: "1.00", tax: "0" }] })).decision.kind).toBe("quarantine");
    expect(plan(order({ lines: [{ lineId: "L1", sku: "A", title: "x", quantity: 0, unitPrice: "1.00", tax: "0" }] })).decision.kind).toBe("quarantine");
    expect(plan(order({ shipTo: { name: "N", street1: "S", city: "C", postalCode: "1", country: "ZZZ" } })).decision.kind).toBe("quarantine");
  });

  it("cancels an order open in ShipStation and gives its units back; records one never sent", () => {
    const open = plan(order({ state: "cancelled" }), mapping("sent"));
    expect(open.decision.kind).toBe("cancel");
    expect(open.release).toBe(true);
    expect(open.deduct).toEqual([]);
    const never = plan(order({ state: "cancelled" }), mapping("parked"));
    expect(never.decision.kind).toBe("record_cancelled");
    expect(never.release).toBe(true);
    expect(plan(order({ state: "cancelled" }), mapping("cancelled")).decision.kind).toBe("unchanged");
  });

  it("only alerts for an order cancelled after it shipped, once (B19)", () => {
    expect(plan(order({ state: "cancelled" }), mapping("shipped")).decision.kind).toBe("cancel_after_ship");
    expect(plan(order({ state: "cancelled" }), mapping("cancelled_after_ship")).decision.kind).toBe("unchanged");
  });

  it("holds an open order whose buyer asked to cancel, and parks one not yet sent (B19, B24)", () => {
    expect(plan(order({ state: "cancel_requested" }), mapping("sent")).decision.kind).toBe("hold");
    expect(plan(order({ state: "cancel_requested" }), mapping("on_hold")).decision.kind).toBe("unchanged");
    expect(plan(order({ state: "cancel_requested" })).decision.kind).toBe("park");
  });

  it("auto-accepts the Mirakl lines shadow stock covers and refuses the rest", () => {
    const p = plan(order({ state: "awaiting_acceptance", channel: "amazon-us" }), undefined, {
      autoAccept: true,
      shadowAvailable: new Map([["MUG-BLUE", 5]]),
    });
    expect(p.decision).toEqual({ kind: "accept", decisions: { L1: true, L2: false } });
    expect(p.deduct.map((d) => d.lineId)).toEqual(["L1"]);
  });

  it("ignores an order shipped before hub saw it, without holding stock", () => {
    const p = plan(order({ state: "shipped" }));
    expect(p.decision.kind).toBe("ignore");
    expect(p.deduct).toEqual([]);
  });

  it("keeps the latest version when a window repeats an order", () => {
    const older = order({ updatedAt: "2026-12-01T10:00:00.000Z", vendorStatus: "Pending" });
    const newer = order({ updatedAt: "2026-12-01T11:00:00.000Z", vendorStatus: "Unshipped" });
    expect(latestVersions([newer, older]).map((o) => o.vendorStatus)).toEqual(["Unshipped"]);
    expect(latestVersions([older, newer]).map((o) => o.vendorStatus)).toEqual(["Unshipped"]);
  });

  it("never moves the cursor past an order left undone", () => {
    const readUntil = new Date("2026-12-01T12:00:00.000Z");
    expect(cursorAfter(readUntil, []).toISOString()).toBe(readUntil.toISOString());
    expect(cursorAfter(readUntil, [order({ updatedAt: "2026-12-01T10:30:00.000Z" })]).toISOString()).toBe("2026-12-01T10:30:00.000Z");
  });

  it("accepts a valid order and names what is wrong otherwise", () => {
    expect(validateOrder(order())).toEqual({ ok: true });
    expect(validateOrder(order({ shippingPrice: "1,00" }))).toMatchObject({ ok: false, action: "quarantine" });
    expect(validateOrder(order({ shippingPrice: "-4.95" }))).toMatchObject({ ok: false, reason: "the shipping price is negative (-4.95)" });
    expect(validateOrder(order({ shippingPrice: "-0.00" }))).toEqual({ ok: true });
    const line = { lineId: "L1", sku: "A", title: "x", quantity: 1, unitPrice: "-0.25", tax: "0" };
    expect(validateOrder(order({ lines: [line] }))).toMatchObject({ ok: false, action: "quarantine", reason: expect.stringContaining("negative price") });
    expect(validateOrder(order({ lines: [{ ...line, unitPrice: "1.00", tax: "-0.10" }] }))).toMatchObject({ ok: false, action: "quarantine" });
  });
});
