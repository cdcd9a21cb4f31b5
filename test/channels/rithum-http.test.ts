import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRithumConnector } from "../../src/channels/rithum/index.js";
import type {
  ChannelConnector,
  MarketplaceOrder,
  PackageConfirmation,
} from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { ConfigError, UpstreamError } from "../../src/errors.js";
import { HttpContext } from "../../src/http/http-context.js";
import { createLogger } from "../../src/log/logger.js";
import type { Scenario, ScenarioOrder } from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import type { Database } from "../../src/storage/database.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const CH = "rithum-main";
const LIST = `${CH} GET /v1/Orders`;
const SHIP = `${CH} POST /v1/Orders(:id)/Ship`;
const TOKEN = `${CH} POST /oauth2/token`;

function order(
  id: string,
  status: ScenarioOrder["status"],
  lines: ScenarioOrder["lines"] = [
    { sku: "TRAY-TEAK", quantity: 1, unit_price: "24.00", tax: "1.98" },
    { sku: "BOARD-OAK", quantity: 2, unit_price: "12.50" },
  ],
): ScenarioOrder {
  return {
    channel: CH,
    order_id: id,
    status,
    created_at: "2026-02-01T08:00:00Z",
    currency: "USD",
    shipping_price: "7.00",
    buyer_email: "buyer-0002@example.invalid",
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      street2: "Apt 2",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
      phone: "555-0102",
    },
    lines,
  };
}

const many = Array.from({ length: 25 }, (_, i) => ({
  sku: `PART-${String(i).padStart(2, "0")}`,
  quantity: 1,
  unit_price: "1.00",
}));

const filler = Array.from({ length: 40 }, (_, i) => ({
  ...order(`3000009${String(i).padStart(2, "0")}`, "unshipped"),
  created_at: "2025-06-01T08:00:00Z",
}));

const scenario: Scenario = {
  channels: [
    {
      id: CH,
      kind: "rithum",
      store_id: 104,
      ratio: 20,
      options: { profile_id: 10000001 },
    },
  ],
  items: [
    { sku: "TRAY-TEAK", name: "Tray", available: 9 },
    { sku: "BOARD-OAK", name: "Board", available: 9 },
    { sku: "O'BRIEN-MUG", name: "Mug", available: 9 },
  ],
  orders: [
    order("300000101", "unshipped"),
    order("300000102", "pending"),
    order("300000103", "cancelled"),
    order("300000104", "unshipped", many),
    order("300000105", "unshipped"),
    order("300000106", "unshipped"),
    ...filler,
  ],
};

const SINCE = new Date("2026-01-01T00:00:00Z");

function pkg(
  orderId: string,
  tracking: string,
  over: Partial<PackageConfirmation> = {},
): PackageConfirmation {
  return {
    orderId,
    packageRef: `ss-${tracking}`,
    carrierCode: "ups",
    serviceCode: "ups_ground",
    trackingNumber: tracking,
    shipDate: "2026-02-02T10:00:00-05:00",
    lines: [],
    completesOrder: true,
    ...over,
  };
}

