import { describe, expect, it } from "vitest";
import { orderShipState } from "../../src/pipelines/push-tracking/coverage.js";
import { planTracking } from "../../src/pipelines/push-tracking/plan.js";
import { wholeSecondAfter } from "../../src/pipelines/push-tracking/shipstation-source.js";
import type {
  HubOrder,
  MatchedPackage,
  PlanStep,
  PushStep,
  TrackingReturn,
  VoidStep,
} from "../../src/pipelines/push-tracking/types.js";

const NOW = new Date("2024-05-06T12:00:00Z");

function order(overrides: Partial<HubOrder> = {}): HubOrder {
  return {
    orderKey: "amazon-us:111-0000000-0000007",
    channel: "amazon-us",
    marketplaceOrderId: "111-0000000-0000007",
    status: "sent",
    shipstationOrderId: 9100,
    lines: [
      { lineId: "L1", sku: "MUG-BLUE", quantity: 1 },
      { lineId: "L2", sku: "PLATE-RED", quantity: 2 },
    ],
    ...overrides,
  };
}

function pkg(
  id: number,
  items: MatchedPackage["items"],
  overrides: Partial<MatchedPackage> = {},
): MatchedPackage {
  return {
    shipmentKey: String(id),
    packageRef: String(id),
    source: "label",
    shipstationOrderId: 9100,
    orderKey: "amazon-us:111-0000000-0000007",
    storeId: 101,
    trackingNumber: `1Z999AA1000000${id}`,
    carrierCode: "ups",
    serviceCode: "ups_ground",
    createdAt: new Date(Date.UTC(2024, 4, 6, 8, 0, id % 60)),
    voided: false,
    voidedAt: undefined,
    returnLabel: false,
    items,
    matchedOrderKey: "amazon-us:111-0000000-0000007",
    ...overrides,
  };
}

function row(
  shipmentKey: string,
  lines: Record<string, number>,
  overrides: Partial<TrackingReturn> = {},
): TrackingReturn {
  return {
    shipmentKey,
    packageRef: shipmentKey,
    orderKey: "amazon-us:111-0000000-0000007",
    channel: "amazon-us",
    shipstationOrderId: 9100,
    trackingNumber: `T-${shipmentKey}`,
    carrierCode: "ups",
    serviceCode: undefined,
    carrierSent: "UPS",
    lines,
    status: "pushed",
    attempts: 1,
    lastError: undefined,
    nextAttemptAt: undefined,
    shippedAt: new Date("2024-05-05T08:00:00Z"),
    voidedAt: undefined,
    pushedAt: new Date("2024-05-05T08:05:00Z"),
    ...overrides,
  };
}

function plan(
  packages: MatchedPackage[],
  returns: TrackingReturn[] = [],
  o: HubOrder = order(),
): PlanStep[] {
  return planTracking({
    packages,
    ignored: [],
    orders: new Map([[o.orderKey, o]]),
    returns,
    now: NOW,
  }).steps;
}

const pushes = (steps: PlanStep[]): PushStep[] =>
  steps.filter((s): s is PushStep => s.kind === "push");

