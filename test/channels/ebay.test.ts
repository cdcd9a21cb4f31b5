import type { Knex } from "knex";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEbayConnector } from "../../src/channels/ebay/index.js";
import type {
  ChannelConnector,
  PackageConfirmation,
} from "../../src/channels/types.js";
import { Settings, type ChannelConfig } from "../../src/config/settings.js";
import { ConfigError, UpstreamError } from "../../src/errors.js";
import { HttpContext } from "../../src/http/http-context.js";
import { createLogger } from "../../src/log/logger.js";
import type { Scenario, ScenarioOrder } from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const hoursAgo = (h: number): string =>
  new Date(Date.now() - h * 3_600_000).toISOString();

const address = {
  name: "Test Buyer",
  street1: "1 Example Street",
  street2: "Unit 0",
  city: "Springfield",
  state: "IL",
  postal_code: "62701",
  country: "US",
  phone: "555-0100",
};

// Enough shipped orders that getOrders needs three pages of 200.
const shipped: ScenarioOrder[] = Array.from({ length: 420 }, (_, i) => ({
  channel: "ebay-us",
  order_id: `30-00000-${String(i).padStart(5, "0")}`,
  status: "shipped" as const,
  created_at: hoursAgo(48 + i / 100),
  ship_to: address,
  lines: [{ sku: "MUG-BLUE", quantity: 1, unit_price: "5.00" }],
}));

const scenario: Scenario = {
  channels: [
    // B25: this account has out-of-stock control off.
    {
      id: "ebay-us",
      kind: "ebay",
      store_id: 102,
      ratio: 100,
      options: { out_of_stock_control: false },
    },
    { id: "ebay-oos", kind: "ebay", store_id: 103, ratio: 100 },
    { id: "ebay-bad", kind: "ebay", store_id: 104, ratio: 100 },
  ],
  items: [
    "MUG-BLUE",
    "LAMP-01",
    "FRAME-A4",
    "CANDLE-VAN",
    "RUG-SMALL",
    "VASE-GLASS",
  ].map((sku) => ({ sku, name: `Test ${sku}`, available: 10 })),
  orders: [
    ...shipped,
    {
      channel: "ebay-us",
      order_id: "21-00000-00001",
      status: "unshipped",
      created_at: hoursAgo(5),
      currency: "USD",
      shipping_price: "4.50",
      buyer_email: "buyer-01@example.invalid",
      ship_to: address,
      lines: [
        {
          line_id: "100000000011",
          sku: "CANDLE-VAN",
          quantity: 3,
          unit_price: "3.33",
          tax: "0.60",
        },
        {
          line_id: "100000000012",
          sku: "FRAME-A4",
          quantity: 1,
          unit_price: "11.00",
        },
      ],
    },
    {
      channel: "ebay-us",
      order_id: "23-00000-00021",
      status: "unshipped",
      created_at: hoursAgo(4),
      ship_to: address,
      lines: [
        {
          line_id: "100000000210",
          sku: "LAMP-01",
          quantity: 1,
          unit_price: "49.90",
        },
      ],
    },
    {
      // B24: the buyer asked to cancel; the list does not show it.
      channel: "ebay-us",
      order_id: "23-00000-00024",
      status: "unshipped",
      created_at: hoursAgo(3),
      ship_to: address,
      cancel_requested: true,
      lines: [
        {
          line_id: "100000000240",
          sku: "LAMP-01",
          quantity: 1,
          unit_price: "49.90",
        },
      ],
    },
    {
      channel: "ebay-us",
      order_id: "25-00000-00001",
      status: "cancelled",
      created_at: hoursAgo(2),
      ship_to: address,
      lines: [
        {
          line_id: "100000000250",
          sku: "RUG-SMALL",
          quantity: 1,
          unit_price: "39.00",
        },
      ],
    },
    {
      channel: "ebay-us",
      order_id: "26-00000-00001",
      status: "unshipped",
      created_at: hoursAgo(2),
      ship_to: address,
      lines: [
        {
          line_id: "100000000261",
          sku: "MUG-BLUE",
          quantity: 2,
          unit_price: "12.50",
        },
        {
          line_id: "100000000262",
          sku: "VASE-GLASS",
          quantity: 1,
          unit_price: "32.00",
        },
      ],
    },
    {
      channel: "ebay-us",
      order_id: "27-00000-00001",
      status: "unshipped",
      created_at: hoursAgo(1),
      ship_to: address,
      lines: [
        {
          line_id: "100000000270",
          sku: "FRAME-A4",
          quantity: 1,
          unit_price: "11.00",
        },
      ],
    },
  ],
};

