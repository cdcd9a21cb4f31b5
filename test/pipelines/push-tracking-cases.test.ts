import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  ChannelConnector,
  ConfirmationResult,
  MarketplaceOrder,
  PackageConfirmation,
} from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { configureForScenario } from "../../src/demo/configure.js";
import { ConfigError, UpstreamError } from "../../src/errors.js";
import { createLogger } from "../../src/log/logger.js";
import { runPushTracking } from "../../src/pipelines/push-tracking/index.js";
import type { ShipmentSource, SourceOrder } from "../../src/pipelines/push-tracking/shipment-source.js";
import { packageOfShipment } from "../../src/pipelines/push-tracking/shipstation-source.js";
import type { ShippedPackage } from "../../src/pipelines/push-tracking/types.js";
import type { PipelineResult } from "../../src/runs/run-pipeline.js";
import { defaultScenario } from "../../src/sandbox/index.js";
import { toShipment } from "../../src/shipstation/records.js";
import { shipmentSchema } from "../../src/shipstation/wire.js";
import type { Database } from "../../src/storage/database.js";
import { seedDefaults } from "../../seeds/defaults.js";
import { caseJson } from "../cases/support/case-files.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

/**
 * The field cases, at the pipeline's boundary: ShipStation and the
 * marketplaces are fakes here; rows, alerts and calls are what is checked.
 */

let testDb: TestDatabase;
let db: Database;

/** A marketplace that answers what the test says and records each call. */
class FakeMarketplace {
  calls: PackageConfirmation[] = [];
  fetched: string[] = [];
  answer: (pkg: PackageConfirmation) => ConfirmationResult = () => ({
    outcome: "pushed",
    carrierSent: "UPS",
  });
  order: (id: string) => Partial<MarketplaceOrder> | undefined = () => undefined;

  connector(): ChannelConnector {
    const fail = (): never => {
      throw new Error("not used by push-tracking");
    };
    return {
      channel: { id: "x", kind: "amazon", enabled: true, ratio: 0, storeId: 0, values: {}, carriers: {} },
      fetchOrders: fail,
      publishQuantities: fail,
      checkCredentials: fail,
      fetchOrder: async (id) => {
        this.fetched.push(id);
        return this.order(id) as MarketplaceOrder | undefined;
      },
      confirmPackage: async (pkg) => {
        this.calls.push(pkg);
        return this.answer(pkg);
      },
    };
  }
}

class FakeShipStation implements ShipmentSource {
  labels: ShippedPackage[] = [];
  fulfillments: ShippedPackage[] = [];
  events = new Map<string, ShippedPackage[] | Error>();
  orders = new Map<number, SourceOrder>();
  windows: Array<{ since: Date; until: Date }> = [];

  async listShipments(since: Date, until: Date) {
    this.windows.push({ since, until });
    return this.labels;
  }
  async listFulfillments() {
    return this.fulfillments;
  }
  async shipmentsOfEvent(url: string) {
    const found = this.events.get(url);
    if (found instanceof Error) throw found;
    return found ?? [];
  }
  async getOrder(orderId: number) {
    return this.orders.get(orderId);
  }
}

let marketplaces: Record<string, FakeMarketplace>;
let source: FakeShipStation;
let brokenChannel: string | undefined;

/** A label as ShipStation sends it, through the real wire parsing. */
function label(wire: Record<string, unknown>): ShippedPackage {
  return packageOfShipment(
    toShipment(
      shipmentSchema.parse({
        createDate: "2024-05-06T08:00:00.0000000",
        voided: false,
        ...wire,
      }),
    ),
  );
}

async function addOrder(
  orderKey: string,
  shipstationOrderId: number,
  lines: Array<[string, string, number]>,
): Promise<void> {
  const [channel = "", id = ""] = orderKey.split(":");
  await db.knex("order_mappings").insert({
    order_key: orderKey,
    channel,
    marketplace_order_id: id,
    status: "sent",
    shipstation_order_id: shipstationOrderId,
    normalized: JSON.stringify({
      channel,
      orderId: id,
      lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })),
    }),
  });
  for (const [lineId, sku, quantity] of lines) {
    await db.knex("shadow_deductions").insert({ order_key: orderKey, line_id: lineId, channel, sku, quantity });
  }
}

