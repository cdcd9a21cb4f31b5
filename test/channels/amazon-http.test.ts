import type { Knex } from "knex";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
} from "vitest";
import { createAmazonConnector } from "../../src/channels/amazon/index.js";
import type {
  ChannelConnector,
  PackageConfirmation,
} from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { ConfigError, UpstreamError } from "../../src/errors.js";
import type { ApiClient } from "../../src/http/api-client.js";
import { HttpContext } from "../../src/http/http-context.js";
import { createLogger } from "../../src/log/logger.js";
import { defaultScenario, startSandbox } from "../../src/sandbox/index.js";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const CHANNEL = "amazon-us";
const ORDERS = `${CHANNEL} GET /orders/2026-01-01/orders`;
const TOKEN = `${CHANNEL} POST /auth/o2/token`;
const CONFIRM = `${CHANNEL} POST /orders/v0/orders/:orderId/shipmentConfirmation`;
const PATCH = `${CHANNEL} PATCH /listings/2021-08-01/items/:sellerId/:sku`;
const WEEK_AGO = () => new Date(Date.now() - 7 * 24 * 3_600_000);

let testDb: TestDatabase;
let knex: Knex;
let closeDb: () => Promise<void>;
let sandbox: SandboxHandle;
const savedEnv = { ...process.env };
const logger = createLogger({ tty: false, verbose: false, silent: true });

const channel = Settings.fromEntries([
  [`channels.${CHANNEL}.kind`, "amazon"],
  [`channels.${CHANNEL}.region`, "na"],
  [`channels.${CHANNEL}.marketplace_id`, "ATVPDKIKX0DER"],
  [`channels.${CHANNEL}.seller_id`, "A1TESTSELLER"],
  [`channels.${CHANNEL}.carrier.acme_local`, "Other"],
]).channels[0];

/** A connector over a fresh HttpContext; `onAnswer` sees each success. */
function connector(
  onAnswer?: (api: string, operation: string) => void,
): ChannelConnector {
  if (!channel) throw new Error("channel missing");
  const http = new HttpContext(logger);
  if (onAnswer) {
    const plain = http.client.bind(http);
    http.client = (def) => {
      const client: ApiClient = plain(def);
      const send = client.request.bind(client);
      client.request = async (req) => {
        const answer = await send(req);
        onAnswer(def.api, req.operation);
        return answer;
      };
      return client;
    };
  }
  return createAmazonConnector({ channel, knex, http, logger });
}

function count(key: string): number {
  return sandbox.state().requests[key] ?? 0;
}

async function restart(scenario = defaultScenario): Promise<void> {
  await sandbox.close();
  sandbox = await startSandbox({ port: 0, timeScale: 1000, scenario });
  Object.assign(process.env, sandbox.env);
  await knex("oauth_tokens").del();
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.migrate();
  const db = await testDb.open();
  knex = db.knex;
  closeDb = db.close;
  sandbox = await startSandbox({ port: 0, timeScale: 1000 });
  Object.assign(process.env, sandbox.env, {
    HUB_TIME_SCALE: "1000",
    HUB_HTTP_TIMEOUT_MS: "1500",
  });
});

afterAll(async () => {
  await sandbox.close();
  await closeDb();
  await testDb.drop();
  for (const key of Object.keys(process.env)) {
    if (!(key in savedEnv)) Reflect.deleteProperty(process.env, key);
  }
  Object.assign(process.env, savedEnv);
});

beforeEach(async () => {
  sandbox.reset(defaultScenario);
  await knex("oauth_tokens").del();
});

afterEach(() => {
  sandbox.clearFaults();
  sandbox.world.pinClock(undefined);
});

