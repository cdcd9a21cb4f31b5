import { beforeEach, describe, expect, it } from "vitest";
import {
  SANDBOX_CREDENTIALS,
  type Scenario,
  type ScenarioOrder,
  type ScenarioOrderStatus,
} from "../../src/sandbox/contract.js";
import { createRithumStandIn } from "../../src/sandbox/rithum/index.js";
import { channelClient, FixtureWorld } from "./amazon-rithum-world.fixture.js";

const CHANNEL = {
  id: "rithum-main",
  kind: "rithum" as const,
  store_id: 310004,
  ratio: 100,
};

function order(n: number, status: ScenarioOrderStatus): ScenarioOrder {
  const id = String(n).padStart(5, "0");
  return {
    channel: CHANNEL.id,
    order_id: `23-00000-${id}`,
    status,
    created_at: new Date(Date.UTC(2024, 4, 1, n)).toISOString(),
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Springfield",
      postal_code: "62701",
      country: "US",
      phone: "555-0100",
    },
    lines: [
      { line_id: `${id}-1`, sku: "SOCK-BLK", quantity: 2, unit_price: "4.50" },
    ],
  };
}

// 25 orders: more than one page of 20. Order 3 is pending, 4 shipped.
function scenario(): Scenario {
  const orders = Array.from({ length: 25 }, (_, i) => {
    const n = i + 1;
    return order(n, n === 3 ? "pending" : n === 4 ? "shipped" : "unshipped");
  });
  return {
    channels: [CHANNEL],
    items: [
      { sku: "SOCK-BLK", name: "Black Socks", available: 40 },
      { sku: "LAMP-01", name: "Desk Lamp", available: 3 },
      { sku: "O'NEIL-MUG", name: "Quote Mug", available: 1 },
    ],
    orders,
  };
}

let world: FixtureWorld;
let call: ReturnType<typeof channelClient>;
let headers: Record<string, string>;

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

beforeEach(async () => {
  world = new FixtureWorld(scenario(), "2024-06-01T00:00:00Z");
  call = channelClient(createRithumStandIn(world), CHANNEL);
  const answer = await call("POST", "/oauth2/token", {
    headers: {
      authorization: basic(
        SANDBOX_CREDENTIALS.clientId,
        SANDBOX_CREDENTIALS.clientSecret,
      ),
    },
    form: {
      grant_type: "refresh_token",
      refresh_token: SANDBOX_CREDENTIALS.refreshToken,
    },
  });
  const token = (answer.body as { access_token: string }).access_token;
  headers = { authorization: `Bearer ${token}` };
});

interface Page {
  value: Array<Record<string, unknown>>;
  "@odata.nextLink"?: string;
}

function local(link: string): string {
  const url = new URL(link);
  return `${url.pathname.replace("/ch/rithum-main", "")}${url.search}`;
}

describe("Rithum OAuth", () => {
  it("issues a bearer token for the sandbox credentials only", async () => {
    const wrong = await call("POST", "/oauth2/token", {
      headers: { authorization: basic(SANDBOX_CREDENTIALS.clientId, "nope") },
      form: {
        grant_type: "refresh_token",
        refresh_token: SANDBOX_CREDENTIALS.refreshToken,
      },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: "invalid_client" });
    const revoked = await call("POST", "/oauth2/token", {
      headers: {
        authorization: basic(
          SANDBOX_CREDENTIALS.clientId,
          SANDBOX_CREDENTIALS.clientSecret,
        ),
      },
      form: { grant_type: "refresh_token", refresh_token: "old" },
    });
    expect(revoked.status).toBe(400);
    expect(revoked.body).toEqual({ error: "invalid_grant" });
  });

  it("refuses API calls without a valid bearer token", async () => {
    const answer = await call("GET", "/v1/Orders", {
      headers: { authorization: "Bearer not-issued" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: "" } });
  });
});

