import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MarketplaceOrder } from "../../src/channels/types.js";
import { UpstreamError } from "../../src/errors.js";
import { ShipStationClient } from "../../src/shipstation/client.js";
import { toCreateOrderBody } from "../../src/shipstation/order-mapping.js";
import { useSandbox, type SandboxEnv } from "./sandbox-env.js";

let env: SandboxEnv;
const STORE = 101;

beforeAll(async () => {
  env = await useSandbox();
});
afterAll(async () => {
  await env.stop();
});

const client = () => new ShipStationClient(env.http(), env.settings);

function order(
  id: string,
  overrides: Partial<MarketplaceOrder> = {},
): MarketplaceOrder {
  return {
    channel: "amazon-us",
    orderId: id,
    state: "ready",
    vendorStatus: "Unshipped",
    createdAt: "2024-05-02T09:12:00Z",
    updatedAt: "2024-05-02T09:12:00Z",
    currency: "USD",
    shippingPrice: "0.00",
    buyer: { name: "Test Buyer" },
    shipTo: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
      country: "US",
    },
    lines: [
      {
        lineId: `${id}-1`,
        sku: "MUG-BLUE",
        title: "Mug",
        quantity: 1,
        unitPrice: "12.50",
        tax: "0.00",
      },
      {
        lineId: `${id}-2`,
        sku: "PLATE-RED",
        title: "Plate",
        quantity: 2,
        unitPrice: "9.99",
        tax: "0.00",
      },
    ],
    raw: {},
    ...overrides,
  };
}

