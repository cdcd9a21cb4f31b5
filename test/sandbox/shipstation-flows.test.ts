import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import {
  control,
  orderBody,
  ss,
  startReceiver,
  startTestSandbox,
  type Receiver,
} from "./helpers.js";

let sb: SandboxHandle;
let rx: Receiver;
beforeEach(async () => {
  sb = await startTestSandbox();
  rx = await startReceiver();
});
afterEach(async () => {
  await sb.close();
  await rx.close();
});

interface Shipment {
  shipmentId: number;
  orderId: number;
  orderKey: string;
  trackingNumber: string;
  carrierCode: string;
  voided: boolean;
  voidDate: string | null;
  shipDate: string;
  shipmentItems: Array<{
    lineItemKey: string;
    sku: string;
    quantity: number;
  }> | null;
}

interface ShipmentPage {
  shipments: Shipment[];
  total: number;
  page: number;
  pages: number;
}

async function createOrder(key: string, storeId = 101): Promise<number> {
  const res = await ss(sb, "/orders/createorder", {
    method: "POST",
    body: orderBody(key, storeId),
  });
  return ((await res.json()) as { orderId: number }).orderId;
}

async function orderStatus(id: number): Promise<string> {
  const res = await ss(sb, `/orders/${id}`);
  return ((await res.json()) as { orderStatus: string }).orderStatus;
}

describe("ship", () => {
  test("two packages: order shipped only once all units are covered", async () => {
    const id = await createOrder("amazon-us:111-1");
    const first = await control(sb, "/shipstation/ship", {
      orderKey: "amazon-us:111-1",
      packages: [
        {
          items: [{ sku: "MUG-BLUE", quantity: 1 }],
          carrierCode: "ups",
          trackingNumber: "1Z999AA10000000001",
        },
      ],
    });
    expect(first.status).toBe(200);
    expect(await orderStatus(id)).toBe("awaiting_shipment");
    await control(sb, "/shipstation/ship", {
      orderKey: "amazon-us:111-1",
      packages: [
        { carrierCode: "stamps_com", serviceCode: "usps_ground_advantage" },
      ],
    });
    expect(await orderStatus(id)).toBe("shipped");
    const page = (await (
      await ss(sb, "/shipments?includeShipmentItems=true&orderId=" + id)
    ).json()) as ShipmentPage;
    expect(page.total).toBe(2);
    expect(page.shipments[0]?.shipmentItems).toEqual([
      expect.objectContaining({
        lineItemKey: "L1",
        sku: "MUG-BLUE",
        quantity: 1,
      }),
    ]);
    expect(
      page.shipments[1]?.shipmentItems?.map((i) => [i.sku, i.quantity]),
    ).toEqual([
      ["MUG-BLUE", 1],
      ["PLATE-RED", 1],
    ]);
    expect(page.shipments[1]?.shipDate).toMatch(/^\d{4}-\d\d-\d\d$/);
  });

  test("shipmentItems are null unless asked for", async () => {
    await createOrder("k:1");
    await control(sb, "/shipstation/ship", {
      orderKey: "k:1",
      packages: [{ carrierCode: "ups" }],
    });
    const page = (await (await ss(sb, "/shipments")).json()) as ShipmentPage;
    expect(page.shipments[0]?.shipmentItems).toBeNull();
  });

  test("shipping more than ordered is refused", async () => {
    await createOrder("k:1");
    const res = await control(sb, "/shipstation/ship", {
      orderKey: "k:1",
      packages: [
        { items: [{ sku: "MUG-BLUE", quantity: 3 }], carrierCode: "ups" },
      ],
    });
    expect(res.status).toBe(409);
  });

  test("markShippedOnly makes a fulfillment and no shipment", async () => {
    const id = await createOrder("k:2");
    await control(sb, "/shipstation/ship", {
      orderKey: "k:2",
      markShippedOnly: true,
      carrierCode: "USPS",
      trackingNumber: "9400100000000000000001",
    });
    expect(await orderStatus(id)).toBe("shipped");
    const shipments = (await (
      await ss(sb, "/shipments")
    ).json()) as ShipmentPage;
    expect(shipments.total).toBe(0);
    const f = (await (await ss(sb, "/fulfillments")).json()) as {
      fulfillments: Array<{ orderId: number; trackingNumber: string }>;
      total: number;
    };
    expect(f.total).toBe(1);
    expect(f.fulfillments[0]).toMatchObject({
      orderId: id,
      trackingNumber: "9400100000000000000001",
    });
  });
});

describe("shipments paging", () => {
  test("pages of pageSize until the end; pageSize is capped at 500", async () => {
    for (let i = 0; i < 6; i++) {
      await createOrder(`k:${i}`);
      await control(sb, "/shipstation/ship", {
        orderKey: `k:${i}`,
        packages: [{ carrierCode: "ups" }],
      });
    }
    const ids: number[] = [];
    for (let page = 1; ; page++) {
      const body = (await (
        await ss(sb, `/shipments?pageSize=4&page=${page}`)
      ).json()) as ShipmentPage;
      expect(body.total).toBe(6);
      expect(body.pages).toBe(2);
      ids.push(...body.shipments.map((s) => s.shipmentId));
      if (page >= body.pages) break;
    }
    expect(new Set(ids).size).toBe(6);
    const big = (await (
      await ss(sb, "/shipments?pageSize=9999")
    ).json()) as ShipmentPage;
    expect(big.pages).toBe(1);
  });
});