describe("GET /v1/Orders", () => {
  it("pages by @odata.nextLink to the end", async () => {
    let target =
      "/v1/Orders?exported=false&$expand=Items,Fulfillments($expand=Items)";
    const seen: string[] = [];
    let pages = 0;
    for (;;) {
      const answer = await call("GET", target, { headers });
      expect(answer.status).toBe(200);
      const page = answer.body as Page;
      expect(page.value.length).toBeLessThanOrEqual(20);
      seen.push(...page.value.map((o) => String(o.SiteOrderID)));
      pages += 1;
      const next = page["@odata.nextLink"];
      if (next === undefined) break;
      expect(next.startsWith("http://127.0.0.1:4010/ch/rithum-main/v1/")).toBe(
        true,
      );
      target = local(next);
    }
    expect(pages).toBe(2);
    expect(seen).toEqual(world.orders(CHANNEL.id).map((o) => o.order_id));
  });

  it("filters on status words and dates with eq, ge and and", async () => {
    const filter =
      "ShippingStatus eq 'Unshipped' and PaymentStatus eq 'Cleared'" +
      " and CreatedDateUtc ge 2024-05-01T20:00:00Z";
    const answer = await call(
      "GET",
      `/v1/Orders?$filter=${encodeURIComponent(filter)}`,
      { headers },
    );
    const ids = (answer.body as Page).value.map((o) => o.SiteOrderID);
    expect(ids).toEqual(
      [20, 21, 22, 23, 24, 25].map((n) => `23-00000-000${n}`),
    );
    const bad = await call("GET", "/v1/Orders?$filter=Nope eq 'x'", {
      headers,
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "" } });
  });

  it("maps pending and shipped orders to ChannelAdvisor statuses", async () => {
    const answer = await call("GET", "/v1/Orders?$top=4", { headers });
    const [, , pending, shipped] = (answer.body as Page).value;
    expect(pending).toMatchObject({
      PaymentStatus: "Submitted",
      ShippingStatus: "Unshipped",
    });
    expect(shipped).toMatchObject({ ShippingStatus: "Shipped" });
  });

  it("drops exported orders from exported=false", async () => {
    const first = await call("GET", "/v1/Orders?exported=false", { headers });
    const id = (first.body as Page).value[0]?.ID;
    const marked = await call("POST", `/v1/Orders(${String(id)})/Export`, {
      headers,
    });
    expect(marked.status).toBe(204);
    const again = await call("GET", "/v1/Orders?exported=false&$count=true", {
      headers,
    });
    expect(again.body).toMatchObject({ "@odata.count": 24 });
    const unknown = await call("POST", "/v1/Orders(1)/Export", { headers });
    expect(unknown.status).toBe(404);
  });
});

describe("POST /v1/Orders(id)/Ship", () => {
  const shipBody = (carrier: string) => ({
    Value: {
      ShippedDateUtc: "2024-06-01T00:00:00Z",
      TrackingNumber: "1Z999AA10123456784",
      SellerFulfillmentID: "hub-ss-1",
      DistributionCenterID: 0,
      DeliveryStatus: "Complete",
      ShippingCarrier: carrier,
      ShippingClass: "Ground",
    },
  });

  it("records the package and marks the order shipped", async () => {
    const answer = await call("POST", "/v1/Orders(100001)/Ship", {
      headers,
      json: shipBody("UPS"),
    });
    expect(answer.status).toBe(204);
    expect(world.received).toMatchObject([
      {
        channel: CHANNEL.id,
        tracking: {
          order_id: "23-00000-00001",
          carrier: "UPS",
          tracking_number: "1Z999AA10123456784",
          lines: { "00001-1": 2 },
        },
      },
    ]);
    const view = await call(
      "GET",
      "/v1/Orders(100001)?$expand=Fulfillments($expand=Items)",
      { headers },
    );
    expect(view.body).toMatchObject({
      ShippingStatus: "Shipped",
      Fulfillments: [
        {
          DeliveryStatus: "Complete",
          TrackingNumber: "1Z999AA10123456784",
          DistributionCenterID: 0,
        },
      ],
    });
    const again = await call("POST", "/v1/Orders(100001)/Ship", {
      headers,
      json: shipBody("UPS"),
    });
    expect(again.status).toBe(400);
  });

  it("refuses a carrier the account does not have", async () => {
    const answer = await call("POST", "/v1/Orders(100002)/Ship", {
      headers,
      json: shipBody("FOO"),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        code: "",
        message: "Invalid Shipping Carrier and/or Class: FOO / Ground",
      },
    });
    expect(world.received).toEqual([]);
  });
});

