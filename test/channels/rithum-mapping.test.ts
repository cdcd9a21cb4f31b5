import { describe, expect, it, vi } from "vitest";
import { describeRithumError } from "../../src/channels/rithum/api.js";
import { rithumCarrier } from "../../src/channels/rithum/carriers.js";
import {
  configuredCenter,
  shipFromCenter,
} from "../../src/channels/rithum/distribution-center.js";
import {
  normalise,
  windowFilter,
  type ReadOrder,
} from "../../src/channels/rithum/orders.js";
import type { RithumApi } from "../../src/channels/rithum/api.js";
import {
  odataString,
  ProductIds,
  publishRithumQuantities,
} from "../../src/channels/rithum/quantities.js";
import { rithumOrder } from "../../src/channels/rithum/schemas.js";
import {
  planRithumShip,
  saysAlreadyShipped,
} from "../../src/channels/rithum/ship-plan.js";
import { mapRithumState } from "../../src/channels/rithum/states.js";
import type { PackageConfirmation } from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { ConfigError, UpstreamError } from "../../src/errors.js";
import { createLogger } from "../../src/log/logger.js";

const logger = createLogger({ tty: false, verbose: false, silent: true });

/** The three orders of case B31, with the fields a real page also has. */
function b31Orders(): unknown[] {
  const base = {
    CreatedDateUtc: "2026-04-01T09:00:00Z",
    CheckoutStatus: "CompletedAndVisited",
    PaymentStatus: "Cleared",
    ShippingStatus: "Unshipped",
    TotalShippingPrice: 0,
    ShippingFirstName: "Test",
    ShippingLastName: "Buyer",
    ShippingAddressLine1: "1 Example Street",
    ShippingCity: "Springfield",
    ShippingPostalCode: "62701",
    ShippingCountry: "US",
  };
  return [
    {
      ...base,
      ID: 5000031,
      SiteOrderID: "23-00000-00031",
      Items: [{ ID: 6000311, Sku: "SOCK-BLK", Quantity: 2, UnitPrice: 3.5 }],
      Fulfillments: [
        {
          ID: 7000311,
          Type: "Ship",
          DistributionCenterID: null,
          Items: [{ OrderItemID: 6000311, Quantity: 2 }],
        },
      ],
    },
    {
      ...base,
      ID: 5000032,
      SiteOrderID: "23-00000-00032",
      Items: [{ ID: 6000321, Sku: "LAMP-01", Quantity: 1 }],
      Fulfillments: [],
    },
    {
      ...base,
      ID: 5000033,
      SiteOrderID: "23-00000-00033",
      Items: [{ ID: 6000331, Sku: "MUG-BLUE", Quantity: 1 }],
      Fulfillments: [
        {
          ID: 7000331,
          Type: "Ship",
          DistributionCenterID: 0,
          Items: [{ OrderItemID: 6000331, Quantity: 1 }],
        },
      ],
    },
  ];
}

function read(raw: unknown): ReadOrder {
  const checked = rithumOrder.safeParse(raw);
  const id = String((raw as { ID?: unknown }).ID ?? "");
  return checked.success
    ? { id, parsed: checked.data, raw }
    : { id, raw, problem: "invalid" };
}