const ORDERS = "ebay-us GET /sell/fulfillment/v1/order";
const ONE_ORDER = "ebay-us GET /sell/fulfillment/v1/order/:orderId";
const CREATE =
  "ebay-us POST /sell/fulfillment/v1/order/:orderId/shipping_fulfillment";
const TRADING = "ebay-us POST /ws/api.dll";
const TOKEN = "ebay-us POST /identity/v1/oauth2/token";

const logger = createLogger({ tty: false, verbose: false, silent: true });

let sandbox: SandboxHandle;
let database: TestDatabase;
let knex: Knex;
let closeDb: () => Promise<void>;
const savedEnv = new Map<string, string | undefined>();

function setEnv(name: string, value: string | undefined): void {
  if (!savedEnv.has(name)) savedEnv.set(name, process.env[name]);
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

function channelConfig(
  id: string,
  extra: Array<[string, unknown]> = [],
): ChannelConfig {
  const settings = Settings.fromEntries([
    [`channels.${id}.kind`, "ebay"],
    [`channels.${id}.store_id`, 102],
    [`channels.${id}.marketplace_id`, "EBAY_US"],
    ...extra.map(([k, v]) => [`channels.${id}.${k}`, v] as const),
  ]);
  const channel = settings.channels.find((c) => c.id === id);
  if (channel === undefined) throw new Error(`no channel ${id}`);
  return channel;
}

function connector(
  id = "ebay-us",
  extra: Array<[string, unknown]> = [],
): ChannelConnector {
  return createEbayConnector({
    channel: channelConfig(id, extra),
    knex,
    http: new HttpContext(logger),
    logger,
  });
}

function count(key: string): number {
  return sandbox.state().requests[key] ?? 0;
}

function trackingOf(channel: string, orderId: string) {
  const order = sandbox
    .state()
    .channels[channel]?.orders.find((o) => o.order_id === orderId);
  return order?.tracking ?? [];
}

const window = () => ({ since: new Date(Date.now() - 5 * 86_400_000) });

beforeAll(async () => {
  database = await createTestDatabase();
  await database.migrate();
  const db = await database.open();
  knex = db.knex;
  closeDb = db.close;
  sandbox = await startSandbox({ port: 0, scenario, timeScale: 1000 });
  for (const [name, value] of Object.entries(sandbox.env)) setEnv(name, value);
  setEnv("HUB_TIME_SCALE", "1000");
  setEnv("HUB_HTTP_TIMEOUT_MS", "1500");
});

afterAll(async () => {
  await sandbox.close();
  await closeDb();
  await database.drop();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

beforeEach(() => {
  sandbox.clearFaults();
});

describe("eBay fetchOrders over the sandbox", () => {
  it("reads every page and normalizes the orders", async () => {
    const before = count(ORDERS);
    const result = await connector().fetchOrders(window());
    const listed = scenario.orders.filter((o) => o.channel === "ebay-us");
    expect(result.orders.map((o) => o.orderId).sort()).toEqual(
      listed.map((o) => o.order_id).sort(),
    );
    // 426 orders at 200 a page: three getOrders calls, no more.
    expect(count(ORDERS) - before).toBe(Math.ceil(listed.length / 200));

    const order = result.orders.find((o) => o.orderId === "21-00000-00001");
    expect(order).toMatchObject({
      channel: "ebay-us",
      state: "ready",
      vendorStatus: "NOT_STARTED",
      currency: "USD",
      shippingPrice: "4.50",
      shipTo: {
        name: "Test Buyer",
        street1: "1 Example Street",
        street2: "Unit 0",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
        country: "US",
        phone: "555-0100",
      },
    });
    // lineItemCost is the whole line: 3 × 3.33 comes back as 3.33 a unit.
    expect(order?.lines).toEqual([
      {
        lineId: "100000000011",
        sku: "CANDLE-VAN",
        title: "CANDLE-VAN",
        quantity: 3,
        unitPrice: "3.33",
        tax: "0.60",
      },
      {
        lineId: "100000000012",
        sku: "FRAME-A4",
        title: "FRAME-A4",
        quantity: 1,
        unitPrice: "11.00",
        tax: "0.00",
      },
    ]);
    expect(
      result.orders.find((o) => o.orderId === "30-00000-00007")?.state,
    ).toBe("shipped");
    expect(
      result.orders.find((o) => o.orderId === "25-00000-00001")?.state,
    ).toBe("cancelled");
    expect(result.readUntil.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("hydrates open orders with getOrder and sees the hidden cancel request (B24)", async () => {
    const before = count(ONE_ORDER);
    const result = await connector().fetchOrders(window());
    const b24 = result.orders.find((o) => o.orderId === "23-00000-00024");
    expect(b24?.state).toBe("cancel_requested");
    expect(b24?.vendorStatus).toContain("CANCEL_REQUESTED");
    // Only the open orders are read one by one, not the shipped or cancelled.
    const open = result.orders.filter(
      (o) => o.state !== "shipped" && o.state !== "cancelled",
    );
    expect(count(ONE_ORDER) - before).toBe(open.length);
  });

  it("does not read again an order already sent that has not changed since", async () => {
    const first = await connector().fetchOrders(window());
    const open = first.orders.filter((o) => o.state === "ready");
    expect(open.length).toBeGreaterThan(1);
    const [changed, ...unchanged] = open;
    const sent = new Map(unchanged.map((o) => [o.orderId, new Date(o.updatedAt)]));
    // One order's record is older than what eBay lists now: it is read.
    if (changed) sent.set(changed.orderId, new Date(Date.parse(changed.updatedAt) - 60_000));
    const before = count(ONE_ORDER);
    const again = await connector().fetchOrders({ ...window(), sent });
    const stillOpen = again.orders.filter((o) => o.state !== "shipped" && o.state !== "cancelled");
    expect(count(ONE_ORDER) - before).toBe(stillOpen.length - unchanged.length);
    // The cancel request still shows: that order was never sent.
    expect(again.orders.find((o) => o.orderId === "23-00000-00024")?.state).toBe("cancel_requested");
    expect(again.orders.map((o) => o.orderId).sort()).toEqual(first.orders.map((o) => o.orderId).sort());
  });

  it("retries a 500 and a 429 in the middle of paging", async () => {
    for (const kind of ["500", "429"] as const) {
      // The first page passes (a 1 ms slow fault), the second fails once.
      sandbox.setFaults([
        { endpoint: ORDERS, kind: "slow", delay_ms: 1, times: 1 },
        { endpoint: ORDERS, kind, times: 1 },
      ]);
      const before = count(ORDERS);
      const result = await connector().fetchOrders(window());
      expect(result.orders.length).toBe(
        scenario.orders.filter((o) => o.channel === "ebay-us").length,
      );
      expect(count(ORDERS) - before).toBe(4);
    }
  });

  it("fetches one order fresh, and undefined for an unknown id", async () => {
    const c = connector();
    const order = await c.fetchOrder("23-00000-00024");
    expect(order?.state).toBe("cancel_requested");
    expect(order?.lines[0]?.lineId).toBe("100000000240");
    expect(await c.fetchOrder("99-99999-99999")).toBeUndefined();
  });
});

describe("eBay access token", () => {
  it("is cached in the database across connector instances", async () => {
    const before = count("ebay-oos POST /identity/v1/oauth2/token");
    await connector("ebay-oos").fetchOrder("none-1");
    await connector("ebay-oos").fetchOrder("none-2");
    expect(count("ebay-oos POST /identity/v1/oauth2/token") - before).toBe(1);
    const rows = await knex("oauth_tokens").where({ scope: "ebay-oos:ebay" });
    expect(rows).toHaveLength(1);
  });

  it("turns a refused refresh token into a ConfigError naming the variable", async () => {
    setEnv("HUB_CHANNEL_EBAY_BAD_REFRESH_TOKEN", "not-the-token");
    const error = await connector("ebay-bad")
      .fetchOrder("23-00000-00024")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("HUB_CHANNEL_EBAY_BAD_REFRESH_TOKEN");
  });

  it("reports the server date and token expiry to doctor", async () => {
    const check = await connector().checkCredentials();
    expect(check.serverDate).toBeInstanceOf(Date);
    expect(check.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
    expect(count(TOKEN)).toBe(1);
  });
});

function pkg(over: Partial<PackageConfirmation>): PackageConfirmation {
  return {
    orderId: "21-00000-00001",
    packageRef: "7001",
    carrierCode: "ups",
    serviceCode: "ups_ground",
    trackingNumber: "1Z999AA10000000001",
    shipDate: "2026-01-11T11:09:02-08:00",
    lines: [
      { lineId: "100000000011", sku: "CANDLE-VAN", quantity: 3 },
      { lineId: "100000000012", sku: "FRAME-A4", quantity: 1 },
    ],
    completesOrder: true,
    ...over,
  };
}

describe("eBay confirmPackage over the sandbox", () => {
  it("pushes the mapped carrier and tracking in the right fields (B21)", async () => {
    const result = await connector().confirmPackage(
      pkg({
        orderId: "23-00000-00021",
        packageRef: "7210",
        trackingNumber: "1Z999AA10000002101",
        lines: [{ lineId: "100000000210", sku: "LAMP-01", quantity: 1 }],
      }),
    );
    expect(result).toEqual({ outcome: "pushed", carrierSent: "UPS" });
    const [received] = trackingOf("ebay-us", "23-00000-00021");
    expect(received?.raw).toEqual({
      lineItems: [{ lineItemId: "100000000210", quantity: 1 }],
      shippedDate: "2026-01-11T19:09:02.000Z",
      shippingCarrierCode: "UPS",
      trackingNumber: "1Z999AA10000002101",
    });
  });

  it("sends no second createShippingFulfillment for the same package", async () => {
    const c = connector();
    const before = count(CREATE);
    expect((await c.confirmPackage(pkg({}))).outcome).toBe("pushed");
    const again = await connector().confirmPackage(
      pkg({ trackingNumber: "1Z999AA1 0000000001" }),
    );
    expect(again).toEqual({ outcome: "already_done", carrierSent: "UPS" });
    expect(count(CREATE) - before).toBe(1);
    expect(trackingOf("ebay-us", "21-00000-00001")).toHaveLength(1);
  });

  it("reports a mismatch when the lines already shipped under another tracking", async () => {
    const before = count(CREATE);
    const result = await connector().confirmPackage(
      pkg({ packageRef: "7002", trackingNumber: "1Z999AA10000000099" }),
    );
    expect(result).toEqual({
      outcome: "mismatch",
      carrierSent: "UPS",
      existingTracking: "1Z999AA10000000001",
    });
    expect(count(CREATE)).toBe(before);
  });

  it("does not repeat a createShippingFulfillment that got a 500", async () => {
    const order = "27-00000-00001";
    const one = pkg({
      orderId: order,
      trackingNumber: "9400100000000000000270",
      carrierCode: "stamps_com",
      lines: [{ lineId: "100000000270", sku: "FRAME-A4", quantity: 1 }],
    });
    sandbox.setFaults([{ endpoint: CREATE, kind: "500", times: 1 }]);
    const before = count(CREATE);
    const error = await connector()
      .confirmPackage(one)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details.retryable).toBe(true);
    expect(count(CREATE) - before).toBe(1);
    expect(trackingOf("ebay-us", order)).toHaveLength(0);

    // The next run reads the packages first, finds none, and sends once.
    expect(await connector().confirmPackage(one)).toEqual({
      outcome: "pushed",
      carrierSent: "USPS",
    });
    expect(count(CREATE) - before).toBe(2);
    expect(trackingOf("ebay-us", order)).toHaveLength(1);
  });

  it("does not repeat a createShippingFulfillment whose connection dropped", async () => {
    const one = pkg({
      orderId: "26-00000-00001",
      trackingNumber: "1Z999AA10000000263",
      lines: [{ lineId: "100000000262", sku: "VASE-GLASS", quantity: 1 }],
    });
    sandbox.setFaults([{ endpoint: CREATE, kind: "drop", times: 1 }]);
    const before = count(CREATE);
    const error = await connector()
      .confirmPackage(one)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details.retryable).toBe(true);
    expect(count(CREATE) - before).toBe(1);
    expect(
      trackingOf("ebay-us", "26-00000-00001").map((t) => t.tracking_number),
    ).not.toContain("1Z999AA10000000263");
  });

  it("ships one line of two, leaving the order partially shipped", async () => {
    const result = await connector().confirmPackage(
      pkg({
        orderId: "26-00000-00001",
        trackingNumber: "794600000000261",
        carrierCode: "fedex",
        lines: [{ lineId: "100000000261", sku: "MUG-BLUE", quantity: 2 }],
        completesOrder: false,
      }),
    );
    expect(result).toEqual({ outcome: "pushed", carrierSent: "FedEx" });
    const order = await connector().fetchOrder("26-00000-00001");
    expect(order?.state).toBe("partially_shipped");
  });

  it("stops an unmapped carrier before anything is sent (B21)", async () => {
    const before = count(CREATE);
    const error = await connector()
      .confirmPackage(
        pkg({ orderId: "26-00000-00001", carrierCode: "pigeon_post" }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String(error)).toContain("channels.ebay-us.carrier.pigeon_post");
    expect(count(CREATE)).toBe(before);
  });

  it("refuses swapped carrier and tracking fields (B21)", async () => {
    const swapped = connector("ebay-us", [
      ["carrier.ups", "1Z999AA10000002101"],
    ]);
    await expect(
      swapped.confirmPackage(pkg({ orderId: "26-00000-00001" })),
    ).rejects.toBeInstanceOf(ConfigError);
    await expect(
      connector().confirmPackage(
        pkg({ orderId: "26-00000-00001", trackingNumber: "UPS" }),
      ),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it("uses an operator carrier override, and a refusal is final", async () => {
    const c = connector("ebay-us", [["carrier.ups", "NoSuchCarrier"]]);
    const before = count(CREATE);
    const error = await c
      .confirmPackage(
        pkg({
          orderId: "26-00000-00001",
          trackingNumber: "1Z999AA10000000262",
          lines: [{ lineId: "100000000262", sku: "VASE-GLASS", quantity: 1 }],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details.retryable).toBe(false);
    expect(String(error)).toContain("26-00000-00001");
    expect(count(CREATE) - before).toBe(1);
  });

  it("holds tracking while the buyer's cancel request waits (B24)", async () => {
    const before = count(CREATE);
    const error = await connector()
      .confirmPackage(
        pkg({
          orderId: "23-00000-00024",
          lines: [{ lineId: "100000000240", sku: "LAMP-01", quantity: 1 }],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(String(error)).toContain("asked to cancel");
    expect(count(CREATE)).toBe(before);
  });
});

describe("eBay publishQuantities over the sandbox", () => {
  it("sends absolute quantities four SKUs a call", async () => {
    const updates = [
      { sku: "MUG-BLUE", quantity: 7 },
      { sku: "FRAME-A4", quantity: 3 },
      { sku: "CANDLE-VAN", quantity: 0 },
      { sku: "RUG-SMALL", quantity: 1 },
      { sku: "VASE-GLASS", quantity: 12 },
    ];
    const key = "ebay-oos POST /ws/api.dll";
    const before = count(key);
    const outcomes = await connector("ebay-oos").publishQuantities(updates);
    expect(outcomes).toEqual(
      updates.map((u) => ({ sku: u.sku, status: "sent" })),
    );
    expect(count(key) - before).toBe(2);
    const quantities = sandbox.state().channels["ebay-oos"]?.quantities;
    for (const u of updates) expect(quantities?.[u.sku]).toBe(u.quantity);
  });

  it("reports a refused 0 without out-of-stock control, not retried (B25)", async () => {
    const before = count(TRADING);
    const outcomes = await connector().publishQuantities([
      { sku: "LAMP-01", quantity: 0 },
      { sku: "MUG-BLUE", quantity: 4 },
    ]);
    expect(outcomes[0]).toEqual({
      sku: "LAMP-01",
      status: "refused",
      error:
        "eBay listing LAMP-01 cannot be set to 0 - enable out-of-stock " +
        "control or end the listing",
    });
    expect(outcomes[1]).toEqual({ sku: "MUG-BLUE", status: "sent" });
    expect(count(TRADING) - before).toBe(1);
    expect(
      sandbox.state().channels["ebay-us"]?.quantities["LAMP-01"],
    ).toBeUndefined();
  });

  it("marks an unknown SKU failed and a throttled call retryable", async () => {
    const [unknown] = await connector().publishQuantities([
      { sku: "NO-SUCH-SKU", quantity: 2 },
    ]);
    expect(unknown).toMatchObject({
      sku: "NO-SUCH-SKU",
      status: "failed",
      retryable: false,
    });

    sandbox.setFaults([{ endpoint: TRADING, kind: "429" }]);
    const [throttled] = await connector().publishQuantities([
      { sku: "MUG-BLUE", quantity: 2 },
    ]);
    expect(throttled).toMatchObject({
      sku: "MUG-BLUE",
      status: "failed",
      retryable: true,
    });
  });
});