describe("fetchOrders", () => {
  it("returns the default scenario's orders normalised", async () => {
    const started = Date.now();
    const result = await connector().fetchOrders({ since: WEEK_AGO() });
    const byId = new Map(result.orders.map((o) => [o.orderId, o]));
    expect([...byId.keys()].sort()).toEqual([
      "111-0000000-0000101",
      "111-0000000-0000102",
      "111-0000000-0000103",
      "111-0000000-0000104",
    ]);
    const first = byId.get("111-0000000-0000101");
    expect(first).toMatchObject({
      channel: CHANNEL,
      state: "ready",
      vendorStatus: "UNSHIPPED",
      currency: "USD",
      shippingPrice: "5.99",
      buyer: { name: "Zoë Test-Müller", email: "buyer-0101@example.invalid" },
      shipTo: {
        name: "Zoë Test-Müller",
        street1: "1 Example Street",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
        country: "US",
        phone: "555-0101",
      },
    });
    expect(first?.lines).toEqual([
      {
        lineId: "10000000000101",
        sku: "MUG-BLUE",
        title: "Stoneware Mug, Blue",
        quantity: 2,
        unitPrice: "12.50",
        tax: "0.00",
      },
      {
        lineId: "10000000000102",
        sku: "PLATE-RED",
        title: "Dinner Plate, Red",
        quantity: 1,
        unitPrice: "9.99",
        tax: "0.00",
      },
    ]);
    // Pending: parked with a reason, never an address (B13).
    const pending = byId.get("111-0000000-0000102");
    expect(pending?.state).toBe("not_ready");
    expect(pending?.notReadyReason).toMatch(/payment/);
    expect(pending?.shipTo).toBeUndefined();
    expect(byId.get("111-0000000-0000104")?.state).toBe("cancelled");
    // The bound read is at least two minutes behind the server (B11).
    expect(result.readUntil.getTime()).toBeLessThanOrEqual(
      started - 2 * 60_000,
    );
    expect(count(TOKEN)).toBe(1);
  });

  it("follows every page to the end", async () => {
    const base = defaultScenario.orders.find(
      (o) => o.order_id === "111-0000000-0000101",
    );
    if (!base) throw new Error("scenario changed");
    const many = Array.from({ length: 230 }, (_, i) => ({
      ...base,
      order_id: `111-0000000-${String(5000 + i).padStart(7, "0")}`,
      lines: base.lines.map((l, j) => ({
        ...l,
        line_id: `2${String(i).padStart(6, "0")}${j}`,
      })),
    }));
    await restart({ ...defaultScenario, orders: many });
    const result = await connector().fetchOrders({ since: WEEK_AGO() });
    expect(new Set(result.orders.map((o) => o.orderId)).size).toBe(230);
    expect(count(ORDERS)).toBe(3);
  });

  it("retries a 429 and a 500 in the middle of paging", async () => {
    const base = defaultScenario.orders.find(
      (o) => o.order_id === "111-0000000-0000103",
    );
    if (!base) throw new Error("scenario changed");
    const many = Array.from({ length: 150 }, (_, i) => ({
      ...base,
      order_id: `111-0000000-${String(7000 + i).padStart(7, "0")}`,
      lines: base.lines.map((l) => ({
        ...l,
        line_id: `3${String(i).padStart(6, "0")}`,
      })),
    }));
    await restart({ ...defaultScenario, orders: many });
    let armed = false;
    const amazon = connector((_api, operation) => {
      if (operation !== "searchOrders" || armed) return;
      armed = true;
      sandbox.setFaults([
        { endpoint: ORDERS, kind: "429", times: 1 },
        { endpoint: ORDERS, kind: "500", times: 1 },
      ]);
    });
    const result = await amazon.fetchOrders({ since: WEEK_AGO() });
    expect(result.orders).toHaveLength(150);
    // Page one, then 429, 500 and the answer for page two.
    expect(count(ORDERS)).toBe(4);
  });

  it("retries an answer that does not come in time", async () => {
    sandbox.setFaults([
      { endpoint: ORDERS, kind: "slow", delay_ms: 4000, times: 1 },
    ]);
    const result = await connector().fetchOrders({ since: WEEK_AGO() });
    expect(result.orders).toHaveLength(4);
    expect(count(ORDERS)).toBe(2);
  });

  it("does not retry a 400 and names the likely cause (B11)", async () => {
    // Amazon's clock ten minutes behind ours: the bound looks too recent.
    sandbox.world.pinClock(new Date(Date.now() - 10 * 60_000));
    const failure = await connector()
      .fetchOrders({ since: WEEK_AGO() })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamError);
    const error = failure as UpstreamError;
    expect(error.details).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toMatch(/clock/);
    expect(count(ORDERS)).toBe(1);
  });

  it("returns an empty read when the window is not yet readable", async () => {
    const since = new Date(Date.now() - 30_000);
    const result = await connector().fetchOrders({ since });
    expect(result).toEqual({ orders: [], readUntil: since });
    expect(count(ORDERS)).toBe(0);
  });

  it("fetches one order for replay", async () => {
    const amazon = connector();
    const order = await amazon.fetchOrder("111-0000000-0000103");
    expect(order).toMatchObject({
      state: "ready",
      shipTo: { name: "Test Buyer" },
    });
    expect(order?.lines[0]).toMatchObject({
      sku: "TOWEL-BATH",
      quantity: 3,
      unitPrice: "15.00",
    });
    expect(await amazon.fetchOrder("111-0000000-0009999")).toBeUndefined();
  });
});