async function control(
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${env.sandbox.url}/_sandbox/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const requests = (key: string) => env.sandbox.state().requests[key] ?? 0;

function ordersWithKey(key: string) {
  return env.sandbox
    .state()
    .shipstation.orders.filter((o) => o.orderKey === key);
}

describe("ShipStationClient against the sandbox", () => {
  it("lists the API-fed stores", async () => {
    const stores = await client().listStores();
    expect(stores.map((s) => s.storeId)).toContain(STORE);
  });

  it("B01: a rerun updates the same order, and adoption finds it by key", async () => {
    const ss = client();
    const first = await ss.createOrders([
      toCreateOrderBody(order("111-0000000-0000001"), STORE),
    ]);
    expect(first[0]?.success).toBe(true);
    const edited = order("111-0000000-0000001", {
      shipTo: {
        name: "Test Buyer",
        street1: "1 Example Street",
        street2: "Apt 9",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
        country: "US",
      },
    });
    const second = await ss.createOrders([toCreateOrderBody(edited, STORE)]);
    expect(second[0]?.orderId).toBe(first[0]?.orderId);
    const held = ordersWithKey("amazon-us:111-0000000-0000001");
    expect(held).toHaveLength(1);
    expect(held[0]?.advancedOptions).toMatchObject({ storeId: STORE });
    expect((held[0]?.shipTo as { street2: string }).street2).toBe("Apt 9");

    // Hub's mapping row lost: look up by orderNumber, match the key.
    const found = await ss.findOrdersByKey(
      ["amazon-us:111-0000000-0000001"],
      STORE,
    );
    expect(found.get("amazon-us:111-0000000-0000001")?.orderId).toBe(
      first[0]?.orderId,
    );
    const elsewhere = await ss.findOrdersByKey(
      ["amazon-us:111-0000000-0000001"],
      102,
    );
    expect(elsewhere.size).toBe(0);
  });

  it("sends createorders in batches of at most 100 and reports each order", async () => {
    const before = requests("shipstation POST /orders/createorders");
    const bodies = Array.from({ length: 150 }, (_, i) =>
      toCreateOrderBody(order(`BATCH-${String(i).padStart(4, "0")}`), STORE),
    );
    const bad = { ...toCreateOrderBody(order("BATCH-BAD"), 999_999) };
    const results = await client().createOrders([...bodies, bad]);
    expect(requests("shipstation POST /orders/createorders") - before).toBe(2);
    expect(results).toHaveLength(151);
    expect(results.slice(0, 150).every((r) => r.success && r.orderId)).toBe(
      true,
    );
    const last = results[150];
    expect(last?.success).toBe(false);
    expect(last?.orderKey).toBe("amazon-us:BATCH-BAD");
    expect(last?.errorMessage).toMatch(/store/i);
  });

  it("retries a 429 using the reset header, and reports a batch that keeps failing", async () => {
    env.sandbox.setFaults([
      {
        endpoint: "shipstation POST /orders/createorders",
        kind: "429",
        times: 1,
      },
    ]);
    const ok = await client().createOrders([
      toCreateOrderBody(order("RETRY-1"), STORE),
    ]);
    expect(ok[0]?.success).toBe(true);
    env.sandbox.setFaults([
      { endpoint: "shipstation POST /orders/createorders", kind: "500" },
    ]);
    try {
      const failed = await client().createOrders([
        toCreateOrderBody(order("RETRY-2"), STORE),
      ]);
      expect(failed[0]).toMatchObject({ success: false, retryable: true });
      expect(failed[0]?.errorMessage).toMatch(/500/);
    } finally {
      env.sandbox.clearFaults();
    }
  });

  it("B03/B06: lists shipments with items, Pacific dates, and later voids", async () => {
    const ss = client();
    const key = "amazon-us:111-0000000-0000003";
    await ss.createOrders([
      toCreateOrderBody(order("111-0000000-0000003"), STORE),
    ]);
    // 01:30 on 3 Nov 2024 happens twice in Pacific time.
    env.sandbox.world.pinClock(new Date("2024-11-03T08:30:00Z"));
    try {
      const shipped = await control("shipstation/ship", {
        orderKey: key,
        packages: [
          { carrierCode: "ups", items: [{ sku: "MUG-BLUE", quantity: 1 }] },
        ],
      });
      const made = (
        shipped.shipments as Array<{ shipmentId: number; createDate: string }>
      )[0];
      expect(made?.createDate).toBe("2024-11-03T01:30:00.0000000");

      const listed = await ss.listShipments({
        since: new Date("2024-11-03T08:20:00Z"),
      });
      const mine = listed.find((s) => s.shipmentId === made?.shipmentId);
      expect(mine?.createDate.toISOString()).toBe("2024-11-03T08:30:00.000Z");
      expect(mine?.orderKey).toBe(key);
      expect(mine?.items).toEqual([
        expect.objectContaining({
          lineItemKey: "111-0000000-0000003-1",
          sku: "MUG-BLUE",
          quantity: 1,
        }),
      ]);
      expect(mine?.voided).toBe(false);

      // Voided an hour later: outside the creation window of the next run.
      env.sandbox.world.pinClock(new Date("2024-11-03T11:00:00Z"));
      await control("shipstation/void", { shipmentId: made?.shipmentId });
      const next = await ss.listShipments({
        since: new Date("2024-11-03T10:00:00Z"),
      });
      const voided = next.find((s) => s.shipmentId === made?.shipmentId);
      expect(voided?.voided).toBe(true);
      expect(voided?.voidDate?.toISOString()).toBe("2024-11-03T11:00:00.000Z");
    } finally {
      env.sandbox.world.pinClock(undefined);
    }
  });

  it("follows every page of shipments (520 rows, pages of 500)", async () => {
    const ss = client();
    env.sandbox.world.pinClock(new Date("2030-01-01T12:00:00Z"));
    try {
      const bodies = Array.from({ length: 260 }, (_, i) =>
        toCreateOrderBody(order(`PAGE-${i}`), STORE),
      );
      await ss.createOrders(bodies);
      for (const b of bodies) {
        const pkg = {
          carrierCode: "ups",
          items: [{ sku: "PLATE-RED", quantity: 1 }],
        };
        await control("shipstation/ship", {
          orderKey: b.orderKey,
          packages: [pkg, pkg],
        });
      }
    } finally {
      env.sandbox.world.pinClock(undefined);
    }
    const before = requests("shipstation GET /shipments");
    const all = await ss.listShipments({
      since: new Date("2030-01-01T11:00:00Z"),
    });
    expect(all).toHaveLength(520);
    expect(new Set(all.map((s) => s.shipmentId)).size).toBe(520);
    // Two pages of created labels, one (empty) page of voided ones.
    expect(requests("shipstation GET /shipments") - before).toBe(3);
  });

  it("B07: exposes split children with their parentId", async () => {
    const ss = client();
    const key = "amazon-us:111-0000000-0000007";
    const [created] = await ss.createOrders([
      toCreateOrderBody(order("111-0000000-0000007"), STORE),
    ]);
    const split = await control("shipstation/split", {
      orderKey: key,
      items: [{ sku: "PLATE-RED", quantity: 2 }],
      orderNumber: "111-0000000-0000007",
    });
    const childId = (split.order as { orderId: number }).orderId;
    const child = await ss.getOrder(childId);
    expect(child?.parentId).toBe(created?.orderId);
    expect(child?.orderKey).not.toBe(key);
    expect(child?.mergedOrSplit).toBe(true);
    const family = await ss.listOrdersByNumber("111-0000000-0000007");
    expect(family.map((o) => o.orderId).sort()).toEqual(
      [created?.orderId, childId].sort(),
    );
    // Adoption by key never mistakes the child for the order.
    const found = await ss.findOrdersByKey([key], STORE);
    expect(found.get(key)?.orderId).toBe(created?.orderId);
    expect(await ss.getOrder(987_654_321)).toBeUndefined();
  });

  it("B19: holds or cancels an open order, leaves a shipped one alone", async () => {
    const ss = client();
    const [open] = await ss.createOrders([
      toCreateOrderBody(order("111-0000000-0000019"), STORE),
    ]);
    const id = open?.orderId ?? 0;
    const held = await ss.holdOrder(
      id,
      "Buyer requested cancellation: Ordered by mistake",
    );
    expect(held.changed).toBe(true);
    expect(held.order.orderStatus).toBe("on_hold");
    expect(held.order.orderId).toBe(id);
    expect(held.order.wire.internalNotes).toMatch(
      /Buyer requested cancellation/,
    );
    const cancelled = await ss.cancelOrder(id, "Cancelled on Amazon");
    expect(cancelled.order.orderStatus).toBe("cancelled");
    expect(ordersWithKey("amazon-us:111-0000000-0000019")).toHaveLength(1);

    const [other] = await ss.createOrders([
      toCreateOrderBody(order("111-0000000-0000020"), STORE),
    ]);
    await control("shipstation/ship", {
      orderKey: "amazon-us:111-0000000-0000020",
      packages: [{ carrierCode: "ups" }],
    });
    const posts = requests("shipstation POST /orders/createorder");
    const locked = await ss.cancelOrder(
      other?.orderId ?? 0,
      "Cancelled on Amazon",
    );
    expect(locked.changed).toBe(false);
    expect(locked.order.orderStatus).toBe("shipped");
    expect(requests("shipstation POST /orders/createorder")).toBe(posts);
  });

  it("lists fulfillments of orders marked shipped without a label", async () => {
    const ss = client();
    await ss.createOrders([toCreateOrderBody(order("FULFIL-1"), STORE)]);
    const since = new Date(Date.now() - 60_000);
    await control("shipstation/ship", {
      orderKey: "amazon-us:FULFIL-1",
      markShippedOnly: true,
      carrierCode: "USPS",
      trackingNumber: "9400100000000000000999",
    });
    const rows = await ss.listFulfillments({ since });
    const mine = rows.find(
      (f) => f.trackingNumber === "9400100000000000000999",
    );
    expect(mine?.carrierCode).toBe("USPS");
    expect(mine?.voided).toBe(false);
  });

  it("follows a resource_url only on the configured ShipStation host", async () => {
    const ss = client();
    const before = JSON.stringify(env.sandbox.state().requests);
    for (const url of [
      "https://ssapi6.shipstation.com.example.invalid/shipments?batchId=1",
      "http://127.0.0.2:9/shipments",
      `${env.sandbox.url}/zoho/inventory/v1/items`,
      `http://user:pw@${new URL(env.sandbox.url).host}/shipstation/shipments`,
    ]) {
      await expect(ss.getResource(url)).rejects.toThrow(UpstreamError);
    }
    expect(JSON.stringify(env.sandbox.state().requests)).toBe(before);
    const body = await ss.getResource(
      `${env.sandbox.url}/shipstation/shipments?batchId=none`,
    );
    expect(body).toMatchObject({ shipments: [] });
  });

  it("subscribes a webhook and returns its id", async () => {
    const id = await client().subscribeWebhook(
      "http://127.0.0.1:9/webhooks/shipstation/secret",
      "SHIP_NOTIFY",
      { storeId: STORE },
    );
    expect(
      env.sandbox.state().shipstation.webhooks.find((w) => w.id === id)?.event,
    ).toBe("SHIP_NOTIFY");
  });
});