async function run(now = new Date("2024-05-06T18:00:00Z")): Promise<PipelineResult> {
  const settings = await Settings.load(db.knex);
  return runPushTracking(
    {
      db,
      knex: db.knex,
      settings,
      logger: createLogger({ tty: false, verbose: false, silent: true }),
      runId: 0,
      dryRun: false,
      channels: [],
    },
    {
      source,
      connectors: (channel) => {
        if (channel.id === brokenChannel) throw new ConfigError(`${channel.id}: credentials missing`);
        const fake = marketplaces[channel.id] ?? new FakeMarketplace();
        marketplaces[channel.id] = fake;
        return fake.connector();
      },
      now: () => now,
    },
  );
}

async function returnOf(shipmentId: string) {
  return db.knex("tracking_returns").where({ shipment_id: shipmentId }).first();
}

function counts(result: PipelineResult, channel: string): Record<string, number> {
  const all = result.counts.channels as Record<string, Record<string, number>>;
  return all[channel] ?? {};
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.migrate();
  db = await testDb.open();
  await seedDefaults(db.knex, "test");
  await configureForScenario(db.knex, defaultScenario, "test");
});

afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

beforeEach(async () => {
  for (const table of ["tracking_returns", "order_mappings", "shadow_deductions", "alert_log", "webhook_inbox", "sync_cursors"]) {
    await db.knex(table).del();
  }
  marketplaces = { "amazon-us": new FakeMarketplace(), "ebay-us": new FakeMarketplace() };
  source = new FakeShipStation();
  brokenChannel = undefined;
});