describe("planTracking", () => {
  it("pushes one package with the lines and units of its items", () => {
    const steps = plan([
      pkg(7001, [
        { lineItemKey: "L1", sku: "MUG-BLUE", quantity: 1 },
        { lineItemKey: "L2", sku: "PLATE-RED", quantity: 2 },
      ]),
    ]);
    const [push] = pushes(steps);
    expect(steps).toHaveLength(1);
    expect(push?.confirmation).toMatchObject({
      orderId: "111-0000000-0000007",
      packageRef: "7001",
      carrierCode: "ups",
      serviceCode: "ups_ground",
      trackingNumber: "1Z999AA10000007001",
      completesOrder: true,
      lines: [
        { lineId: "L1", sku: "MUG-BLUE", quantity: 1 },
        { lineId: "L2", sku: "PLATE-RED", quantity: 2 },
      ],
    });
  });

  it("completes the order only with the package that covers the last unit (B07)", () => {
    const steps = plan([
      pkg(7102, [{ lineItemKey: "L2", sku: "PLATE-RED", quantity: 2 }]),
      pkg(7101, [{ lineItemKey: "L1", sku: "MUG-BLUE", quantity: 1 }]),
    ]);
    const byRef = Object.fromEntries(
      pushes(steps).map((p) => [p.confirmation.packageRef, p.confirmation]),
    );
    expect(byRef["7101"]?.completesOrder).toBe(false);
    expect(byRef["7102"]?.completesOrder).toBe(true);
    expect(byRef["7102"]?.lines).toEqual([
      { lineId: "L2", sku: "PLATE-RED", quantity: 2 },
    ]);
  });

  it("gives a package without items every unit still open", () => {
    const steps = plan([
      pkg(7001, [{ lineItemKey: "L2", sku: "PLATE-RED", quantity: 1 }]),
      pkg(7002, []),
    ]);
    const second = pushes(steps).find((p) => p.shipmentKey === "7002");
    expect(second?.confirmation.lines).toEqual([
      { lineId: "L1", sku: "MUG-BLUE", quantity: 1 },
      { lineId: "L2", sku: "PLATE-RED", quantity: 1 },
    ]);
    expect(second?.confirmation.completesOrder).toBe(true);
  });

  it("finds the line by SKU when the item lost its lineItemKey", () => {
    const [push] = pushes(
      plan([pkg(7001, [{ lineItemKey: undefined, sku: "PLATE-RED", quantity: 2 }])]),
    );
    expect(push?.confirmation.lines).toEqual([
      { lineId: "L2", sku: "PLATE-RED", quantity: 2 },
    ]);
    expect(push?.confirmation.completesOrder).toBe(false);
  });

  it("never pushes a label voided before its push, and records the void (B06.3)", () => {
    const steps = plan([
      pkg(7060, [], {
        voided: true,
        voidedAt: new Date("2024-05-05T16:10:00Z"),
      }),
    ]);
    expect(pushes(steps)).toHaveLength(0);
    const [voided] = steps as VoidStep[];
    expect(voided?.kind).toBe("void");
    expect(voided?.wasPushed).toBe(false);
    expect(voided?.record?.status).toBe("voided");
  });

  it("records a void after push and pushes the replacement as completing (B06.2)", () => {
    const o = order({
      orderKey: "ebay-us:23-00000-00006",
      channel: "ebay-us",
      marketplaceOrderId: "23-00000-00006",
      lines: [{ lineId: "10000000000060", sku: "LAMP-01", quantity: 1 }],
    });
    const item = { lineItemKey: "10000000000060", sku: "LAMP-01", quantity: 1 };
    const key = { matchedOrderKey: o.orderKey, orderKey: o.orderKey };
    const steps = plan(
      [
        pkg(7060, [item], { ...key, voided: true, voidedAt: NOW }),
        pkg(7061, [item], { ...key, trackingNumber: "1Z999AA10000000661" }),
      ],
      [row("7060", { "10000000000060": 1 }, { orderKey: o.orderKey, channel: "ebay-us" })],
      o,
    );
    const voided = steps.find((s): s is VoidStep => s.kind === "void");
    expect(voided).toMatchObject({ shipmentKey: "7060", wasPushed: true });
    const [push] = pushes(steps);
    expect(push?.shipmentKey).toBe("7061");
    expect(push?.confirmation.trackingNumber).toBe("1Z999AA10000000661");
    expect(push?.confirmation.completesOrder).toBe(true);
    expect(push?.confirmation.replacesTracking).toEqual([
      "T-7060",
    ]);
  });

  it("does not count a voided package toward the order (B06.4)", () => {
    const steps = plan([
      pkg(7001, [{ lineItemKey: "L1", sku: "MUG-BLUE", quantity: 1 }], {
        voided: true,
        voidedAt: NOW,
      }),
      pkg(7002, [{ lineItemKey: "L2", sku: "PLATE-RED", quantity: 2 }]),
    ]);
    const [push] = pushes(steps);
    expect(push?.shipmentKey).toBe("7002");
    expect(push?.confirmation.completesOrder).toBe(false);
  });

  it("pushes nothing again for packages already on the marketplace", () => {
    const items = [{ lineItemKey: "L1", sku: "MUG-BLUE", quantity: 1 }];
    const steps = plan(
      [pkg(7001, items)],
      [row("7001", { L1: 1 }, { status: "already_done" })],
    );
    expect(steps).toEqual([]);
  });

  it("retries a failed package once due, carrying its attempts", () => {
    const due = row("7001", { L1: 1, L2: 2 }, {
      status: "failed",
      attempts: 3,
      nextAttemptAt: new Date(NOW.getTime() - 1000),
    });
    const [push] = pushes(plan([], [due]));
    expect(push?.attempts).toBe(3);
    expect(push?.confirmation.completesOrder).toBe(true);

    const later = { ...due, nextAttemptAt: new Date(NOW.getTime() + 60_000) };
    const steps = plan([], [later]);
    expect(steps).toHaveLength(1);
    expect(steps[0]?.kind).toBe("skip");
  });

  it("leaves dead-lettered packages alone", () => {
    const dead = row("7001", { L1: 1 }, { status: "dead_letter", attempts: 5 });
    expect(plan([pkg(7001, [])], [dead])).toEqual([]);
  });

  it("sends nothing for an order cancelled in hub", () => {
    const steps = plan([pkg(7001, [])], [], order({ status: "cancelled" }));
    expect(steps.map((s) => s.kind)).toEqual(["skip"]);
  });

  it("writes the ship date with the Pacific offset of that instant (B03.4)", () => {
    const autumn = pkg(7030, [], {
      createdAt: new Date("2024-11-03T08:30:00Z"),
    });
    const [push] = pushes(plan([autumn]));
    expect(push?.confirmation.shipDate).toBe("2024-11-03T01:30:00-07:00");
    const winter = pkg(7031, [], { createdAt: new Date("2024-12-03T09:30:00Z") });
    expect(pushes(plan([winter]))[0]?.confirmation.shipDate).toBe(
      "2024-12-03T01:30:00-08:00",
    );
  });

  it("treats a fulfillment repeating a label's tracking number as that label", () => {
    const label = row("7001", { L1: 1, L2: 2 });
    const fulfillment = pkg(500, [], {
      shipmentKey: "f500",
      source: "fulfillment",
      trackingNumber: label.trackingNumber,
    });
    expect(plan([fulfillment], [label])).toEqual([]);
  });

  it("skips a return label and a package with nothing left to ship", () => {
    const done = row("7001", { L1: 1, L2: 2 });
    const steps = plan(
      [pkg(7002, [], { returnLabel: true }), pkg(7003, [])],
      [done],
    );
    expect(steps.map((s) => s.kind)).toEqual(["skip", "skip"]);
  });
});

describe("orderShipState", () => {
  it("is shipped only when non-voided done packages cover every unit", () => {
    const o = order();
    expect(orderShipState(o, [row("1", { L1: 1 })])).toBe("partially_shipped");
    expect(orderShipState(o, [row("1", { L1: 1 }), row("2", { L2: 2 })])).toBe(
      "shipped",
    );
    expect(
      orderShipState(o, [
        row("1", { L1: 1 }),
        row("2", { L2: 2 }, { voidedAt: NOW }),
      ]),
    ).toBe("partially_shipped");
    expect(orderShipState(o, [row("1", { L1: 1, L2: 2 }, { status: "failed" })])).toBe(
      "open",
    );
  });
});

describe("wholeSecondAfter", () => {
  it("never ends a ShipStation window before the instant read up to", () => {
    const at = new Date("2024-05-06T10:00:05.300Z");
    expect(wholeSecondAfter(at)).toEqual(new Date("2024-05-06T10:00:06Z"));
    const exact = new Date("2024-05-06T10:00:05Z");
    expect(wholeSecondAfter(exact)).toEqual(exact);
  });
});
