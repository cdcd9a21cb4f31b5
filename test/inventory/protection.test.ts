import { describe, expect, it } from "vitest";
import {
  decideProtection,
  protectionState,
  type ProtectionInput,
} from "../../src/inventory/protection.js";

const base: ProtectionInput = {
  sku: "LAMP-01",
  shadowAvailable: 2,
  safetyStock: 1,
  lowStockThreshold: 1,
  channels: [
    { id: "amazon-us", ratio: 80 },
    { id: "ebay-us", ratio: 60 },
    { id: "mirakl-acme", ratio: 40 },
  ],
  maxOversellPct: 150,
  minPublishQty: 0,
  lastAlertState: null,
};

describe("low-stock protection", () => {
  it("leaves a SKU above the threshold alone and clears its state", () => {
    const decision = decideProtection({
      ...base,
      shadowAvailable: 3,
      lastAlertState: "low-stock:LAMP-01:amazon-us=1,ebay-us=0,mirakl-acme=0",
    });
    expect(decision).toEqual({ allocation: null, state: null, alert: null });
  });

  it("protects at the threshold with cap 100, not the oversell cap", () => {
    // Sellable 1 with R 180: cap 150 would show 1 too, so raise the
    // threshold to see the cap at work on sellable 4 (T 4, not 6).
    const decision = decideProtection({
      ...base,
      shadowAvailable: 5,
      lowStockThreshold: 4,
    });
    expect(decision.allocation?.cap).toBe(100);
    expect(decision.allocation?.total).toBe(4);
    const quantities = decision.allocation?.channels.map((c) => c.quantity);
    expect(quantities).toEqual([2, 1, 1]);
  });

  it("alerts on entering protection, once per state", () => {
    const first = decideProtection(base);
    expect(first.state).toBe(
      "low-stock:LAMP-01:amazon-us=1,ebay-us=0,mirakl-acme=0",
    );
    expect(first.alert).toEqual({
      sku: "LAMP-01",
      available: 2,
      sellable: 1,
      quantities: [
        { channel: "amazon-us", quantity: 1 },
        { channel: "ebay-us", quantity: 0 },
        { channel: "mirakl-acme", quantity: 0 },
      ],
    });
    const again = decideProtection({ ...base, lastAlertState: first.state });
    expect(again.alert).toBeNull();
    expect(again.state).toBe(first.state);
    expect(again.allocation).toEqual(first.allocation);
  });

  it("alerts again when the protected quantities change", () => {
    const first = decideProtection(base);
    const lower = decideProtection({
      ...base,
      shadowAvailable: 1,
      lastAlertState: first.state,
    });
    expect(lower.state).toBe(
      "low-stock:LAMP-01:amazon-us=0,ebay-us=0,mirakl-acme=0",
    );
    expect(lower.alert?.sellable).toBe(0);
  });

  it("alerts again on re-entry after the state was cleared", () => {
    const left = decideProtection({ ...base, shadowAvailable: 9 });
    const back = decideProtection({ ...base, lastAlertState: left.state });
    expect(back.alert).not.toBeNull();
  });

  it("builds the state key from quantities in configuration order", () => {
    const key = protectionState("MUG-02", [
      { channel: "ebay-us", quantity: 3 },
      { channel: "amazon-us", quantity: 0 },
    ]);
    expect(key).toBe("low-stock:MUG-02:ebay-us=3,amazon-us=0");
  });
});
