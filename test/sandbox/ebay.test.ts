import { describe, expect, it } from "vitest";
import {
  SANDBOX_CREDENTIALS,
  type Scenario,
  type ScenarioOrder,
} from "../../src/sandbox/contract.js";
import { createEbayStandIn } from "../../src/sandbox/ebay/index.js";
import { client, makeWorld } from "./standin-harness.js";

const CHANNEL = "ebay-test";

function order(id: string, extra: Partial<ScenarioOrder> = {}): ScenarioOrder {
  return {
    channel: CHANNEL,
    order_id: id,
    status: "unshipped",
    created_at: "2026-01-10T08:00:00Z",
    currency: "USD",
    shipping_price: "4.95",
    buyer_email: "buyer@example.invalid",
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
      phone: "555-0100",
    },
    lines: [{ sku: "LAMP-01", quantity: 3, unit_price: "10.00", tax: "0.80" }],
    ...extra,
  };
}

function scenario(
  orders: ScenarioOrder[],
  options: Record<string, boolean> = {},
): Scenario {
  return {
    channels: [{ id: CHANNEL, kind: "ebay", store_id: 1, ratio: 100, options }],
    items: [
      { sku: "LAMP-01", name: "Lamp", available: 5 },
      { sku: "MUG-02", name: "Mug", available: 5 },
      { sku: "CUP-03", name: "Cup", available: 5 },
      { sku: "PEN-04", name: "Pen", available: 5 },
      { sku: "INK-05", name: "Ink", available: 5 },
    ],
    orders,
  };
}

const basic = Buffer.from(
  `${SANDBOX_CREDENTIALS.clientId}:${SANDBOX_CREDENTIALS.clientSecret}`,
).toString("base64");

function refreshForm(token: string = SANDBOX_CREDENTIALS.refreshToken) {
  return new URLSearchParams({
    grant_type: "refresh_token",
    refresh_token: token,
    scope: "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
  }).toString();
}