describe("Login with Amazon", () => {
  it("caches the access token across connectors on one database", async () => {
    await connector().fetchOrders({ since: WEEK_AGO() });
    await connector().fetchOrders({ since: WEEK_AGO() });
    expect(count(TOKEN)).toBe(1);
    expect(count(ORDERS)).toBe(2);
    const row = await knex("oauth_tokens")
      .where({ scope: `${CHANNEL}:lwa` })
      .first();
    expect(row).toBeDefined();
  });

  it("renews a cached token Amazon refuses with 403", async () => {
    await knex("oauth_tokens").insert({
      scope: `${CHANNEL}:lwa`,
      access_token: "Atza|not-issued-by-this-sandbox",
      expires_at: new Date(Date.now() + 3_600_000),
      updated_at: new Date(),
    });
    const result = await connector().fetchOrders({ since: WEEK_AGO() });
    expect(result.orders).toHaveLength(4);
    expect(count(TOKEN)).toBe(1);
  });

  it("turns a revoked refresh token into an operator error", async () => {
    const variable = "HUB_CHANNEL_AMAZON_US_REFRESH_TOKEN";
    const good = process.env[variable];
    process.env[variable] = "Atzr|revoked";
    try {
      const failure = await connector()
        .fetchOrders({ since: WEEK_AGO() })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConfigError);
      expect(String((failure as Error).message)).toMatch(/re-authorize/);
      expect(count(TOKEN)).toBe(1);
    } finally {
      process.env[variable] = good;
    }
  });

  it("reports the server date and token expiry", async () => {
    const check = await connector().checkCredentials();
    expect(
      Math.abs((check.serverDate?.getTime() ?? 0) - Date.now()),
    ).toBeLessThan(5_000);
    expect(check.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });
});

function pkg(fields: Partial<PackageConfirmation>): PackageConfirmation {
  return {
    orderId: "111-0000000-0000101",
    packageRef: "7101",
    carrierCode: "ups",
    trackingNumber: "1Z999AA10000000701",
    shipDate: "2024-05-06T09:30:00-07:00",
    lines: [{ lineId: "10000000000101", sku: "MUG-BLUE", quantity: 2 }],
    completesOrder: false,
    ...fields,
  };
}

function trackingOf(orderId: string) {
  return sandbox
    .state()
    .channels[CHANNEL]?.orders.find((o) => o.order_id === orderId);
}

