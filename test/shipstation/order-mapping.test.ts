import { describe, expect, it } from "vitest";
import type { MarketplaceOrder } from "../../src/channels/types.js";
import {
  cleanText,
  reflowStreets,
  STREET_LINE_MAX,
} from "../../src/shipstation/address-cleaning.js";
import { moneyNumber } from "../../src/shipstation/money.js";
import {
  contentHash,
  orderKeyOf,
  toCreateOrderBody,
} from "../../src/shipstation/order-mapping.js";
import { Decimal } from "decimal.js";

function order(overrides: Partial<MarketplaceOrder> = {}): MarketplaceOrder {
  return {
    channel: "amazon-us",
    orderId: "111-0000000-0000001",
    state: "ready",
    vendorStatus: "Unshipped",
    createdAt: "2024-05-02T09:12:00Z",
    updatedAt: "2024-05-02T11:40:00Z",
    currency: "USD",
    shippingPrice: "4.99",
    buyer: { name: "Test Buyer", email: "buyer@example.invalid" },
    shipTo: {
      name: "Test Buyer",
      street1: "1 Example Street",
      street2: "Apt 9",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
      country: "US",
      phone: "555-0100",
    },
    lines: [
      {
        lineId: "10000000000071",
        sku: "MUG-BLUE",
        title: "Mug",
        quantity: 3,
        unitPrice: "0.10",
        tax: "0.02",
      },
      {
        lineId: "10000000000072",
        sku: "PLATE-RED",
        title: "Plate",
        quantity: 1,
        unitPrice: "19.99",
        tax: "1.20",
      },
    ],
    raw: {},
    ...overrides,
  };
}

describe("createorder body (B01 keys and store)", () => {
  it("carries the order key, store, Pacific order date and the lines", () => {
    const body = toCreateOrderBody(order(), 310001);
    expect(body.orderKey).toBe("amazon-us:111-0000000-0000001");
    expect(body.orderKey).toBe(orderKeyOf("amazon-us", "111-0000000-0000001"));
    expect(body.orderNumber).toBe("111-0000000-0000001");
    expect(body.advancedOptions.storeId).toBe(310001);
    expect(body.orderDate).toBe("2024-05-02 02:12:00");
    expect(body.orderStatus).toBe("awaiting_shipment");
    expect(body.items.map((i) => [i.lineItemKey, i.sku, i.quantity])).toEqual([
      ["10000000000071", "MUG-BLUE", 3],
      ["10000000000072", "PLATE-RED", 1],
    ]);
    expect(body.internalNotes).toBeUndefined();
  });

  it("sums money as decimals: no float drift in the JSON sent", () => {
    const body = toCreateOrderBody(order(), 1);
    // 3 × 0.10 + 0.02 + 19.99 + 1.20 + 4.99 = 26.50 exactly.
    const json = JSON.stringify(body);
    expect(json).toContain('"amountPaid":26.5');
    expect(json).toContain('"taxAmount":1.22');
    expect(json).toContain('"shippingAmount":4.99');
    expect(json).toContain('"unitPrice":0.1');
    expect(json).not.toMatch(/\d\.\d{3,}/);
  });

  it("rounds to cents and refuses amounts a number cannot carry exactly", () => {
    expect(moneyNumber(new Decimal("0.105"))).toBe(0.11);
    expect(moneyNumber(new Decimal("1e2"))).toBe(100);
    expect(() => moneyNumber(new Decimal("12345678901234567.89"))).toThrow(
      /cannot be sent exactly/,
    );
  });

  it("maps hub states to ShipStation statuses", () => {
    const status = (state: MarketplaceOrder["state"]) =>
      toCreateOrderBody(order({ state }), 1).orderStatus;
    expect(status("cancelled")).toBe("cancelled");
    expect(status("cancel_requested")).toBe("on_hold");
    expect(status("partially_shipped")).toBe("awaiting_shipment");
    const held = toCreateOrderBody(order({ state: "cancel_requested" }), 1);
    expect(held.internalNotes).toMatch(/buyer requested cancellation/i);
  });

  it("refuses an order without a ship-to address", () => {
    const { shipTo: _dropped, ...rest } = order();
    expect(() => toCreateOrderBody(rest, 1)).toThrow(/no ship-to address/);
  });
});

describe("address cleaning", () => {
  it("removes emoji and control characters, keeps diacritics and words", () => {
    expect(cleanText("Jürgen 😀 Müller\u0007")).toBe("Jürgen Müller");
    expect(cleanText("Ren\u0065\u0301e\u200B  O\u2019Brien")).toBe(
      "Renée O'Brien",
    );
    expect(cleanText("Flat 2\nBack door")).toBe("Flat 2 Back door");
    expect(cleanText("👍🏽 Żółć Straße 5")).toBe("Żółć Straße 5");
  });

  it("overflows long street lines into street2 and street3, no truncation", () => {
    const long = "1234 Long Example Boulevard North East Building Seven";
    const lines = reflowStreets([long, "Apt 9", ""]);
    expect(lines.every((l, i) => i === 2 || l.length <= STREET_LINE_MAX)).toBe(
      true,
    );
    expect(lines.filter((l) => l !== "").join(" ")).toBe(`${long} Apt 9`);
    expect(lines[0]).toBe("1234 Long Example Boulevard North");
  });

  it("keeps the original address in the internal notes when it changed", () => {
    const body = toCreateOrderBody(
      order({
        shipTo: {
          name: "Test Buyer 🎁",
          street1: "1 Example Street, Building Seven, Unit 12 Rear",
          city: "Springfield",
          postalCode: "62701",
          country: "us",
        },
      }),
      1,
    );
    expect(body.shipTo.name).toBe("Test Buyer");
    expect(body.shipTo.country).toBe("US");
    expect(body.shipTo.street1.length).toBeLessThanOrEqual(STREET_LINE_MAX);
    expect(`${body.shipTo.street1} ${body.shipTo.street2 ?? ""}`).toBe(
      "1 Example Street, Building Seven, Unit 12 Rear",
    );
    expect(body.internalNotes).toContain("Test Buyer 🎁");
    expect(body.internalNotes).toContain("Unit 12 Rear");
  });
});

describe("contentHash", () => {
  it("ignores key order and changes with what is sent", () => {
    const body = toCreateOrderBody(order(), 1);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(contentHash(reordered as typeof body)).toBe(contentHash(body));
    const base = order();
    if (!base.shipTo) throw new Error("fixture has an address");
    const edited = toCreateOrderBody(
      order({ shipTo: { ...base.shipTo, street2: "Apt 10" } }),
      1,
    );
    expect(contentHash(edited)).not.toBe(contentHash(body));
    expect(contentHash(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});
