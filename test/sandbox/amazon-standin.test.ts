import { beforeEach, describe, expect, it } from "vitest";
import { createAmazonStandIn } from "../../src/sandbox/amazon/index.js";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/contract.js";
import { channelClient, FixtureWorld } from "./amazon-rithum-world.fixture.js";
import {
  accessToken as fetchToken,
  CHANNEL,
  scenario,
} from "./amazon-scenario.fixture.js";

const NOW = "2024-05-20T12:00:00Z";
const accessToken = () => fetchToken(call);
let world: FixtureWorld;
let call: ReturnType<typeof channelClient>;

beforeEach(() => {
  world = new FixtureWorld(scenario(), NOW);
  call = channelClient(createAmazonStandIn(world), CHANNEL);
});

describe("Login with Amazon", () => {
  it("exchanges the sandbox refresh token for a one-hour access token", async () => {
    const answer = await call("POST", "/auth/o2/token", {
      form: {
        grant_type: "refresh_token",
        refresh_token: SANDBOX_CREDENTIALS.refreshToken,
        client_id: SANDBOX_CREDENTIALS.clientId,
        client_secret: SANDBOX_CREDENTIALS.clientSecret,
      },
    });
    expect(answer.status).toBe(200);
    const body = answer.body as Record<string, unknown>;
    expect(body.token_type).toBe("bearer");
    expect(body.expires_in).toBe(3600);
    expect(
      world.tokenValid("amazon-us:amazon", String(body.access_token)),
    ).toBe(true);
  });

  it("refuses a wrong refresh token with invalid_grant", async () => {
    const answer = await call("POST", "/auth/o2/token", {
      form: {
        grant_type: "refresh_token",
        refresh_token: "Atzr|revoked",
        client_id: SANDBOX_CREDENTIALS.clientId,
        client_secret: SANDBOX_CREDENTIALS.clientSecret,
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: "invalid_grant" });
  });

  it("refuses a wrong client secret with invalid_client", async () => {
    const answer = await call("POST", "/auth/o2/token", {
      json: {
        grant_type: "refresh_token",
        refresh_token: SANDBOX_CREDENTIALS.refreshToken,
        client_id: SANDBOX_CREDENTIALS.clientId,
        client_secret: "wrong",
      },
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: "invalid_client" });
  });
});

describe("SP-API access token", () => {
  const search =
    "/orders/2026-01-01/orders?lastUpdatedAfter=2024-01-01T00:00:00Z";

  it("answers a missing token with 403 MissingAuthenticationToken", async () => {
    const answer = await call("GET", search);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({
      errors: [{ code: "MissingAuthenticationToken" }],
    });
  });

  it("answers an unknown or expired token with 403 Unauthorized", async () => {
    const bogus = await call("GET", search, {
      headers: { "x-amz-access-token": "Atza|not-issued" },
    });
    expect(bogus.status).toBe(403);
    expect(bogus.body).toEqual({
      errors: [
        {
          code: "Unauthorized",
          message: "Access to requested resource is denied.",
          details: "",
        },
      ],
    });
    const token = await accessToken();
    world.clock = new Date(world.clock.getTime() + 3601 * 1000);
    const expired = await call("GET", search, {
      headers: { "x-amz-access-token": token },
    });
    expect(expired.status).toBe(403);
  });
});

interface SearchBody {
  orders: Array<Record<string, unknown> & { orderId: string }>;
  pagination?: { nextToken: string };
  lastUpdatedBefore?: string;
}

describe("searchOrders", () => {
  let token: string;
  beforeEach(async () => {
    token = await accessToken();
  });
  const get = (query: string) =>
    call("GET", `/orders/2026-01-01/orders?${query}`, {
      headers: { "x-amz-access-token": token },
    });

  it("pages to the end with paginationToken and sends the rate header", async () => {
    const base =
      "lastUpdatedAfter=2024-01-01T00:00:00Z&marketplaceIds=ATVPDKIKX0DER" +
      "&maxResultsPerPage=2";
    const seen: string[] = [];
    let query = base;
    let pages = 0;
    for (;;) {
      const answer = await get(query);
      expect(answer.status).toBe(200);
      expect(answer.headers?.["x-amzn-RateLimit-Limit"]).toBe("0.0056");
      const body = answer.body as SearchBody;
      expect(body.orders.length).toBeLessThanOrEqual(2);
      seen.push(...body.orders.map((o) => o.orderId));
      pages += 1;
      if (body.pagination === undefined) break;
      const next = encodeURIComponent(body.pagination.nextToken);
      query = `${base}&paginationToken=${next}`;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual(world.orders(CHANNEL.id).map((o) => o.order_id));
  });

  it("refuses a pagination token sent with different filters", async () => {
    const first = await get(
      "lastUpdatedAfter=2024-01-01T00:00:00Z&maxResultsPerPage=1",
    );
    const next = (first.body as SearchBody).pagination?.nextToken ?? "";
    const answer = await get(
      "lastUpdatedAfter=2024-02-01T00:00:00Z&maxResultsPerPage=1" +
        `&paginationToken=${encodeURIComponent(next)}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ code: "InvalidInput" }] });
  });

  it("maps the neutral statuses to Amazon's fulfillment statuses", async () => {
    const answer = await get(
      "createdAfter=2024-01-01T00:00:00Z&includedData=FULFILLMENT",
    );
    const body = answer.body as SearchBody;
    const statuses = body.orders.map(
      (o) => (o.fulfillment as { fulfillmentStatus: string }).fulfillmentStatus,
    );
    expect(statuses).toEqual([
      "UNSHIPPED",
      "PENDING",
      "SHIPPED",
      "CANCELLED",
      "PARTIALLY_SHIPPED",
      "UNSHIPPED",
      "UNSHIPPED",
    ]);
    expect(body).toHaveProperty("createdBefore");
  });

  it("filters on fulfillmentStatuses and fulfilledBy", async () => {
    const mfn = await get(
      "createdAfter=2024-01-01T00:00:00Z&fulfilledBy=MERCHANT" +
        "&fulfillmentStatuses=UNSHIPPED,PARTIALLY_SHIPPED",
    );
    const ids = (mfn.body as SearchBody).orders.map((o) => o.orderId);
    expect(ids).toEqual([
      "111-0000000-0000001",
      "111-0000000-0000005",
      "111-0000000-0000006",
      "111-0000000-0000007",
    ]);
    const afn = await get(
      "createdAfter=2024-01-01T00:00:00Z&fulfilledBy=AMAZON",
    );
    expect((afn.body as SearchBody).orders).toEqual([]);
  });

  it("hides address, buyer and prices of a pending order", async () => {
    const answer = await get(
      "createdAfter=2024-05-01T00:00:00Z&createdBefore=2024-05-03T00:00:00Z" +
        "&includedData=RECIPIENT,BUYER,PROCEEDS",
    );
    const [ready, pending] = (answer.body as SearchBody).orders;
    expect(ready?.recipient).toMatchObject({
      deliveryAddress: {
        name: "Test Buyer",
        addressLine1: "1 Example Street",
        postalCode: "62701",
        countryCode: "US",
      },
    });
    expect(ready?.proceeds).toMatchObject({
      grandTotal: { amount: "23.99", currencyCode: "USD" },
    });
    expect(pending?.orderId).toBe("111-0000000-0000002");
    expect(pending).not.toHaveProperty("recipient");
    expect(pending).not.toHaveProperty("buyer");
    expect(pending).not.toHaveProperty("proceeds");
  });

  it("refuses a before bound less than two minutes old", async () => {
    const answer = await get(
      "lastUpdatedAfter=2024-05-01T00:00:00Z" +
        "&lastUpdatedBefore=2024-05-20T11:59:00Z",
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ code: "InvalidInput" }] });
  });

  it("refuses mixed created and lastUpdated windows, or no window", async () => {
    const mixed = await get(
      "createdAfter=2024-05-01T00:00:00Z&lastUpdatedAfter=2024-05-01T00:00:00Z",
    );
    expect(mixed.status).toBe(400);
    const none = await get("maxResultsPerPage=10");
    expect(none.status).toBe(400);
  });

  it("declares the documented rate and answers 429 QuotaExceeded", async () => {
    const answer = await get("createdAfter=2024-01-01T00:00:00Z");
    const route = answer.route;
    expect(route?.rate).toEqual({ perSecond: 0.0056, burst: 20 });
    const throttled = route?.throttled?.(180);
    expect(throttled?.status).toBe(429);
    expect(throttled?.body).toMatchObject({
      errors: [{ code: "QuotaExceeded" }],
    });
    expect(throttled?.headers).not.toHaveProperty("x-amzn-RateLimit-Limit");
  });
});

describe("getOrder", () => {
  it("returns one order and 404 for an unknown one", async () => {
    const token = await accessToken();
    const headers = { "x-amz-access-token": token };
    const found = await call(
      "GET",
      "/orders/2026-01-01/orders/111-0000000-0000007",
      { headers },
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      order: { orderId: "111-0000000-0000007" },
    });
    const missing = await call("GET", "/orders/2026-01-01/orders/000", {
      headers,
    });
    expect(missing.status).toBe(404);
  });
});

describe("Amazon faults", () => {
  it("supplies a 5xx envelope and a malformed body", () => {
    const standIn = createAmazonStandIn(world);
    const failed = standIn.serverError?.(503);
    expect(failed?.status).toBe(503);
    expect(failed?.body).toMatchObject({
      errors: [{ code: "ServiceUnavailable" }],
    });
    const broken = standIn.malformed?.();
    expect(broken?.status).toBe(200);
    expect(() => JSON.parse(String(broken?.body))).toThrow();
  });
});
