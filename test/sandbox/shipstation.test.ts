import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import {
  control,
  orderBody,
  shipStationAuth,
  ss,
  startTestSandbox,
} from "./helpers.js";

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startTestSandbox();
});
afterEach(async () => {
  await sb.close();
});

interface OrderAnswer {
  orderId: number;
  orderKey: string;
  orderNumber: string;
  orderStatus: string;
  orderDate: string;
  createDate: string;
  orderTotal: number;
  shipTo: { name: string; street1: string };
  items: Array<{ orderItemId: number; lineItemKey: string; quantity: number }>;
  advancedOptions: { storeId: number; parentId: number | null };
}

describe("ShipStation auth", () => {
  test("refuses a wrong secret with 401 and the ASP.NET message", async () => {
    const res = await ss(sb, "/stores", {
      auth: shipStationAuth("sandbox-client-id", "wrong"),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      Message: "Authorization has been denied for this request.",
    });
  });

  test("refuses a request without Authorization", async () => {
    const res = await fetch(`${sb.url}/shipstation/orders`);
    expect(res.status).toBe(401);
  });

  test("lists one store per channel plus the manual store", async () => {
    const res = await ss(sb, "/stores");
    const stores = (await res.json()) as Array<{ storeId: number }>;
    expect(stores.map((s) => s.storeId)).toEqual([101, 102, 103, 104, 100]);
    expect(res.headers.get("x-rate-limit-limit")).toBe("40");
    expect(res.headers.get("x-rate-limit-remaining")).toBe("39");
  });
});

describe("createorder", () => {
  test("same orderKey and store updates in place, never duplicates", async () => {
    const key = "amazon-us:111-0000000-0000001";
    const first = (await (
      await ss(sb, "/orders/createorder", {
        method: "POST",
        body: orderBody(key, 101),
      })
    ).json()) as OrderAnswer;
    const edited = orderBody(key, 101, {
      shipTo: {
        name: "Test Recipient",
        street1: "2 Example Street",
        city: "Springfield",
        postalCode: "62701",
        country: "US",
      },
    });
    const res = await ss(sb, "/orders/createorder", {
      method: "POST",
      body: edited,
    });
    expect(res.status).toBe(200);
    const second = (await res.json()) as OrderAnswer;
    expect(second.orderId).toBe(first.orderId);
    expect(second.shipTo.street1).toBe("2 Example Street");
    expect(second.items[0]?.orderItemId).toBe(first.items[0]?.orderItemId);
    const list = (await (await ss(sb, "/orders?pageSize=500")).json()) as {
      orders: OrderAnswer[];
      total: number;
    };
    expect(list.total).toBe(1);
  });

  test("without storeId the order lands in the manual store, as a new order", async () => {
    const key = "amazon-us:111-0000000-0000002";
    const a = (await (
      await ss(sb, "/orders/createorder", {
        method: "POST",
        body: orderBody(key, 101),
      })
    ).json()) as OrderAnswer;
    const body = orderBody(key, 101);
    delete body.advancedOptions;
    const b = (await (
      await ss(sb, "/orders/createorder", { method: "POST", body })
    ).json()) as OrderAnswer;
    expect(b.orderId).not.toBe(a.orderId);
    expect(b.advancedOptions.storeId).toBe(100);
  });

  test("answers Pacific timestamps without offset and the order total", async () => {
    const res = await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody("k:1", 101, { shippingAmount: 5, taxAmount: 1 }),
    });
    const o = (await res.json()) as OrderAnswer;
    expect(o.orderDate).toBe("2025-01-02T07:04:05.0000000");
    expect(o.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
    expect(o.orderTotal).toBe(2 * 12.5 + 9.99 + 5 + 1);
  });

  test("missing required fields give the 400 ModelState envelope", async () => {
    const res = await ss(sb, "/orders/createorder", {
      method: "POST",
      body: { orderKey: "x" },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      Message: string;
      ModelState: Record<string, string[]>;
    };
    expect(body.Message).toBe("The request is invalid.");
    expect(Object.keys(body.ModelState)).toEqual(
      expect.arrayContaining(["apiOrder.orderNumber", "apiOrder.shipTo"]),
    );
  });

  test("an array sent to createorder is refused", async () => {
    const res = await ss(sb, "/orders/createorder", {
      method: "POST",
      body: [orderBody("k:2", 101)],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ModelState: { apiOrder: string[] } };
    expect(body.ModelState.apiOrder[0]).toMatch(/Cannot deserialize/);
  });

  test("a shipped order is locked: createorder leaves it unchanged", async () => {
    const key = "ebay-us:12-00001-00001";
    await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody(key, 102),
    });
    await control(sb, "/shipstation/ship", {
      orderKey: key,
      packages: [{ carrierCode: "ups" }],
    });
    const res = await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody(key, 102, { orderStatus: "cancelled" }),
    });
    const o = (await res.json()) as OrderAnswer;
    expect(o.orderStatus).toBe("shipped");
  });
});

