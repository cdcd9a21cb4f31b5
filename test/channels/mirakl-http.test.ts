import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMiraklConnector } from "../../src/channels/mirakl/index.js";
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

const CH = "mirakl-acme";
const OR11 = `${CH} GET /api/orders`;

function order(
  id: string,
  status: ScenarioOrder["status"],
  country = "FR",
): ScenarioOrder {
  return {
    channel: CH,
    order_id: id,
    status,
    created_at: "2026-01-10T08:00:00Z",
    updated_at: "2026-01-10T09:00:00Z",
    currency: "EUR",
    shipping_price: "4.90",
    buyer_email: "buyer-0001@example.invalid",
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Exampleville",
      postal_code: "75001",
      country,
      phone: "555-0101",
    },
    lines: [
      { sku: "LAMP-01", quantity: 2, unit_price: "19.99", tax: "3.20" },
      { sku: "MUG-BLUE", quantity: 1, unit_price: "7.50" },
    ],
  };
}

// Older orders: a window from 2025 holds 213 orders, three OR11 pages.
const filler = Array.from({ length: 205 }, (_, i) => ({
  ...order(`MKP-0009${String(i).padStart(3, "0")}-A`, "unshipped", "DE"),
  created_at: "2025-06-01T08:00:00Z",
  updated_at: "2025-06-01T08:00:00Z",
}));

const scenario: Scenario = {
  channels: [{ id: CH, kind: "mirakl", store_id: 103, ratio: 20 }],
  items: [
    { sku: "LAMP-01", name: "Lamp", available: 5 },
    { sku: "MUG-BLUE", name: "Mug", available: 5 },
  ],
  orders: [
    order("MKP-0000026-A", "awaiting_acceptance"),
    order("MKP-0000027-A", "unshipped", "DE"),
    order("MKP-0000028-A", "shipped", "US"),
    order("MKP-0000029-A", "pending"),
    order("MKP-0000030-A", "cancelled"),
    order("MKP-0000031-A", "unshipped", "ZZ"),
    order("MKP-0000032-A", "awaiting_acceptance"),
    order("MKP-0000033-A", "unshipped"),
    ...filler,
  ],
};

const NAMED_SINCE = new Date("2026-01-01T00:00:00Z");

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
    shipDate: "2026-01-11T10:00:00+01:00",
    lines: [],
    completesOrder: true,
    ...over,
  };
}