async function setup(orders: ScenarioOrder[], options = {}) {
  const env = makeWorld(scenario(orders, options));
  const standIn = createEbayStandIn(env.world);
  const call = client(standIn, env.world, CHANNEL);
  const res = await call("POST", "/identity/v1/oauth2/token", {
    headers: {
      authorization: `Basic ${basic}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: refreshForm(),
  });
  const token = (res.body as { access_token: string }).access_token;
  const auth = { authorization: `Bearer ${token}` };
  return { ...env, standIn, call, token, auth };
}

describe("eBay OAuth", () => {
  it("issues a two-hour user token for the sandbox refresh token", async () => {
    const { call } = await setup([]);
    const res = await call("POST", "/identity/v1/oauth2/token", {
      headers: { authorization: `Basic ${basic}` },
      body: refreshForm(),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      expires_in: 7200,
      token_type: "User Access Token",
    });
  });

  it("refuses a wrong refresh token and wrong client credentials", async () => {
    const { call } = await setup([]);
    const badGrant = await call("POST", "/identity/v1/oauth2/token", {
      headers: { authorization: `Basic ${basic}` },
      body: refreshForm("not-the-token"),
    });
    expect(badGrant.status).toBe(400);
    expect(badGrant.body).toMatchObject({ error: "invalid_grant" });
    const wrongPair = Buffer.from("someone:else").toString("base64");
    const badClient = await call("POST", "/identity/v1/oauth2/token", {
      headers: { authorization: `Basic ${wrongPair}` },
      body: refreshForm(),
    });
    expect(badClient.status).toBe(401);
    expect(badClient.body).toMatchObject({ error: "invalid_client" });
  });

  it("answers REST calls without a valid bearer with eBay's 401", async () => {
    const { call } = await setup([]);
    const missing = await call("GET", "/sell/fulfillment/v1/order");
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ errors: [{ errorId: 1002 }] });
    const invalid = await call("GET", "/sell/fulfillment/v1/order", {
      headers: { authorization: "Bearer forged" },
    });
    expect(invalid.status).toBe(401);
    expect(invalid.body).toEqual({
      errors: [
        expect.objectContaining({
          errorId: 1001,
          domain: "OAuth",
          category: "REQUEST",
          message: "Invalid access token",
        }),
      ],
    });
  });

  it("does not accept an application token for seller data", async () => {
    const { call } = await setup([]);
    const app = await call("POST", "/identity/v1/oauth2/token", {
      headers: { authorization: `Basic ${basic}` },
      body: "grant_type=client_credentials&scope=x",
    });
    const token = (app.body as { access_token: string }).access_token;
    const res = await call("GET", "/sell/fulfillment/v1/order", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(401);
  });
});

type OrdersPage = {
  total: number;
  next?: string;
  orders: Array<{ orderId: string; cancelStatus: Record<string, unknown> }>;
};

describe("eBay getOrders", () => {
  const many = Array.from({ length: 7 }, (_, i) =>
    order(`01-00000-0000${i}`, { created_at: `2026-01-10T0${i}:00:00Z` }),
  );

  it("pages with limit/offset and next until every order is read", async () => {
    const { call, auth } = await setup(many);
    const seen: string[] = [];
    let target: string | undefined =
      "/sell/fulfillment/v1/order?filter=lastmodifieddate:" +
      "%5B2026-01-01T00:00:00.000Z..%5D&limit=3";
    let pages = 0;
    while (target !== undefined) {
      const res = await call("GET", target, { headers: auth });
      expect(res.status).toBe(200);
      const page = res.body as OrdersPage;
      expect(page.total).toBe(7);
      seen.push(...page.orders.map((o) => o.orderId));
      pages += 1;
      target = page.next?.replace(`http://127.0.0.1:9/ch/${CHANNEL}`, "");
      if (target !== undefined) target = decodeURIComponent(target);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(many.map((o) => o.order_id));
  });

  it("applies the lastmodifieddate window and hides unpaid orders", async () => {
    const { call, auth } = await setup([
      order("A", { updated_at: "2026-01-09T00:00:00Z" }),
      order("B", { updated_at: "2026-01-10T12:00:00Z" }),
      order("C", { updated_at: "2026-01-10T13:00:00Z", status: "pending" }),
    ]);
    const res = await call(
      "GET",
      "/sell/fulfillment/v1/order?filter=lastmodifieddate:" +
        "[2026-01-10T00:00:00.000Z..2026-01-11T00:00:00.000Z]",
      { headers: auth },
    );
    const page = res.body as OrdersPage;
    expect(page.orders.map((o) => o.orderId)).toEqual(["B"]);
    expect(page.next).toBeUndefined();
  });

  it("refuses a filter whose brackets arrive still encoded", async () => {
    const { call, auth } = await setup([order("A")]);
    const res = await call(
      "GET",
      "/sell/fulfillment/v1/order?filter=lastmodifieddate:" +
        "%255B2026-01-10T00:00:00.000Z..%255D",
      { headers: auth },
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ errorId: 30800 }] });
  });

  it("hides a buyer cancel request in the list but not in getOrder", async () => {
    const { call, auth } = await setup([
      order("23-00000-00024", { cancel_requested: true }),
    ]);
    const list = await call("GET", "/sell/fulfillment/v1/order", {
      headers: auth,
    });
    const listed = (list.body as OrdersPage).orders[0];
    expect(listed?.cancelStatus).toEqual({ cancelRequests: [] });
    const single = await call(
      "GET",
      "/sell/fulfillment/v1/order/23-00000-00024",
      { headers: auth },
    );
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({
      orderId: "23-00000-00024",
      cancelStatus: {
        cancelState: "CANCEL_REQUESTED",
        cancelRequests: [
          { cancelInitiator: "BUYER", cancelRequestState: "REQUESTED" },
        ],
      },
    });
  });

  it("reports line cost as unit price times quantity", async () => {
    const { call, auth } = await setup([order("A")]);
    const res = await call("GET", "/sell/fulfillment/v1/order/A", {
      headers: auth,
    });
    expect(res.body).toMatchObject({
      lineItems: [
        {
          lineItemId: "A-1",
          quantity: 3,
          lineItemCost: { value: "30.00", currency: "USD" },
        },
      ],
      pricingSummary: { total: { value: "35.75" } },
    });
  });
});