describe("createorders", () => {
  test("per-order results; a bad order fails alone", async () => {
    const res = await ss(sb, "/orders/createorders", {
      method: "POST",
      body: [
        orderBody("mirakl-acme:MKP-1-A", 103),
        { orderKey: "bad" },
        orderBody("mirakl-acme:MKP-1-A", 103, { amountPaid: 1 }),
      ],
    });
    const body = (await res.json()) as {
      hasErrors: boolean;
      results: Array<{
        orderId: number;
        success: boolean;
        errorMessage: string | null;
      }>;
    };
    expect(body.hasErrors).toBe(true);
    expect(body.results.map((r) => r.success)).toEqual([true, false, true]);
    expect(body.results[1]?.errorMessage).toMatch(/orderNumber/);
    expect(body.results[2]?.orderId).toBe(body.results[0]?.orderId);
  });

  test("more than 100 orders are refused", async () => {
    const many = Array.from({ length: 101 }, (_, i) =>
      orderBody(`k:${i}`, 101),
    );
    const res = await ss(sb, "/orders/createorders", {
      method: "POST",
      body: many,
    });
    expect(res.status).toBe(400);
  });

  test("an object instead of an array is refused", async () => {
    const res = await ss(sb, "/orders/createorders", {
      method: "POST",
      body: orderBody("k:1", 101),
    });
    expect(res.status).toBe(400);
  });
});

describe("orders listing", () => {
  test("pages to the end and filters by store and orderNumber", async () => {
    const batch = Array.from({ length: 7 }, (_, i) =>
      orderBody(`amazon-us:111-${i}`, i < 5 ? 101 : 102),
    );
    await ss(sb, "/orders/createorders", { method: "POST", body: batch });
    const seen: number[] = [];
    let page = 1;
    let pages: number;
    do {
      const body = (await (
        await ss(sb, `/orders?storeId=101&pageSize=2&page=${page}`)
      ).json()) as { orders: OrderAnswer[]; pages: number; total: number };
      expect(body.total).toBe(5);
      seen.push(...body.orders.map((o) => o.orderId));
      pages = body.pages;
      page += 1;
    } while (page <= pages);
    expect(new Set(seen).size).toBe(5);
    const one = (await (await ss(sb, "/orders?orderNumber=111-6")).json()) as {
      orders: OrderAnswer[];
    };
    expect(one.orders.map((o) => o.orderKey)).toEqual(["amazon-us:111-6"]);
  });

  test("GET /orders/{id} and its 404", async () => {
    const made = (await (
      await ss(sb, "/orders/createorder", {
        method: "POST",
        body: orderBody("k:9", 101),
      })
    ).json()) as OrderAnswer;
    const got = (await (
      await ss(sb, `/orders/${made.orderId}`)
    ).json()) as OrderAnswer;
    expect(got.orderKey).toBe("k:9");
    const missing = await ss(sb, "/orders/1");
    expect(missing.status).toBe(404);
  });

  test("modifyDateStart in Pacific time filters", async () => {
    await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody("k:1", 101),
    });
    const future = await ss(
      sb,
      "/orders?modifyDateStart=2999-01-01%2000:00:00",
    );
    expect(((await future.json()) as { total: number }).total).toBe(0);
    const past = await ss(sb, "/orders?modifyDateStart=2000-01-01%2000:00:00");
    expect(((await past.json()) as { total: number }).total).toBe(1);
    const bad = await ss(sb, "/orders?modifyDateStart=yesterday");
    expect(bad.status).toBe(400);
  });
});

describe("rate limit", () => {
  test("the 41st call in a minute gets 429 with X-Rate-Limit headers", async () => {
    for (let i = 0; i < 40; i++) {
      const res = await ss(sb, "/stores");
      expect(res.status).toBe(200);
      expect(res.headers.get("x-rate-limit-remaining")).toBe(String(39 - i));
    }
    const res = await ss(sb, "/orders");
    expect(res.status).toBe(429);
    expect(res.headers.get("x-rate-limit-limit")).toBe("40");
    expect(res.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(res.headers.get("x-rate-limit-reset"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ message: "Too Many Requests" });
  });

  test("a fast time scale resets the window sooner", async () => {
    // At 60x the one-minute window lasts one second. Requests go until the
    // window is full (a loaded machine may cross a window boundary first).
    const fast = await startTestSandbox({ timeScale: 60 });
    try {
      let status = 200;
      for (let i = 0; i < 200 && status !== 429; i++) {
        status = (await ss(fast, "/stores")).status;
      }
      expect(status).toBe(429);
      await new Promise((r) => setTimeout(r, 1_100));
      expect((await ss(fast, "/stores")).status).toBe(200);
    } finally {
      await fast.close();
    }
  });
});