describe("confirmPackage", () => {
  it("confirms each package of a split order with its own reference (B07)", async () => {
    const amazon = connector();
    const first = await amazon.confirmPackage(pkg({}));
    expect(first).toEqual({ outcome: "pushed", carrierSent: "UPS" });
    const second = await amazon.confirmPackage(
      pkg({
        packageRef: "7102",
        carrierCode: "acme_local",
        trackingNumber: "AC000000702",
        shipDate: "2024-05-07T10:00:00Z",
        lines: [{ lineId: "10000000000102", sku: "PLATE-RED", quantity: 1 }],
        completesOrder: true,
      }),
    );
    expect(second).toEqual({
      outcome: "pushed",
      carrierSent: "Other (acme_local)",
    });
    const order = trackingOf("111-0000000-0000101");
    expect(order?.status).toBe("shipped");
    expect(
      order?.tracking.map((t) => [t.carrier, t.tracking_number, t.lines]),
    ).toEqual([
      ["UPS", "1Z999AA10000000701", { "10000000000101": 2 }],
      ["acme_local", "AC000000702", { "10000000000102": 1 }],
    ]);
    expect(order?.tracking[0]?.raw).toMatchObject({
      marketplaceId: "ATVPDKIKX0DER",
      packageDetail: {
        packageReferenceId: "7101",
        carrierCode: "UPS",
        shipDate: "2024-05-06T09:30:00-07:00",
        orderItems: [{ orderItemId: "10000000000101", quantity: 2 }],
      },
    });
    expect(order?.tracking[1]?.raw).toMatchObject({
      packageDetail: { carrierCode: "Other", carrierName: "acme_local" },
    });
  });

  it("falls back to Other for a carrier with no mapping", async () => {
    const result = await connector().confirmPackage(
      pkg({
        orderId: "111-0000000-0000103",
        carrierCode: "speedy_parcels",
        lines: [{ lineId: "10000000000104", sku: "TOWEL-BATH", quantity: 3 }],
      }),
    );
    expect(result).toEqual({
      outcome: "pushed",
      carrierSent: "Other (speedy_parcels)",
    });
    const raw = trackingOf("111-0000000-0000103")?.tracking[0]?.raw;
    expect(raw).toMatchObject({
      packageDetail: { carrierCode: "Other", carrierName: "speedy_parcels" },
    });
  });

  it("counts a package Amazon already has as done, and a different tracking as mismatch (B18)", async () => {
    const amazon = connector();
    await amazon.confirmPackage(pkg({}));
    expect(await amazon.confirmPackage(pkg({}))).toEqual({
      outcome: "already_done",
      carrierSent: "UPS",
    });
    expect(
      await amazon.confirmPackage(
        pkg({ trackingNumber: "1Z999AA10000000999" }),
      ),
    ).toEqual({
      outcome: "mismatch",
      carrierSent: "UPS",
      existingTracking: "1Z999AA10000000701",
    });
    expect(trackingOf("111-0000000-0000101")?.tracking).toHaveLength(1);
  });

  it("refuses without retrying on a cancelled order", async () => {
    const failure = await connector()
      .confirmPackage(
        pkg({
          orderId: "111-0000000-0000104",
          lines: [{ lineId: "10000000000105", sku: "VASE-GLASS", quantity: 1 }],
        }),
      )
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).details.retryable).toBe(false);
    expect((failure as UpstreamError).message).toMatch(/cancelled/);
    expect(count(CONFIRM)).toBe(1);
  });

  it("does not repeat a confirmation after a server error but leaves it for a later run", async () => {
    sandbox.setFaults([{ endpoint: CONFIRM, kind: "500", times: 1 }]);
    const failure = await connector()
      .confirmPackage(pkg({}))
      .catch((e: unknown) => e);
    expect((failure as UpstreamError).details).toMatchObject({
      status: 500,
      retryable: true,
    });
    expect(count(CONFIRM)).toBe(1);
  });
});