describe("eBay shipping fulfillments", () => {
  const path = "/sell/fulfillment/v1/order/A/shipping_fulfillment";
  const body = (tracking: string, quantity: number) =>
    JSON.stringify({
      lineItems: [{ lineItemId: "A-1", quantity }],
      shippedDate: "2026-01-11T09:00:00.000Z",
      shippingCarrierCode: "UPS",
      trackingNumber: tracking,
    });

  it("adds a package on every call, even with the same tracking", async () => {
    const { call, auth, received, world } = await setup([order("A")]);
    const first = await call("POST", path, {
      headers: auth,
      body: body("1Z999AA10000000001", 1),
    });
    expect(first.status).toBe(201);
    expect(first.headers?.["location"]).toBe(
      `http://127.0.0.1:9/ch/${CHANNEL}${path}/1Z999AA10000000001`,
    );
    expect(first.body).toEqual({});
    const again = await call("POST", path, {
      headers: auth,
      body: body("1Z999AA10000000001", 1),
    });
    expect(again.status).toBe(201);
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({
      order_id: "A",
      carrier: "UPS",
      tracking_number: "1Z999AA10000000001",
      lines: { "A-1": 1 },
    });
    const listed = await call("GET", path, { headers: auth });
    expect(listed.body).toMatchObject({ total: 2 });
    expect(world.order(CHANNEL, "A")?.status).toBe("partially_shipped");
  });

  it("refuses more units than the line holds, takes a corrected label for shipped ones", async () => {
    const { call, auth, received } = await setup([order("A")]);
    const post = (tracking: string, quantity?: number) =>
      call("POST", path, {
        headers: auth,
        body: JSON.stringify({
          lineItems: [
            quantity === undefined
              ? { lineItemId: "A-1" }
              : { lineItemId: "A-1", quantity },
          ],
          shippingCarrierCode: "UPS",
          trackingNumber: tracking,
        }),
      });
    expect((await post("TRACK0001", 2)).status).toBe(201);
    const over = await post("TRACK0002", 4);
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      errors: [{ errorId: 32600, domain: "API_FULFILLMENT" }],
    });
    expect(received).toHaveLength(1);
    // No quantity = the unshipped rest.
    expect((await post("TRACK0003")).status).toBe(201);
    expect(received[1]).toMatchObject({ lines: { "A-1": 1 } });
    const single = await call("GET", "/sell/fulfillment/v1/order/A", {
      headers: auth,
    });
    expect(single.body).toMatchObject({ orderFulfillmentStatus: "FULFILLED" });
    // Nothing left to default to.
    expect((await post("TRACK0004")).status).toBe(400);
    // A replacement label for units already shipped (case B06) is a package too.
    expect((await post("TRACK0005", 2)).status).toBe(201);
    expect(received).toHaveLength(3);
  });

  it("refuses a carrier that is really a tracking number (B21)", async () => {
    const { call, auth } = await setup([order("A")]);
    const res = await call("POST", path, {
      headers: auth,
      body: JSON.stringify({
        lineItems: [{ lineItemId: "A-1", quantity: 1 }],
        shippingCarrierCode: "1Z999AA10000002101",
        trackingNumber: "UPS",
      }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ errorId: 32300 }] });
  });

  it("refuses unknown orders and line items", async () => {
    const { call, auth } = await setup([order("A")]);
    const unknownOrder = await call(
      "POST",
      "/sell/fulfillment/v1/order/Z/shipping_fulfillment",
      { headers: auth, body: body("TRACK0001", 1) },
    );
    expect(unknownOrder.body).toMatchObject({ errors: [{ errorId: 32100 }] });
    const unknownLine = await call("POST", path, {
      headers: auth,
      body: JSON.stringify({
        lineItems: [{ lineItemId: "nope", quantity: 1 }],
      }),
    });
    expect(unknownLine.body).toMatchObject({ errors: [{ errorId: 32200 }] });
  });
});