describe("push-tracking field cases", () => {
  it("B07: a split child's shipment reaches the parent order; others are ignored", async () => {
    const key = "amazon-us:111-0000000-0000007";
    await addOrder(key, 9100, [
      ["10000000000071", "MUG-BLUE", 1],
      ["10000000000072", "PLATE-RED", 2],
    ]);
    source.labels = [
      label({
        shipmentId: 7101, orderId: 9100, orderKey: key, trackingNumber: "1Z999AA10000000701",
        carrierCode: "ups", advancedOptions: { storeId: 101 },
        shipmentItems: [{ lineItemKey: "10000000000071", sku: "MUG-BLUE", quantity: 1 }],
      }),
      label({
        shipmentId: 7102, orderId: 9101, orderKey: "a3f1c7e2-0000-0000-0000-000000009101",
        createDate: "2024-05-07T08:00:00.0000000", trackingNumber: "1Z999AA10000000702",
        carrierCode: "ups", advancedOptions: { storeId: 101 },
        shipmentItems: [{ lineItemKey: "10000000000072", sku: "PLATE-RED", quantity: 2 }],
      }),
      label({
        shipmentId: 7199, orderId: 9199, orderKey: "manual-0001", trackingNumber: "1Z999AA10000000799",
        carrierCode: "ups", advancedOptions: { storeId: 999 },
      }),
    ];
    source.orders.set(9101, { orderId: 9101, orderKey: "a3f1c7e2-0000-0000-0000-000000009101", parentId: 9100 });

    const result = await run();
    const calls = marketplaces["amazon-us"]?.calls ?? [];
    expect(calls.map((c) => [c.packageRef, c.trackingNumber, c.lines, c.completesOrder])).toEqual([
      ["7101", "1Z999AA10000000701", [{ lineId: "10000000000071", sku: "MUG-BLUE", quantity: 1 }], false],
      ["7102", "1Z999AA10000000702", [{ lineId: "10000000000072", sku: "PLATE-RED", quantity: 2 }], true],
    ]);
    const order = await db.knex("order_mappings").where({ order_key: key }).first();
    expect(order.status).toBe("shipped");
    expect(order.shipped_at).not.toBeNull();
    const deductions = await db.knex("shadow_deductions").where({ order_key: key });
    expect(deductions.every((d: { shipped_at: unknown }) => d.shipped_at !== null)).toBe(true);
    expect(Number((await db.knex("order_mappings").count({ n: "*" }))[0]?.n)).toBe(1);
    expect(counts(result, "(none)").ignored).toBe(1);
  });

  it("B03: reads from the cursor minus the overlap and pushes the Pacific instant with its offset", async () => {
    const key = "amazon-us:111-0000000-0000003";
    await addOrder(key, 9030, [["30000000000001", "MUG-RED", 1]]);
    await db.knex("sync_cursors").insert({ channel: "amazon-us", stream: "shipments", cursor_at: new Date("2024-11-03T08:20:00Z") });
    for (const c of ["ebay-us", "mirakl-acme", "rithum-main"]) {
      await db.knex("sync_cursors").insert({ channel: c, stream: "shipments", cursor_at: new Date("2024-11-03T09:00:00Z") });
    }
    source.labels = [
      label({
        shipmentId: 7030, orderId: 9030, orderKey: key, createDate: "2024-11-03T01:30:00.0000000",
        shipDate: "2024-11-03", trackingNumber: "9400100000000000000301", carrierCode: "stamps_com",
        serviceCode: "usps_ground_advantage",
      }),
    ];
    // The spring-forward gap parses too (B03.2).
    expect(label({ shipmentId: 7031, orderId: 9031, createDate: "2024-03-10T02:30:00.0000000" }).createdAt)
      .toEqual(new Date("2024-03-10T10:30:00Z"));

    const now = new Date("2024-11-03T10:05:00Z");
    await run(now);
    expect(source.windows[0]?.since).toEqual(new Date("2024-11-03T08:05:00Z"));
    expect(marketplaces["amazon-us"]?.calls[0]?.shipDate).toBe("2024-11-03T01:30:00-07:00");
    const cursor = await db.knex("sync_cursors").where({ channel: "amazon-us", stream: "shipments" }).first();
    expect(new Date(cursor.cursor_at)).toEqual(now);
  });

  it("B18: already shipped on the marketplace counts as done and is not retried", async () => {
    const key = "amazon-us:111-0000000-0000018";
    await addOrder(key, 9180, [["18000000000001", "LAMP-01", 1]]);
    source.labels = [label({ shipmentId: 7180, orderId: 9180, orderKey: key, trackingNumber: "9400100000000000001801", carrierCode: "stamps_com" })];
    const amazon = marketplaces["amazon-us"] as FakeMarketplace;
    amazon.answer = () => ({ outcome: "already_done", carrierSent: "USPS" });
    const first = await run();
    expect(first.status).toBe("succeeded");
    expect(counts(first, "amazon-us").already_done).toBe(1);
    expect((await returnOf("7180")).status).toBe("already_done");
    await run();
    expect(amazon.calls).toHaveLength(1);
  });

  it("B18.3: a different tracking on the marketplace is a mismatch with an alert", async () => {
    const key = "amazon-us:111-0000000-0000019";
    await addOrder(key, 9190, [["19000000000001", "LAMP-01", 1]]);
    source.labels = [label({ shipmentId: 7190, orderId: 9190, orderKey: key, trackingNumber: "1Z999AA10000001901", carrierCode: "ups" })];
    (marketplaces["amazon-us"] as FakeMarketplace).answer = () => ({
      outcome: "mismatch", carrierSent: "UPS", existingTracking: "1Z999AA10000001999",
    });
    const result = await run();
    expect(counts(result, "amazon-us")).toMatchObject({ mismatch: 1, already_done: 0 });
    const row = await returnOf("7190");
    expect(row.status).toBe("mismatch");
    expect(row.last_error).toContain("1Z999AA10000001999");
    const alerts = await db.knex("alert_log").where({ kind: "tracking_mismatch" });
    expect(alerts).toHaveLength(1);
  });

  it("B17/B21: a permanent refusal is dead-lettered at once with the reason", async () => {
    const key = "amazon-us:111-0000000-0000017";
    await addOrder(key, 9170, [["17000000000001", "MUG-BLUE", 1]]);
    source.labels = [label({ shipmentId: 7170, orderId: 9170, orderKey: key, trackingNumber: "1Z999AA10000001701", carrierCode: "ups" })];
    (marketplaces["amazon-us"] as FakeMarketplace).answer = () => {
      throw new UpstreamError("InvalidInput: invalid type [packageDetail.packageReferenceId]", {
        api: "amazon-us", status: 400, code: "InvalidInput", retryable: false,
      });
    };
    const result = await run();
    expect(result.status).toBe("partial");
    const row = await returnOf("7170");
    expect(row.status).toBe("dead_letter");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toContain("packageDetail.packageReferenceId");
    expect(await db.knex("alert_log").where({ kind: "dead_letter" })).toHaveLength(1);
    await run();
    expect(marketplaces["amazon-us"]?.calls).toHaveLength(1);
  });

  it("B21: an unmapped carrier leaves the push pending with the message, attempts untouched", async () => {
    const key = "ebay-us:23-00000-00021";
    await addOrder(key, 9210, [["100000000210", "LAMP-01", 1]]);
    source.labels = [label({ shipmentId: 7210, orderId: 9210, orderKey: key, trackingNumber: "1Z999AA10000002101", carrierCode: "acme_freight" })];
    const ebay = marketplaces["ebay-us"] as FakeMarketplace;
    ebay.answer = (pkg) => {
      throw new ConfigError(`no eBay carrier for ShipStation carrier "${pkg.carrierCode}": set channels.ebay-us.carrier.${pkg.carrierCode}`);
    };
    const result = await run();
    expect(result.status).toBe("partial");
    expect(counts(result, "ebay-us").failed).toBe(1);
    const row = await returnOf("7210");
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(0);
    expect(row.last_error).toContain("acme_freight");
    ebay.answer = () => ({ outcome: "pushed", carrierSent: "Other" });
    source.labels = [];
    const again = await run();
    expect(again.status).toBe("succeeded");
    expect((await returnOf("7210")).status).toBe("pushed");
  });

  it("B26: a deferred push waits for its backoff instead of a tight loop", async () => {
    const key = "mirakl-acme:MKP-0000026-A";
    await addOrder(key, 9260, [["MKP-0000026-A-1", "RUG-SMALL", 1]]);
    source.labels = [label({ shipmentId: 7260, orderId: 9260, orderKey: key, trackingNumber: "1Z999AA10000002601", carrierCode: "ups" })];
    const mirakl = new FakeMarketplace();
    marketplaces["mirakl-acme"] = mirakl;
    mirakl.answer = () => {
      throw new UpstreamError("order MKP-0000026-A is WAITING_ACCEPTANCE: shipped before it was accepted", {
        api: "mirakl-acme", retryable: true,
      });
    };
    const now = new Date("2024-05-06T18:00:00Z");
    await run(now);
    const row = await returnOf("7260");
    expect(row.status).toBe("failed");
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(now.getTime());
    await run(new Date(now.getTime() + 60_000));
    expect(mirakl.calls).toHaveLength(1);
    await run(new Date(now.getTime() + 24 * 3_600_000));
    expect(mirakl.calls).toHaveLength(2);
    expect((await returnOf("7260")).attempts).toBe(2);
  });

  it("B06: a label voided after its push is recorded, alerted, and its replacement pushed in its place", async () => {
    const key = "ebay-us:23-00000-00006";
    await addOrder(key, 9060, [["10000000000060", "LAMP-01", 1]]);
    const shipments = (file: string) =>
      caseJson<{ shipments: Array<Record<string, unknown>> }>("B06", file).shipments.map(label);
    const ebay = marketplaces["ebay-us"] as FakeMarketplace;

    source.labels = shipments("run1-shipments.json");
    await run();
    expect(ebay.calls.map((c) => c.trackingNumber)).toEqual(["9400100000000000000601"]);
    expect((await db.knex("order_mappings").where({ order_key: key }).first()).status).toBe("shipped");

    source.labels = shipments("run2-shipments.json");
    const second = await run();
    expect(second.status).toBe("succeeded");
    // B06.1/2: the voided label is never sent again; the replacement is,
    // naming the voided tracking it ships in place of.
    expect(ebay.calls.slice(1).map((c) => [c.packageRef, c.trackingNumber, c.carrierCode, c.lines, c.completesOrder, c.replacesTracking])).toEqual([
      ["7061", "1Z999AA10000000661", "ups", [{ lineId: "10000000000060", sku: "LAMP-01", quantity: 1 }], true, ["9400100000000000000601"]],
    ]);
    expect((await returnOf("7060")).voided_at).not.toBeNull();
    expect((await returnOf("7061")).status).toBe("pushed");
    const alerts = await db.knex("alert_log").where({ kind: "voided_after_push" });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain("9400100000000000000601");
    expect(alerts[0].body).toContain("may still show");
    expect((await db.knex("order_mappings").where({ order_key: key }).first()).status).toBe("shipped");

    await run();
    expect(ebay.calls).toHaveLength(2);
  });

  it("a run killed after a push but before the order's update is finished by the next run", async () => {
    const key = "amazon-us:111-0000000-0000077";
    await addOrder(key, 9770, [["77000000000001", "MUG-BLUE", 1]]);
    source.labels = [label({ shipmentId: 7770, orderId: 9770, orderKey: key, trackingNumber: "1Z999AA10000007701", carrierCode: "ups" })];
    await run();
    const amazon = marketplaces["amazon-us"] as FakeMarketplace;
    expect(amazon.calls).toHaveLength(1);
    // What a SIGKILL between the push and the order's update leaves behind.
    await db.knex("order_mappings").where({ order_key: key }).update({ status: "sent", shipped_at: null });
    await db.knex("shadow_deductions").where({ order_key: key }).update({ shipped_at: null });

    await run();
    expect(amazon.calls).toHaveLength(1);
    expect((await db.knex("order_mappings").where({ order_key: key }).first()).status).toBe("shipped");
    const deductions = await db.knex("shadow_deductions").where({ order_key: key });
    expect(deductions.every((d: { shipped_at: unknown }) => d.shipped_at !== null)).toBe(true);
  });

  it("B24: an eBay order with a cancel request is held, not pushed", async () => {
    const key = "ebay-us:12-00001-00003";
    await addOrder(key, 9240, [["110000000004", "CLOCK-WALL", 1]]);
    source.labels = [label({ shipmentId: 7240, orderId: 9240, orderKey: key, trackingNumber: "1Z999AA10000002401", carrierCode: "ups" })];
    const ebay = marketplaces["ebay-us"] as FakeMarketplace;
    ebay.order = () => ({ state: "cancel_requested" });
    await run();
    expect(ebay.fetched).toEqual(["12-00001-00003"]);
    expect(ebay.calls).toHaveLength(0);
    expect((await returnOf("7240")).status).toBe("held");
    expect(await db.knex("alert_log").where({ kind: "cancel_after_ship" })).toHaveLength(1);
  });

  it("one channel that cannot connect does not stop the others", async () => {
    await addOrder("amazon-us:111-0000000-0000031", 9310, [["31", "MUG-BLUE", 1]]);
    await addOrder("ebay-us:12-00000-00031", 9311, [["32", "LAMP-01", 1]]);
    source.labels = [
      label({ shipmentId: 7310, orderId: 9310, orderKey: "amazon-us:111-0000000-0000031", trackingNumber: "1Z999AA10000003101", carrierCode: "ups" }),
      label({ shipmentId: 7311, orderId: 9311, orderKey: "ebay-us:12-00000-00031", trackingNumber: "1Z999AA10000003102", carrierCode: "ups" }),
    ];
    brokenChannel = "amazon-us";
    const result = await run();
    expect(result.status).toBe("partial");
    expect((await returnOf("7310")).status).toBe("pending");
    expect((await returnOf("7311")).status).toBe("pushed");
  });

  it("reads waiting shipment events and fulfillments; marks events processed", async () => {
    await addOrder("amazon-us:111-0000000-0000041", 9410, [["41", "MUG-BLUE", 2]]);
    await addOrder("ebay-us:12-00000-00042", 9420, [["42", "LAMP-01", 1], ["43", "FRAME-A4", 1]]);
    const url = "http://127.0.0.1:1/shipstation/shipments?batchId=7&includeShipmentItems=False";
    const foreign = "https://attacker.example.invalid/shipments";
    source.events.set(url, [label({ shipmentId: 7410, orderId: 9410, orderKey: "amazon-us:111-0000000-0000041", trackingNumber: "1Z999AA10000004101", carrierCode: "ups" })]);
    source.events.set(foreign, new UpstreamError("refusing to follow", { api: "shipstation", retryable: false }));
    for (const [i, u] of [url, foreign].entries()) {
      await db.knex("webhook_inbox").insert({
        source: "shipstation", event_id: `e${i}`, resource_type: "SHIP_NOTIFY",
        raw: JSON.stringify({ resource_url: u, resource_type: "SHIP_NOTIFY" }),
        payload: JSON.stringify({ resource_url: u, resource_type: "SHIP_NOTIFY" }),
      });
    }
    source.fulfillments = [{
      ...label({ shipmentId: 1, orderId: 9420, trackingNumber: "9400100000000000004201", carrierCode: "USPS" }),
      shipmentKey: "f501", packageRef: "501", source: "fulfillment", orderKey: undefined,
      storeId: undefined, items: [], carrierCode: "usps",
    }];
    await run();
    expect(marketplaces["amazon-us"]?.calls.map((c) => c.lines)).toEqual([[{ lineId: "41", sku: "MUG-BLUE", quantity: 2 }]]);
    expect(marketplaces["ebay-us"]?.calls.map((c) => [c.packageRef, c.lines.length, c.completesOrder])).toEqual([["501", 2, true]]);
    const events = await db.knex("webhook_inbox").orderBy("event_id");
    expect(events.map((e: { processed_at: unknown }) => e.processed_at !== null)).toEqual([true, true]);
    expect(events[1].last_error).toContain("refusing");
  });
});