describe("publishQuantities", () => {
  it("patches each SKU and reports per SKU", async () => {
    const outcomes = await connector().publishQuantities([
      { sku: "MUG-BLUE", quantity: 7 },
      { sku: "NOT-LISTED", quantity: 3 },
      { sku: "MUG-RED", quantity: -1 },
      { sku: "PLATE-RED", quantity: 0 },
    ]);
    expect(outcomes.map((o) => [o.sku, o.status])).toEqual([
      ["MUG-BLUE", "sent"],
      ["NOT-LISTED", "refused"],
      ["MUG-RED", "refused"],
      ["PLATE-RED", "sent"],
    ]);
    expect(sandbox.state().channels[CHANNEL]?.quantities).toEqual({
      "MUG-BLUE": 7,
      "PLATE-RED": 0,
    });
    // The negative quantity never went on the wire (B25).
    expect(count(PATCH)).toBe(3);
  });

  it("reports a seller id Amazon refuses without renewing per SKU", async () => {
    await restart({
      ...defaultScenario,
      channels: defaultScenario.channels.map((c) =>
        c.id === CHANNEL
          ? { ...c, options: { ...c.options, seller_id: "A1OTHERSELLER" } }
          : c,
      ),
    });
    const outcomes = await connector().publishQuantities([
      { sku: "MUG-BLUE", quantity: 1 },
      { sku: "MUG-RED", quantity: 2 },
      { sku: "PLATE-RED", quantity: 3 },
    ]);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ status: "failed", retryable: false });
    }
    expect(outcomes.some((o) => /role/.test(o.error ?? ""))).toBe(true);
    // The first token and one renewal, not one per SKU.
    expect(count(TOKEN)).toBe(2);
  });

  it("retries a throttled patch", async () => {
    sandbox.setFaults([{ endpoint: PATCH, kind: "429", times: 1 }]);
    const outcomes = await connector().publishQuantities([
      { sku: "MUG-BLUE", quantity: 5 },
    ]);
    expect(outcomes).toEqual([{ sku: "MUG-BLUE", status: "sent" }]);
    expect(count(PATCH)).toBe(2);
  });

  it("sends a large batch as one JSON_LISTINGS_FEED", async () => {
    const items = Array.from({ length: 320 }, (_, i) => ({
      sku: `BULK-${String(i).padStart(3, "0")}`,
      name: `Bulk Item ${i}`,
      available: 10,
    }));
    await restart({
      ...defaultScenario,
      items: [...defaultScenario.items, ...items],
    });
    const updates = [
      ...items.map((item, i) => ({ sku: item.sku, quantity: i % 5 })),
      { sku: "NOT-LISTED", quantity: 1 },
    ];
    const outcomes = await connector().publishQuantities(updates);
    expect(outcomes).toHaveLength(321);
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(320);
    expect(outcomes[320]).toMatchObject({
      sku: "NOT-LISTED",
      status: "refused",
    });
    const quantities = sandbox.state().channels[CHANNEL]?.quantities ?? {};
    expect(quantities["BULK-007"]).toBe(2);
    expect(count(`${CHANNEL} POST /feeds/2021-06-30/feeds`)).toBe(1);
    expect(count(PATCH)).toBe(0);
  });

  it("reads a GZIP-compressed processing report (amazon.md §4b)", async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({
      sku: `GZ-${String(i).padStart(2, "0")}`,
      name: `Packed Item ${i}`,
      available: 10,
    }));
    await restart({
      ...defaultScenario,
      channels: defaultScenario.channels.map((c) =>
        c.id === CHANNEL
          ? { ...c, options: { ...c.options, feed_report_compression: "GZIP" } }
          : c,
      ),
      items: [...defaultScenario.items, ...items],
    });
    const outcomes = await connector().publishQuantities([
      ...items.map((item) => ({ sku: item.sku, quantity: 3 })),
      { sku: "NOT-LISTED", quantity: 1 },
    ]);
    expect(outcomes.filter((o) => o.status === "sent")).toHaveLength(30);
    expect(outcomes[30]).toMatchObject({ sku: "NOT-LISTED", status: "refused" });
    expect(sandbox.state().channels[CHANNEL]?.quantities["GZ-29"]).toBe(3);
  });
});