describe("split", () => {
  test("a child order with a new key and parentId, shipped on its own", async () => {
    const parentId = await createOrder("amazon-us:111-7");
    const split = await control(sb, "/shipstation/split", {
      orderKey: "amazon-us:111-7",
      items: [{ sku: "PLATE-RED", quantity: 1 }],
    });
    const child = split.body.order as {
      orderId: number;
      orderKey: string;
      orderNumber: string;
      items: Array<{ sku: string; lineItemKey: string }>;
      advancedOptions: { parentId: number; mergedOrSplit: boolean };
    };
    expect(child.orderId).not.toBe(parentId);
    expect(child.orderKey).not.toBe("amazon-us:111-7");
    expect(child.advancedOptions.parentId).toBe(parentId);
    expect(child.advancedOptions.mergedOrSplit).toBe(true);
    expect(child.items.map((i) => i.lineItemKey)).toEqual(["L2"]);
    const parent = (await (await ss(sb, `/orders/${parentId}`)).json()) as {
      items: Array<{ sku: string }>;
    };
    expect(parent.items.map((i) => i.sku)).toEqual(["MUG-BLUE"]);
    await control(sb, "/shipstation/ship", {
      orderKey: child.orderKey,
      packages: [{ carrierCode: "ups" }],
    });
    const page = (await (
      await ss(
        sb,
        `/shipments?orderId=${child.orderId}&includeShipmentItems=true`,
      )
    ).json()) as ShipmentPage;
    expect(page.shipments[0]?.orderKey).toBe(child.orderKey);
    expect(page.shipments[0]?.shipmentItems?.[0]?.lineItemKey).toBe("L2");
  });
});

describe("void", () => {
  test("a voided label stays listed with voidDate; the order reopens", async () => {
    const id = await createOrder("k:3");
    const shipped = await control(sb, "/shipstation/ship", {
      orderKey: "k:3",
      packages: [{ carrierCode: "ups" }],
    });
    const shipment = (shipped.body.shipments as Shipment[])[0];
    expect(await orderStatus(id)).toBe("shipped");
    const res = await control(sb, "/shipstation/void", {
      shipmentId: shipment?.shipmentId,
    });
    expect(res.status).toBe(200);
    expect(await orderStatus(id)).toBe("awaiting_shipment");
    const page = (await (await ss(sb, "/shipments")).json()) as ShipmentPage;
    expect(page.shipments[0]?.voided).toBe(true);
    expect(page.shipments[0]?.voidDate).toMatch(/\.\d{7}$/);
    const again = await control(sb, "/shipstation/void", {
      shipmentId: shipment?.shipmentId,
    });
    expect(again.status).toBe(409);
  });
});

describe("webhooks", () => {
  test("subscribe, list, notify (duplicate), follow resource_url, delete", async () => {
    const sub = await ss(sb, "/webhooks/subscribe", {
      method: "POST",
      body: {
        target_url: `${rx.url}/hook/SECRET`,
        event: "SHIP_NOTIFY",
        store_id: 101,
        friendly_name: "hub",
      },
    });
    const { id } = (await sub.json()) as { id: number };
    const list = (await (await ss(sb, "/webhooks")).json()) as {
      webhooks: Array<{ WebHookID: number; HookType: string; Url: string }>;
    };
    expect(list.webhooks).toEqual([
      expect.objectContaining({ WebHookID: id, HookType: "SHIP_NOTIFY" }),
    ]);

    await createOrder("k:4");
    await control(sb, "/shipstation/ship", {
      orderKey: "k:4",
      packages: [{ carrierCode: "ups" }],
    });
    const note = await control(sb, "/shipstation/notify", { duplicate: true });
    expect(note.status).toBe(200);
    expect(rx.received).toHaveLength(2);
    const event = rx.received[0]?.body as {
      resource_url: string;
      resource_type: string;
    };
    expect(rx.received[0]?.path).toBe("/hook/SECRET");
    expect(event.resource_type).toBe("SHIP_NOTIFY");
    expect(event.resource_url).toMatch(
      new RegExp(
        `^${sb.url}/shipstation/shipments\\?batchId=\\d+&includeShipmentItems=False$`,
      ),
    );
    expect(rx.received[1]?.body).toEqual(event);
    const followed = (await (
      await ss(sb, event.resource_url.slice(`${sb.url}/shipstation`.length))
    ).json()) as ShipmentPage;
    expect(followed.shipments.map((s) => s.orderKey)).toEqual(["k:4"]);

    const nothingNew = await control(sb, "/shipstation/notify", {});
    expect(nothingNew.body.deliveries).toEqual([]);

    const del = await ss(sb, `/webhooks/${id}`, { method: "DELETE" });
    expect(del.status).toBe(200);
    const after = (await (await ss(sb, "/webhooks")).json()) as {
      webhooks: unknown[];
    };
    expect(after.webhooks).toEqual([]);
  });

  test("a hook for another store is not called", async () => {
    await ss(sb, "/webhooks/subscribe", {
      method: "POST",
      body: { target_url: rx.url, event: "SHIP_NOTIFY", store_id: 102 },
    });
    await createOrder("k:5", 101);
    await control(sb, "/shipstation/ship", {
      orderKey: "k:5",
      packages: [{ carrierCode: "ups" }],
    });
    await control(sb, "/shipstation/notify", {});
    expect(rx.received).toHaveLength(0);
  });

  test("subscribe without target_url is a 400", async () => {
    const res = await ss(sb, "/webhooks/subscribe", {
      method: "POST",
      body: { event: "SHIP_NOTIFY" },
    });
    expect(res.status).toBe(400);
  });
});