describe("Products and quantity", () => {
  async function productId(sku: string): Promise<number> {
    const filter = `Sku eq '${sku.replace(/'/g, "''")}'`;
    const answer = await call(
      "GET",
      `/v1/Products?$filter=${encodeURIComponent(filter)}&$select=ID,Sku`,
      { headers },
    );
    const [product] = (answer.body as Page).value;
    expect(product).toEqual({ ID: expect.any(Number), Sku: sku });
    return Number(product?.ID);
  }

  it("looks up stable ProductIDs by SKU, quotes included", async () => {
    const lamp = await productId("LAMP-01");
    expect(await productId("LAMP-01")).toBe(lamp);
    const mug = await productId("O'NEIL-MUG");
    expect(mug).not.toBe(lamp);
  });

  it("sets Absolute quantities per distribution centre", async () => {
    const id = await productId("LAMP-01");
    const answer = await call("POST", `/v1/Products(${id})/UpdateQuantity`, {
      headers,
      json: {
        Value: {
          UpdateType: "Absolute",
          Updates: [
            { DistributionCenterID: 0, Quantity: 5 },
            { DistributionCenterID: 11, Quantity: 2 },
          ],
        },
      },
    });
    expect(answer.status).toBe(204);
    expect(world.quantity(CHANNEL.id, "LAMP-01")).toBe(7);
  });

  it("nets out open orders for UnShipped and adds for Relative", async () => {
    const id = await productId("SOCK-BLK");
    const send = (UpdateType: string, Quantity: number) =>
      call("POST", `/v1/Products(${id})/UpdateQuantity`, {
        headers,
        json: {
          Value: {
            UpdateType,
            Updates: [{ DistributionCenterID: 0, Quantity }],
          },
        },
      });
    // 23 unshipped orders and one pending order hold 2 units each.
    expect((await send("UnShipped", 60)).status).toBe(204);
    expect(world.quantity(CHANNEL.id, "SOCK-BLK")).toBe(60 - 48);
    await send("Relative", -5);
    expect(world.quantity(CHANNEL.id, "SOCK-BLK")).toBe(7);
    const lower = await send("absolute", 1);
    expect(lower.status).toBe(400);
  });

  it("refuses externally managed centres", async () => {
    const id = await productId("LAMP-01");
    const answer = await call("POST", `/v1/Products(${id})/UpdateQuantity`, {
      headers,
      json: {
        Value: {
          UpdateType: "Absolute",
          Updates: [{ DistributionCenterID: 90, Quantity: 1 }],
        },
      },
    });
    expect(answer.status).toBe(400);
    expect(world.quantity(CHANNEL.id, "LAMP-01")).toBeUndefined();
  });

  it("lists distribution centres with ID 0 as a real centre", async () => {
    const answer = await call("GET", "/v1/DistributionCenters", { headers });
    const ids = (answer.body as Page).value.map((dc) => dc.ID);
    expect(ids).toContain(0);
  });
});

describe("Rithum rate and faults", () => {
  it("declares 2,000 calls a minute and OData 429/5xx bodies", async () => {
    const answer = await call("GET", "/v1/DistributionCenters", { headers });
    expect(answer.route?.rate?.perSecond).toBeCloseTo(2000 / 60);
    const throttled = answer.route?.throttled?.(1);
    expect(throttled?.status).toBe(429);
    expect(throttled?.body).toMatchObject({ error: { code: "" } });
    const standIn = createRithumStandIn(world);
    expect(standIn.serverError?.(500)?.body).toMatchObject({
      error: { code: "" },
    });
    expect(() => JSON.parse(String(standIn.malformed?.().body))).toThrow();
  });
});