describe("Rithum connector over HTTP", () => {
  let sandbox: SandboxHandle;
  let testDb: TestDatabase;
  let db: Database;
  let http: HttpContext;
  let connector: ChannelConnector;
  let bySite: Map<string, MarketplaceOrder>;
  const saved = { ...process.env };
  const logger = createLogger({ tty: false, verbose: false, silent: true });

  function build(entries: Array<[string, unknown]> = []): ChannelConnector {
    const settings = Settings.fromEntries([
      [`channels.${CH}.kind`, "rithum"],
      [`channels.${CH}.profile_id`, "10000001"],
      ...entries,
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("channel missing");
    return createRithumConnector({ channel, knex: db.knex, http, logger });
  }

  function count(key: string): number {
    return sandbox.state().requests[key] ?? 0;
  }

  function idOf(siteOrderId: string): string {
    const found = bySite.get(siteOrderId);
    if (!found) throw new Error(`order ${siteOrderId} not fetched`);
    return found.orderId;
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, scenario, timeScale: 2000 });
    Object.assign(process.env, sandbox.env, {
      HUB_TIME_SCALE: "1000",
      HUB_HTTP_TIMEOUT_MS: "1500",
    });
    testDb = await createTestDatabase();
    await testDb.migrate();
    db = await testDb.open();
    http = new HttpContext(logger);
    connector = build();
    const { orders } = await connector.fetchOrders({
      since: new Date("2025-01-01T00:00:00Z"),
    });
    bySite = new Map(
      orders.map((o) => [
        String((o.raw as { SiteOrderID: unknown }).SiteOrderID),
        o,
      ]),
    );
  });

  afterEach(() => sandbox.clearFaults());

  afterAll(async () => {
    await sandbox.close();
    await db.close();
    await testDb.drop();
    process.env = saved;
  });

  it("normalises orders: ids, states, lines, money, address", async () => {
    const { orders } = await connector.fetchOrders({ since: SINCE });
    const ready = orders.find((o) => o.orderId === idOf("300000101"));
    expect(ready).toMatchObject({
      channel: CH,
      state: "ready",
      currency: "USD",
      shippingPrice: "7.00",
      createdAt: "2026-02-01T08:00:00.000Z",
      buyer: { email: "buyer-0002@example.invalid" },
      shipTo: {
        name: "Test Buyer",
        street1: "1 Example Street",
        street2: "Apt 2",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
        country: "US",
      },
    });
    expect(ready?.lines).toEqual([
      expect.objectContaining({
        sku: "TRAY-TEAK",
        quantity: 1,
        unitPrice: "24.00",
        tax: "1.98",
      }),
      expect.objectContaining({
        sku: "BOARD-OAK",
        quantity: 2,
        unitPrice: "12.50",
        tax: "0.00",
      }),
    ]);
    const itemIds = (ready?.raw as { Items: Array<{ ID: number }> }).Items.map(
      (i) => String(i.ID),
    );
    expect(ready?.lines.map((l) => l.lineId)).toEqual(itemIds);
    const pending = orders.find((o) => o.orderId === idOf("300000102"));
    expect(pending).toMatchObject({ state: "not_ready" });
    expect(pending?.notReadyReason).toContain("payment not cleared");
    expect(orders.find((o) => o.orderId === idOf("300000103"))?.state).toBe(
      "cancelled",
    );
  });

  it("follows @odata.nextLink to the end, each order once", async () => {
    const before = count(LIST);
    const { orders } = await connector.fetchOrders({
      since: new Date("2025-01-01T00:00:00Z"),
    });
    // 46 orders at 20 a page.
    expect(count(LIST) - before).toBe(3);
    expect(orders).toHaveLength(scenario.orders.length);
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(orders.length);
  });

  it("reads an order again when its expanded items hit the list cap", async () => {
    expect(bySite.get("300000104")?.lines).toHaveLength(25);
    const single = `${CH} GET /v1/Orders(:id)`;
    const before = count(single);
    const { orders } = await connector.fetchOrders({ since: SINCE });
    expect(
      orders.find((o) => o.orderId === idOf("300000104"))?.lines,
    ).toHaveLength(25);
    expect(count(single) - before).toBe(1);
  });

  it.each([
    ["a 429 and a 500", ["429", "500"] as const],
    ["a malformed page", ["malformed"] as const],
  ])("retries %s while paging", async (_, kinds) => {
    sandbox.setFaults(
      kinds.map((kind) => ({ endpoint: LIST, kind, times: 1 })),
    );
    const before = count(LIST);
    const { orders } = await connector.fetchOrders({
      since: new Date("2025-01-01T00:00:00Z"),
    });
    expect(orders).toHaveLength(scenario.orders.length);
    expect(count(LIST) - before).toBe(3 + kinds.length);
  });

  it("fetches one order by ID, undefined when unknown", async () => {
    const one = await connector.fetchOrder(idOf("300000105"));
    expect(one?.lines).toHaveLength(2);
    expect(await connector.fetchOrder("999999999")).toBeUndefined();
  });

  it("caches the access token in the database across connectors and runs", async () => {
    const before = count(TOKEN);
    const other = createRithumConnector({
      channel: connector.channel,
      knex: db.knex,
      http: new HttpContext(logger),
      logger,
    });
    await other.fetchOrder(idOf("300000105"));
    expect(count(TOKEN)).toBe(before);
    expect(before).toBe(1);
    const row = await db
      .knex("oauth_tokens")
      .where({ scope: `${CH}:rithum` })
      .first();
    expect(row).toBeDefined();
  });

  it("refreshes the token once when the API answers 401", async () => {
    await db
      .knex("oauth_tokens")
      .where({ scope: `${CH}:rithum` })
      .update({ access_token: "stale-token" });
    const before = count(TOKEN);
    // A new run reads the dead token from the database and gets a 401.
    const nextRun = build();
    expect(await nextRun.fetchOrder(idOf("300000105"))).toBeDefined();
    expect(count(TOKEN) - before).toBe(1);
    await nextRun.fetchOrder(idOf("300000105"));
    expect(count(TOKEN) - before).toBe(1);
  });

  it("ships an order with carrier and class, then counts repeats as done", async () => {
    const id = idOf("300000105");
    const result = await connector.confirmPackage(
      pkg(id, "1Z999AA10000010501"),
    );
    expect(result).toEqual({ outcome: "pushed", carrierSent: "UPS" });
    const seen = sandbox
      .state()
      .channels[CH]?.orders.find((o) => o.order_id === "300000105");
    expect(seen?.status).toBe("shipped");
    expect(seen?.tracking[0]).toMatchObject({
      carrier: "UPS",
      service: "Ground",
      tracking_number: "1Z999AA10000010501",
    });
    expect(
      (seen?.tracking[0]?.raw as { Value: Record<string, unknown> }).Value,
    ).toMatchObject({
      ShippedDateUtc: "2026-02-02T15:00:00.000Z",
      DistributionCenterID: 0,
      DeliveryStatus: "Complete",
    });
    const ships = count(SHIP);
    expect(
      await connector.confirmPackage(pkg(id, "1Z999AA10000010501")),
    ).toEqual({
      outcome: "already_done",
      carrierSent: "UPS",
    });
    expect(
      await connector.confirmPackage(pkg(id, "1Z999AA10000099999")),
    ).toEqual({
      outcome: "mismatch",
      carrierSent: "UPS",
      existingTracking: "1Z999AA10000010501",
    });
    expect(count(SHIP)).toBe(ships);
  });

  it("sends nothing for a package that does not complete the order", async () => {
    const ships = count(SHIP);
    const result = await connector.confirmPackage(
      pkg(idOf("300000106"), "1Z999AA10000010601", { completesOrder: false }),
    );
    expect(result.outcome).toBe("already_done");
    expect(count(SHIP)).toBe(ships);
  });

  it("refuses a cancelled order without calling Ship", async () => {
    const ships = count(SHIP);
    const error = await connector
      .confirmPackage(pkg(idOf("300000103"), "T-1"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details.retryable).toBe(false);
    expect(count(SHIP)).toBe(ships);
  });

  it("names the setting for an unmapped carrier", async () => {
    const error = await connector
      .confirmPackage(
        pkg(idOf("300000106"), "T-2", { carrierCode: "acme_courier" }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `channels.${CH}.carrier.acme_courier`,
    );
  });

  it("does not retry a 400 from Ship", async () => {
    const custom = build([[`channels.${CH}.carrier.ups`, "Bogus/Teleport"]]);
    const ships = count(SHIP);
    const error = await custom
      .confirmPackage(pkg(idOf("300000106"), "T-3"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details).toMatchObject({
      status: 400,
      retryable: false,
    });
    expect((error as Error).message).toContain("Invalid Shipping Carrier");
    expect(count(SHIP) - ships).toBe(1);
  });

  it("publishes absolute quantities by ProductID, looked up once per SKU", async () => {
    const products = `${CH} GET /v1/Products`;
    const updates = `${CH} POST /v1/Products(:id)/UpdateQuantity`;
    const publisher = build([[`channels.${CH}.distribution_center_id`, "0"]]);
    const lookups = count(products);
    const first = await publisher.publishQuantities([
      { sku: "TRAY-TEAK", quantity: 5 },
      { sku: "O'BRIEN-MUG", quantity: 2 },
      { sku: "NO-SUCH-SKU", quantity: 1 },
    ]);
    expect(first).toEqual([
      { sku: "TRAY-TEAK", status: "sent" },
      { sku: "O'BRIEN-MUG", status: "sent" },
      expect.objectContaining({ sku: "NO-SUCH-SKU", status: "refused" }),
    ]);
    expect(count(products) - lookups).toBe(3);
    // TRAY-TEAK sits on open orders: Absolute keeps 5, UnShipped would not.
    expect(sandbox.state().channels[CH]?.quantities).toMatchObject({
      "TRAY-TEAK": 5,
      "O'BRIEN-MUG": 2,
    });
    const sent = count(updates);
    await publisher.publishQuantities([{ sku: "TRAY-TEAK", quantity: 4 }]);
    expect(count(products) - lookups).toBe(3);
    expect(count(updates) - sent).toBe(1);
    expect(sandbox.state().channels[CH]?.quantities["TRAY-TEAK"]).toBe(4);
    // A later run (a new connector on the same database) looks nothing up.
    const nextRun = build([[`channels.${CH}.distribution_center_id`, "0"]]);
    await nextRun.publishQuantities([{ sku: "TRAY-TEAK", quantity: 3 }]);
    expect(count(products) - lookups).toBe(3);
    expect(sandbox.state().channels[CH]?.quantities["TRAY-TEAK"]).toBe(3);
  });

  it("asks for distribution_center_id when the account has several centres", async () => {
    const error = await connector
      .publishQuantities([{ sku: "TRAY-TEAK", quantity: 1 }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `channels.${CH}.distribution_center_id`,
    );
    expect((error as Error).message).toContain("0 (DC-MAIN)");
  });

  it("reports a SKU failed, not sent, when UpdateQuantity keeps failing", async () => {
    const publisher = build([[`channels.${CH}.distribution_center_id`, "11"]]);
    await publisher.publishQuantities([{ sku: "BOARD-OAK", quantity: 1 }]);
    sandbox.setFaults([
      { endpoint: `${CH} POST /v1/Products(:id)/UpdateQuantity`, kind: "503" },
    ]);
    const outcomes = await publisher.publishQuantities([
      { sku: "BOARD-OAK", quantity: 2 },
    ]);
    expect(outcomes).toEqual([
      expect.objectContaining({
        sku: "BOARD-OAK",
        status: "failed",
        retryable: true,
      }),
    ]);
  });

  it("checks credentials and reports the token expiry", async () => {
    const check = await build([[`channels.${CH}.distribution_center_id`, "0"]]).checkCredentials();
    expect(check.serverDate).toBeInstanceOf(Date);
    expect(check.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it("fails the credential check where quantities would not know their centre", async () => {
    const error = await connector.checkCredentials().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`channels.${CH}.distribution_center_id`);
  });

  it("turns a refused refresh token into a configuration error", async () => {
    await db
      .knex("oauth_tokens")
      .where({ scope: `${CH}:rithum` })
      .delete();
    process.env.HUB_CHANNEL_RITHUM_MAIN_REFRESH_TOKEN = "revoked-token";
    try {
      const error = await build()
        .checkCredentials()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(
        "HUB_CHANNEL_RITHUM_MAIN_REFRESH_TOKEN",
      );
      expect((error as Error).message).not.toContain("revoked-token");
    } finally {
      process.env.HUB_CHANNEL_RITHUM_MAIN_REFRESH_TOKEN =
        sandbox.env.HUB_CHANNEL_RITHUM_MAIN_REFRESH_TOKEN;
    }
  });
});
