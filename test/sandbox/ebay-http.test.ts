import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SANDBOX_CREDENTIALS,
  type Scenario,
} from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";

const scenario: Scenario = {
  channels: [{ id: "ebay-t", kind: "ebay", store_id: 7, ratio: 100 }],
  items: [{ sku: "LAMP-01", name: "Lamp", available: 4 }],
  orders: Array.from({ length: 5 }, (_, i) => ({
    channel: "ebay-t",
    order_id: `09-00000-0000${i}`,
    status: "unshipped" as const,
    created_at: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
    cancel_requested: i === 0,
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Springfield",
      postal_code: "62701",
      country: "US",
    },
    lines: [{ sku: "LAMP-01", quantity: 1, unit_price: "9.99" }],
  })),
};

describe("eBay stand-in over HTTP", () => {
  let sandbox: SandboxHandle;
  let base: string;
  let bearer: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, scenario });
    base = `${sandbox.url}/ch/ebay-t`;
    const basic = Buffer.from(
      `${SANDBOX_CREDENTIALS.clientId}:${SANDBOX_CREDENTIALS.clientSecret}`,
    ).toString("base64");
    const res = await fetch(`${base}/identity/v1/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: SANDBOX_CREDENTIALS.refreshToken,
      }).toString(),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string };
    bearer = `Bearer ${body.access_token}`;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("follows next hrefs back to the sandbox until the last page", async () => {
    const since = new Date(Date.now() - 86_400_000).toISOString();
    let url: string | undefined =
      `${base}/sell/fulfillment/v1/order?filter=lastmodifieddate:` +
      `%5B${since}..%5D&limit=2`;
    const ids: string[] = [];
    while (url !== undefined) {
      expect(url.startsWith(sandbox.url)).toBe(true);
      const res: Response = await fetch(url, {
        headers: { authorization: bearer },
      });
      expect(res.status).toBe(200);
      const page = (await res.json()) as {
        next?: string;
        orders: Array<{ orderId: string; cancelStatus: unknown }>;
      };
      ids.push(...page.orders.map((o) => o.orderId));
      url = page.next;
    }
    expect(ids.sort()).toEqual(scenario.orders.map((o) => o.order_id).sort());
  });

  it("creates a package per call and answers 401 without a token", async () => {
    const path =
      `${base}/sell/fulfillment/v1/order/09-00000-00001` +
      "/shipping_fulfillment";
    const refused = await fetch(path);
    expect(refused.status).toBe(401);
    const lineId = sandbox.world.order("ebay-t", "09-00000-00001")?.lines[0]
      ?.line_id;
    const created = await fetch(path, {
      method: "POST",
      headers: { authorization: bearer, "content-type": "application/json" },
      body: JSON.stringify({
        lineItems: [{ lineItemId: lineId, quantity: 1 }],
        shippingCarrierCode: "USPS",
        trackingNumber: "9400100000000000000001",
      }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(
      `${path}/9400100000000000000001`,
    );
    const listed = await fetch(path, { headers: { authorization: bearer } });
    expect(await listed.json()).toMatchObject({
      total: 1,
      fulfillments: [{ shipmentTrackingNumber: "9400100000000000000001" }],
    });
  });
});