describe("eBay quantity updates", () => {
  const revise = (items: Array<[string, number]>) =>
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<ReviseInventoryStatusRequest xmlns="urn:ebay:apis:eBLBaseComponents">' +
    items
      .map(
        ([sku, q]) =>
          `<InventoryStatus><SKU>${sku}</SKU><Quantity>${q}</Quantity>` +
          "</InventoryStatus>",
      )
      .join("") +
    "</ReviseInventoryStatusRequest>";
  const trading = (token: string) => ({
    "x-ebay-api-call-name": "ReviseInventoryStatus",
    "x-ebay-api-siteid": "0",
    "x-ebay-api-compatibility-level": "1451",
    "x-ebay-api-iaf-token": token,
    "content-type": "text/xml",
  });

  it("applies up to four items and refuses a fifth", async () => {
    const { call, token, world } = await setup([]);
    const four = await call("POST", "/ws/api.dll", {
      headers: trading(token),
      body: revise([
        ["LAMP-01", 7],
        ["MUG-02", 3],
        ["CUP-03", 1],
        ["PEN-04", 2],
      ]),
    });
    expect(four.body).toContain("<Ack>Success</Ack>");
    expect(four.body).toContain("<ItemID>110000000001</ItemID>");
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(7);
    expect(world.quantity(CHANNEL, "PEN-04")).toBe(2);
    const five = await call("POST", "/ws/api.dll", {
      headers: trading(token),
      body: revise([
        ["LAMP-01", 1],
        ["MUG-02", 1],
        ["CUP-03", 1],
        ["PEN-04", 1],
        ["INK-05", 1],
      ]),
    });
    expect(five.body).toContain("<Ack>Failure</Ack>");
    expect(five.body).toContain("<ErrorCode>21916254</ErrorCode>");
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(7);
    expect(world.quantity(CHANNEL, "INK-05")).toBeUndefined();
  });

  it("refuses quantity 0 without out-of-stock control (B25)", async () => {
    const { call, token, world } = await setup([], {
      out_of_stock_control: false,
    });
    const res = await call("POST", "/ws/api.dll", {
      headers: trading(token),
      body: revise([
        ["LAMP-01", 0],
        ["MUG-02", 4],
      ]),
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain("<Ack>PartialFailure</Ack>");
    expect(res.body).toContain(
      "<ShortMessage>Quantity is not valid.</ShortMessage>",
    );
    expect(world.quantity(CHANNEL, "LAMP-01")).toBeUndefined();
    expect(world.quantity(CHANNEL, "MUG-02")).toBe(4);
  });

  it("accepts quantity 0 when out-of-stock control is on", async () => {
    const { call, token, world } = await setup([]);
    const res = await call("POST", "/ws/api.dll", {
      headers: trading(token),
      body: revise([["LAMP-01", 0]]),
    });
    expect(res.body).toContain("<Ack>Success</Ack>");
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(0);
  });

  it("refuses a Trading call without a valid IAF token", async () => {
    const { call, world } = await setup([]);
    const res = await call("POST", "/ws/api.dll", {
      headers: trading("forged"),
      body: revise([["LAMP-01", 3]]),
    });
    expect(res.body).toContain("<Ack>Failure</Ack>");
    expect(res.body).toContain("Invalid IAF token");
    expect(world.quantity(CHANNEL, "LAMP-01")).toBeUndefined();
  });

  it("bulk-updates SKUs, answering 207 when one entry fails", async () => {
    const { call, auth, world } = await setup([]);
    const res = await call(
      "POST",
      "/sell/inventory/v1/bulk_update_price_quantity",
      {
        headers: auth,
        body: JSON.stringify({
          requests: [
            { sku: "LAMP-01", shipToLocationAvailability: { quantity: 17 } },
            { sku: "UNKNOWN", shipToLocationAvailability: { quantity: 1 } },
          ],
        }),
      },
    );
    expect(res.status).toBe(207);
    expect(res.body).toMatchObject({
      responses: [
        { statusCode: 200, sku: "LAMP-01" },
        { statusCode: 404, sku: "UNKNOWN" },
      ],
    });
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(17);
  });

  it("refuses a bulk update of more than 25 entries", async () => {
    const { call, auth, world } = await setup([]);
    const requests = Array.from({ length: 26 }, () => ({
      sku: "LAMP-01",
      shipToLocationAvailability: { quantity: 1 },
    }));
    const res = await call(
      "POST",
      "/sell/inventory/v1/bulk_update_price_quantity",
      { headers: auth, body: JSON.stringify({ requests }) },
    );
    expect(res.status).toBe(400);
    expect(world.quantity(CHANNEL, "LAMP-01")).toBeUndefined();
  });
});

describe("eBay fault bodies", () => {
  it("supplies eBay's 429, 5xx and a broken JSON body", async () => {
    const { standIn } = await setup([]);
    const route = standIn.routes.find(
      (r) => r.path === "/sell/fulfillment/v1/order",
    );
    expect(route?.throttled?.(10)).toMatchObject({
      status: 429,
      body: { errors: [{ errorId: 2001 }] },
    });
    expect(standIn.serverError?.(503)).toMatchObject({ status: 503 });
    const broken = standIn.malformed?.().body;
    expect(() => JSON.parse(String(broken))).toThrow();
  });
});
