import { describe, expect, it } from "vitest";
import { apiUse } from "../../src/ops/api-limits.js";

describe("API calls in hub status", () => {
  it("lists the last runs' calls with the documented limits, Amazon's slow search first among them", () => {
    const use = apiUse([
      { command: "pull-orders", counts: { apiCalls: { "amazon-us searchOrders": 21, "shipstation createorders": 2, "ebay:ebay-us getOrders": 1 } } },
      { command: "allocate", counts: { created: 3 } },
      { command: "status", counts: null },
    ]);
    expect(use).toEqual([
      { command: "pull-orders", operation: "amazon-us searchOrders", calls: 21, limit: "burst 20, then 1 call per 180 s (Amazon Orders v2026-01-01)" },
      { command: "pull-orders", operation: "shipstation createorders", calls: 2, limit: "40 calls per minute for the whole account (ShipStation)" },
      { command: "pull-orders", operation: "ebay:ebay-us getOrders", calls: 1, limit: "" },
    ]);
  });
});