describe("Mirakl connector over HTTP", () => {
  let sandbox: SandboxHandle;
  let testDb: TestDatabase;
  let db: Database;
  let http: HttpContext;
  let connector: ChannelConnector;
  const saved = { ...process.env };
  const logger = createLogger({ tty: false, verbose: false, silent: true });

  function build(entries: Array<[string, unknown]> = []): ChannelConnector {
    const settings = Settings.fromEntries([
      [`channels.${CH}.kind`, "mirakl"],
      [`channels.${CH}.store_id`, 103],
      ...entries,
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("channel missing");
    return createMiraklConnector({ channel, knex: db.knex, http, logger });
  }

  function count(key: string): number {
    return sandbox.state().requests[key] ?? 0;
  }

  beforeAll(async () => {
    // The stand-in forgives twice as fast as hub spends, so that network
    // jitter between the two token buckets never turns into a 429.
    sandbox = await startSandbox({ port: 0, scenario, timeScale: 2000 });
    Object.assign(process.env, sandbox.env, {
      HUB_TIME_SCALE: "1000",
      HUB_HTTP_TIMEOUT_MS: "1500",
    });
    testDb = await createTestDatabase();
    await testDb.migrate();
    db = await testDb.open();
    // One context for the file: its throttles then follow the sandbox's.
    http = new HttpContext(logger);
    connector = build();
  });

  afterEach(() => sandbox.clearFaults());

  afterAll(async () => {
    await sandbox.close();
    await db.close();
    await testDb.drop();
    process.env = saved;
  });

  function named(orders: MarketplaceOrder[], id: string): MarketplaceOrder {
    const found = orders.find((o) => o.orderId === id);
    if (!found) throw new Error(`order ${id} not fetched`);
    return found;
  }

  it("normalises orders: states, lines, money, alpha-3 countries", async () => {
    const { orders, readUntil } = await connector.fetchOrders({
      since: NAMED_SINCE,
    });
    expect(readUntil.getTime()).toBeLessThanOrEqual(Date.now());
    const ready = named(orders, "MKP-0000027-A");
    expect(ready).toMatchObject({
      channel: CH,
      state: "ready",
      vendorStatus: "SHIPPING",
      currency: "EUR",
      shippingPrice: "4.90",
      createdAt: "2026-01-10T08:00:00.000Z",
      shipTo: {
        name: "Test Buyer",
        street1: "1 Example Street",
        postalCode: "75001",
        country: "DE",
      },
    });
    expect(ready.lines).toEqual([
      expect.objectContaining({
        lineId: "MKP-0000027-A-1",
        sku: "LAMP-01",
        quantity: 2,
        unitPrice: "19.99",
        tax: "3.20",
      }),
      expect.objectContaining({
        lineId: "MKP-0000027-A-2",
        sku: "MUG-BLUE",
        quantity: 1,
        unitPrice: "7.50",
        tax: "0.00",
      }),
    ]);
    expect(named(orders, "MKP-0000028-A")).toMatchObject({
      state: "shipped",
      shipTo: { country: "US" },
    });
    expect(named(orders, "MKP-0000030-A").state).toBe("cancelled");
    expect(named(orders, "MKP-0000031-A").shipTo?.country).toBe("ZZ");
  });

  it("parks orders whose address Mirakl still hides", async () => {
    const { orders } = await connector.fetchOrders({ since: NAMED_SINCE });
    const waiting = named(orders, "MKP-0000026-A");
    expect(waiting.state).toBe("awaiting_acceptance");
    expect(waiting.shipTo).toBeUndefined();
    expect(waiting.notReadyReason).toContain("no shipping address yet");
    const debit = named(orders, "MKP-0000029-A");
    expect(debit).toMatchObject({
      state: "not_ready",
      vendorStatus: "WAITING_DEBIT_PAYMENT",
    });
    expect(debit.notReadyReason).toContain("no shipping address yet");
    expect(debit.shipTo).toBeUndefined();
  });

  it("pages OR11 to total_count, each order once (case B28)", async () => {
    const before = count(OR11);
    const { orders } = await connector.fetchOrders({
      since: new Date("2025-01-01T00:00:00Z"),
    });
    expect(count(OR11) - before).toBe(3);
    expect(orders).toHaveLength(scenario.orders.length);
    expect(new Set(orders.map((o) => o.orderId)).size).toBe(orders.length);
  });

  it("retries a 429 and a 500 while paging", async () => {
    sandbox.setFaults([
      { endpoint: OR11, kind: "429", times: 1 },
      { endpoint: OR11, kind: "500", times: 1 },
    ]);
    const before = count(OR11);
    const { orders } = await connector.fetchOrders({
      since: new Date("2025-01-01T00:00:00Z"),
    });
    expect(orders).toHaveLength(scenario.orders.length);
    expect(count(OR11) - before).toBe(5);
  });

  it("shares OR11's once-a-minute slot between processes through the database", async () => {
    // Two processes: each its own throttles, one database.
    const processes = [new HttpContext(logger), new HttpContext(logger)];
    const settings = Settings.fromEntries([
      [`channels.${CH}.kind`, "mirakl"],
      [`channels.${CH}.store_id`, 103],
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("channel missing");
    const before = count(OR11);
    for (const context of processes) {
      const other = createMiraklConnector({ channel, knex: db.knex, http: context, logger });
      expect((await other.fetchOrder("MKP-0000027-A"))?.orderId).toBe("MKP-0000027-A");
    }
    expect(count(OR11) - before).toBe(2);
    // The second waited for its turn instead of earning a 429.
    expect(processes.map((c) => c.clients.reduce((n, client) => n + client.stats.retries, 0))).toEqual([0, 0]);
    const slot = await db.knex("api_pacing").where({ key: `${CH}:OR11` }).first();
    expect(slot).toBeDefined();
  });

  it("reads the orders of a run's packages ahead in one OR11 call", async () => {
    const fresh = build();
    const ids = ["MKP-0009100-A", "MKP-0009101-A", "MKP-0009102-A"];
    const before = count(OR11);
    await fresh.prepareConfirmations?.(ids);
    expect(count(OR11) - before).toBe(1);
    for (const [i, id] of ids.entries()) {
      const answer = await fresh.confirmPackage(pkg(id, `1Z999AA1000000280${String(i)}`));
      expect(["pushed", "already_done", "mismatch"]).toContain(answer.outcome);
    }
    // Each package used the order read ahead; a second look reads afresh.
    expect(count(OR11) - before).toBe(1);
    await fresh.fetchOrder("MKP-0009100-A");
    expect(count(OR11) - before).toBe(2);
  });

  it("fetches one order by id", async () => {
    const one = await connector.fetchOrder("MKP-0000027-A");
    expect(one?.orderId).toBe("MKP-0000027-A");
    expect(await connector.fetchOrder("MKP-NOPE-A")).toBeUndefined();
  });

  it("looks ids up in OR11 batches of 100; a failed batch fails alone (case B28)", async () => {
    const ids = filler.slice(0, 150).map((o) => o.order_id);
    const before = count(OR11);
    const found = await Promise.all(ids.map((id) => connector.fetchOrder(id)));
    expect(found.map((o) => o?.orderId)).toEqual(ids);
    expect(count(OR11) - before).toBe(2);
    sandbox.setFaults([{ endpoint: OR11, kind: "500", times: 3 }]);
    const settled = await Promise.allSettled(
      ids.map((id) => connector.fetchOrder(id)),
    );
    expect(settled.slice(0, 100).every((r) => r.status === "rejected")).toBe(
      true,
    );
    expect(settled.slice(100).every((r) => r.status === "fulfilled")).toBe(
      true,
    );
  });

  it("accepts lines with OR21", async () => {
    const waiting = await connector.fetchOrder("MKP-0000032-A");
    if (!waiting) throw new Error("missing");
    await connector.acceptOrder?.(waiting, {
      "MKP-0000032-A-1": true,
      "MKP-0000032-A-2": false,
    });
    const seen = sandbox
      .state()
      .channels[CH]?.orders.find((o) => o.order_id === "MKP-0000032-A");
    expect(seen?.acceptance).toEqual({
      "MKP-0000032-A-1": true,
      "MKP-0000032-A-2": false,
    });
    const after = await connector.fetchOrder("MKP-0000032-A");
    expect(after?.state).not.toBe("awaiting_acceptance");
    expect(after?.lines.map((l) => l.lineId)).toEqual(["MKP-0000032-A-1"]);
  });

  it("sends OR23 then OR24 for an order in SHIPPING (case B26)", async () => {
    const result = await connector.confirmPackage(
      pkg("MKP-0000027-A", "1Z999AA10000002701"),
    );
    expect(result).toEqual({ outcome: "pushed", carrierSent: "UPS" });
    const seen = sandbox
      .state()
      .channels[CH]?.orders.find((o) => o.order_id === "MKP-0000027-A");
    expect(seen?.status).toBe("shipped");
    expect(seen?.tracking).toHaveLength(1);
    expect(seen?.tracking[0]).toMatchObject({
      carrier: "UPS",
      tracking_number: "1Z999AA10000002701",
    });
    expect(seen?.tracking[0]?.raw).toEqual({
      carrier_code: "UPS",
      tracking_number: "1Z999AA10000002701",
    });
  });

  it("answers already_done or mismatch for a shipped order and sends nothing (cases B18, B26)", async () => {
    const ship = `${CH} PUT /api/orders/:orderId/ship`;
    const tracking = `${CH} PUT /api/orders/:orderId/tracking`;
    const sent = count(ship) + count(tracking);
    expect(
      await connector.confirmPackage(
        pkg("MKP-0000027-A", "1Z999AA10000002701"),
      ),
    ).toEqual({
      outcome: "already_done",
      carrierSent: "UPS",
    });
    expect(
      await connector.confirmPackage(
        pkg("MKP-0000027-A", "1Z999AA10000009999"),
      ),
    ).toEqual({
      outcome: "mismatch",
      carrierSent: "UPS",
      existingTracking: "1Z999AA10000002701",
    });
    expect(count(ship) + count(tracking)).toBe(sent);
  });

  it("defers an order not yet accepted or debited, sending nothing (case B26)", async () => {
    const ship = `${CH} PUT /api/orders/:orderId/ship`;
    const before = count(ship);
    for (const id of ["MKP-0000026-A", "MKP-0000029-A"]) {
      const error = await connector
        .confirmPackage(pkg(id, "1Z999AA10000002601"))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).details.retryable).toBe(true);
      expect((error as UpstreamError).message).toMatch(
        /before it was accepted/,
      );
    }
    const cancelled = await connector
      .confirmPackage(pkg("MKP-0000030-A", "X1"))
      .catch((e: unknown) => e);
    expect((cancelled as UpstreamError).details.retryable).toBe(false);
    expect(count(ship)).toBe(before);
  });

  it("sends tracking only for a package that does not complete the order", async () => {
    const ship = `${CH} PUT /api/orders/:orderId/ship`;
    const before = count(ship);
    const first = await connector.confirmPackage(
      pkg("MKP-0000033-A", "1Z999AA10000003301", { completesOrder: false }),
    );
    expect(first.outcome).toBe("pushed");
    expect(count(ship)).toBe(before);
    const order = await connector.fetchOrder("MKP-0000033-A");
    expect(order?.state).toBe("ready");
    const last = await connector.confirmPackage(
      pkg("MKP-0000033-A", "1Z999AA10000003302", { carrierCode: "royal_mail" }),
    );
    expect(last).toEqual({ outcome: "pushed", carrierSent: "Royal Mail" });
    expect(count(ship)).toBe(before + 1);
    const seen = sandbox
      .state()
      .channels[CH]?.orders.find((o) => o.order_id === "MKP-0000033-A");
    expect(seen?.tracking[0]?.raw).toMatchObject({
      carrier_name: "Royal Mail",
      tracking_number: "1Z999AA10000003302",
    });
  });

  it("names the setting for a carrier it cannot map, before any call", async () => {
    const error = await connector
      .confirmPackage(
        pkg("MKP-0000031-A", "T-1", { carrierCode: "acme_courier" }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(
      `channels.${CH}.carrier.acme_courier`,
    );
  });

  it("uses the operator's carrier override", async () => {
    const custom = build([[`channels.${CH}.carrier.fedex`, "DHL"]]);
    const result = await custom.confirmPackage(
      pkg("MKP-0000031-A", "T-2", { carrierCode: "fedex" }),
    );
    expect(result).toEqual({ outcome: "pushed", carrierSent: "DHL" });
  });

  it("does not retry a 400 from OR23", async () => {
    const tracking = `${CH} PUT /api/orders/:orderId/tracking`;
    const custom = build([[`channels.${CH}.carrier.ups`, "NOT-REGISTERED"]]);
    const before = count(tracking);
    const order = scenario.orders.find((o) => o.order_id === "MKP-0009000-A");
    expect(order).toBeDefined();
    const error = await custom
      .confirmPackage(pkg("MKP-0009000-A", "T-3"))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).details).toMatchObject({
      status: 400,
      retryable: false,
    });
    expect((error as Error).message).toContain("order state SHIPPING");
    expect(count(tracking) - before).toBe(1);
  });

  it("publishes quantities in one STO01 import with per-SKU outcomes", async () => {
    const imports = `${CH} POST /api/offers/stock/imports`;
    const before = count(imports);
    const outcomes = await connector.publishQuantities([
      { sku: "LAMP-01", quantity: 3 },
      { sku: "MUG-BLUE", quantity: 0 },
      { sku: "GHOST-SKU", quantity: 4 },
    ]);
    expect(count(imports) - before).toBe(1);
    expect(outcomes).toEqual([
      { sku: "LAMP-01", status: "sent" },
      { sku: "MUG-BLUE", status: "sent" },
      expect.objectContaining({ sku: "GHOST-SKU", status: "refused" }),
    ]);
    expect(sandbox.state().channels[CH]?.quantities).toMatchObject({
      "LAMP-01": 3,
      "MUG-BLUE": 0,
    });
    expect(await connector.publishQuantities([])).toEqual([]);
  });

  it("reports every SKU failed when the import cannot be sent", async () => {
    sandbox.setFaults([
      { endpoint: `${CH} POST /api/offers/stock/imports`, kind: "503" },
    ]);
    const outcomes = await connector.publishQuantities([
      { sku: "LAMP-01", quantity: 1 },
    ]);
    expect(outcomes).toEqual([
      expect.objectContaining({
        sku: "LAMP-01",
        status: "failed",
        retryable: true,
      }),
    ]);
  });

  it("checks credentials with the bare shop key", async () => {
    const check = await connector.checkCredentials();
    expect(check.serverDate).toBeInstanceOf(Date);
    process.env.HUB_CHANNEL_MIRAKL_ACME_API_KEY = "wrong-key";
    try {
      const error = await build()
        .checkCredentials()
        .catch((e: unknown) => e);
      expect((error as UpstreamError).details.status).toBe(401);
    } finally {
      process.env.HUB_CHANNEL_MIRAKL_ACME_API_KEY =
        sandbox.env.HUB_CHANNEL_MIRAKL_ACME_API_KEY;
    }
  });
});