describe("case B31: distribution centres and odd fulfilments", () => {
  it("imports all three orders without throwing", () => {
    const orders = b31Orders().map((raw) =>
      normalise("rithum-main", read(raw), logger),
    );
    expect(orders.map((o) => [o.orderId, o.state, o.lines[0]?.lineId])).toEqual(
      [
        ["5000031", "ready", "6000311"],
        ["5000032", "ready", "6000321"],
        ["5000033", "ready", "6000331"],
      ],
    );
  });

  it("maps a null centre, no fulfilment and an empty list to the default; 0 is a real id", () => {
    const parsed = b31Orders().map((raw) => rithumOrder.parse(raw));
    const centre = (i: number, item: number) =>
      shipFromCenter(parsed[i]?.Fulfillments ?? [], new Set([item]), 11);
    expect(centre(0, 6000311)).toBe(11);
    expect(centre(1, 6000321)).toBe(11);
    expect(centre(2, 6000331)).toBe(0);
    expect(centre(2, 999)).toBe(0);
  });

  it("reads distribution_center_id 0 as the id 0, not as missing", () => {
    const settings = Settings.fromEntries([
      ["channels.rithum-main.kind", "rithum"],
      ["channels.rithum-main.distribution_center_id", "0"],
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("no channel");
    expect(configuredCenter(channel)).toBe(0);
    expect(configuredCenter({ ...channel, values: {} })).toBeUndefined();
    expect(() =>
      configuredCenter({
        ...channel,
        values: { distribution_center_id: "DC-MAIN" },
      }),
    ).toThrow(ConfigError);
  });

  it("passes a malformed order on without lines and logs its ID", () => {
    const warn = vi.spyOn(logger, "warn");
    const trimmed = {
      ID: 5000034,
      SiteOrderID: "23-00000-00034",
      Items: [{ ID: 6000341, Sku: "X", Quantity: 1 }],
    };
    const orders = [...b31Orders(), trimmed].map((raw) =>
      normalise("rithum-main", read(raw), logger),
    );
    expect(orders).toHaveLength(4);
    expect(orders[3]).toMatchObject({
      orderId: "5000034",
      lines: [],
      raw: trimmed,
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("5000034"));
    warn.mockRestore();
  });
});

describe("Rithum order states", () => {
  const order = (fields: Record<string, unknown>) =>
    rithumOrder.parse({ ...(b31Orders()[0] as object), ...fields });

  it.each([
    [{}, "ready"],
    [{ CheckoutStatus: "Completed" }, "ready"],
    [{ CheckoutStatus: "CompletedOffline" }, "ready"],
    [{ CheckoutStatus: "Visited" }, "not_ready"],
    [{ PaymentStatus: "Submitted" }, "not_ready"],
    [{ PaymentStatus: "Deposited" }, "ready"],
    [{ ShippingStatus: "Shipped" }, "shipped"],
    [{ ShippingStatus: "PartiallyShipped" }, "partially_shipped"],
    [{ ShippingStatus: "Canceled" }, "cancelled"],
    [{ DistributionCenterTypeRollup: "ExternallyManaged" }, "shipped"],
  ])("%o → %s", (fields, state) => {
    expect(mapRithumState(order(fields)).state).toBe(state);
  });
});

describe("Rithum shipping", () => {
  const channel = Settings.fromEntries([
    ["channels.rithum-main.kind", "rithum"],
    ["channels.rithum-main.carrier.ontrac", "OnTrac/Ground"],
    ["channels.rithum-main.carrier.fedex", "FedEx"],
  ]).channels[0];

  function pkg(over: Partial<PackageConfirmation> = {}): PackageConfirmation {
    return {
      orderId: "5000031",
      packageRef: "1",
      carrierCode: "ups",
      serviceCode: "ups_ground",
      trackingNumber: "1Z1",
      shipDate: "2026-04-02T10:00:00Z",
      lines: [],
      completesOrder: true,
      ...over,
    };
  }

  it("maps carrier and class: override, defaults, then the class asked for", () => {
    if (!channel) throw new Error("no channel");
    expect(rithumCarrier(channel, "ups", "ups_ground", {})).toEqual({
      carrier: "UPS",
      shipClass: "Ground",
    });
    expect(rithumCarrier(channel, "ontrac", undefined, {})).toEqual({
      carrier: "OnTrac",
      shipClass: "Ground",
    });
    expect(
      rithumCarrier(channel, "fedex", "fedex_unknown", {
        carrier: "FedEx",
        shipClass: "Home",
      }),
    ).toEqual({
      carrier: "FedEx",
      shipClass: "Home",
    });
    expect(() =>
      rithumCarrier(channel, "fedex", "fedex_unknown", {
        carrier: "UPS",
        shipClass: "Ground",
      }),
    ).toThrow(/channels\.rithum-main\.carrier\.fedex/);
  });

  it("plans the Ship call from the order", () => {
    const base = b31Orders()[0] as Record<string, unknown>;
    const shipped = rithumOrder.parse({
      ...base,
      ShippingStatus: "Shipped",
      Fulfillments: [
        { Type: "Ship", TrackingNumber: "1Z1", DeliveryStatus: "Complete" },
      ],
    });
    expect(planRithumShip(rithumOrder.parse(base), pkg())).toEqual({
      action: "ship",
    });
    expect(
      planRithumShip(rithumOrder.parse(base), pkg({ completesOrder: false })),
    ).toEqual({ action: "wait" });
    expect(planRithumShip(shipped, pkg())).toEqual({ action: "already_done" });
    expect(planRithumShip(shipped, pkg({ trackingNumber: "1Z2" }))).toEqual({
      action: "mismatch",
      existingTracking: "1Z1",
    });
    const cancelled = rithumOrder.parse({
      ...base,
      ShippingStatus: "Canceled",
    });
    expect(planRithumShip(cancelled, pkg()).action).toBe("refuse");
  });

  it("recognises an already-shipped answer", () => {
    expect(saysAlreadyShipped("Order 100001 is already shipped.")).toBe(true);
    expect(
      saysAlreadyShipped("Invalid Shipping Carrier and/or Class: FOO / BAR"),
    ).toBe(false);
  });
});

describe("Rithum wire details", () => {
  it("escapes quotes in OData strings", () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
  });

  it("filters the window by date and profile", () => {
    const filter = windowFilter(
      {
        since: new Date("2026-04-01T00:00:00Z"),
        until: new Date("2026-04-02T00:00:00Z"),
      },
      "10000001",
    );
    expect(filter).toBe(
      "CreatedDateUtc ge 2026-04-01T00:00:00.000Z and CreatedDateUtc lt 2026-04-02T00:00:00.000Z and ProfileID eq 10000001",
    );
  });

  it("reads every error envelope", () => {
    expect(
      describeRithumError(400, {
        error: { code: "", message: "Invalid Shipping Carrier" },
      }),
    ).toEqual({
      message: "Invalid Shipping Carrier",
    });
    expect(describeRithumError(400, { error: "invalid_grant" })).toEqual({
      code: "invalid_grant",
      message: "invalid_grant",
    });
    expect(
      describeRithumError(400, { Message: "The request is invalid." }),
    ).toEqual({
      message: "The request is invalid.",
    });
    expect(describeRithumError(502, "")).toEqual({ message: "HTTP 502" });
  });
});

describe("Rithum quantity publishing", () => {
  it("keeps at most 5 requests in flight and answers in the order given", async () => {
    const settings = Settings.fromEntries([
      ["channels.rithum-main.kind", "rithum"],
      ["channels.rithum-main.distribution_center_id", "7"],
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("no channel");
    let inFlight = 0;
    let most = 0;
    const updated: string[] = [];
    // Answers each call a few turns of the event loop later, so calls
    // that were started together overlap.
    const api = {
      async request(req: { operation: string; path: string }) {
        inFlight += 1;
        most = Math.max(most, inFlight);
        for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
        inFlight -= 1;
        const id = Number(/Products\((\d+)\)/.exec(req.path)?.[1] ?? 0);
        if (req.operation === "listProducts") {
          const sku = decodeURIComponent(req.path).match(/Sku eq '([^']+)'/)?.[1] ?? "";
          return { body: { value: sku === "GONE-9" ? [] : [{ ID: 100 + Number(sku.split("-")[1]), Sku: sku }] } };
        }
        if (id === 103) throw new UpstreamError("boom", { api: "rithum-main", status: 500, retryable: true });
        updated.push(String(id));
        return { body: undefined };
      },
    } as unknown as RithumApi;
    const skus = ["SKU-1", "SKU-2", "SKU-3", "GONE-9", ...Array.from({ length: 16 }, (_, i) => `SKU-${String(i + 10)}`)];
    const outcomes = await publishRithumQuantities(
      api,
      channel,
      new ProductIds(api, channel),
      skus.map((sku) => ({ sku, quantity: 2 })),
    );
    expect(most).toBe(5);
    expect(outcomes.map((o) => o.sku)).toEqual(skus);
    expect(outcomes.map((o) => o.status)).toEqual([
      "sent", "sent", "failed", "refused", ...Array<string>(16).fill("sent"),
    ]);
    expect(updated).toHaveLength(18);
  });
});
