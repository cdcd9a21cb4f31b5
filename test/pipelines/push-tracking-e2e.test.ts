import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import { pushTrackingCommand } from "../../commands/push-tracking.js";
import type { CommandOutcome } from "../../src/cli/context.js";
import type { Knex } from "knex";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { runCommandInProcess } from "../support/in-process.js";

/**
 * The whole loop on the sandbox: pull-orders puts the marketplace orders
 * into the ShipStation stand-in, the stand-in ships them, push-tracking
 * brings the tracking back to each marketplace stand-in.
 */

let world: HubWorld;

async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${world.sandbox.url}/_sandbox${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface ShipmentView {
  shipmentId: number;
  orderKey: string;
}

async function ship(orderKey: string, packages: unknown[]): Promise<ShipmentView[]> {
  const answer = await control("/shipstation/ship", { orderKey, packages });
  return answer.shipments as ShipmentView[];
}

function push(globals: { dryRun?: boolean } = {}): Promise<CommandOutcome> {
  return runCommandInProcess(pushTrackingCommand, world.db.target, {}, globals);
}

const withDb = <T>(body: (knex: Knex) => Promise<T>): Promise<T> => world.db.query(body);

/** Tracking a marketplace stand-in received for one order. */
function trackingOf(channel: string, orderId: string) {
  const order = world.sandbox
    .state()
    .channels[channel]?.orders.find((o) => o.order_id === orderId);
  return (order?.tracking ?? []).map((t) => ({
    tracking: t.tracking_number,
    lines: t.lines,
  }));
}

/** Writes to marketplaces (confirmations), tokens not included. */
function marketplaceWrites(): number {
  const channels = Object.keys(world.sandbox.state().channels);
  return Object.entries(world.sandbox.state().requests)
    .filter(([key]) => {
      const [mount, method, path = ""] = key.split(" ");
      return (
        channels.includes(mount ?? "") &&
        method !== "GET" &&
        !/token|oauth|bulk_update|listings|feeds|offers|stock|ws\/api/i.test(path)
      );
    })
    .reduce((sum, [, n]) => sum + n, 0);
}

interface MappingRow {
  order_key: string;
  marketplace_order_id: string;
  status: string;
  normalized: unknown;
}

async function mapping(orderKey: string): Promise<MappingRow> {
  return withDb(async (knex) => {
    const row = (await knex("order_mappings")
      .where({ order_key: orderKey })
      .first()) as MappingRow | undefined;
    if (!row) throw new Error(`no mapping ${orderKey}`);
    return row;
  });
}

function linesOf(row: MappingRow): Array<{ lineId: string; sku: string; quantity: number }> {
  const n = (typeof row.normalized === "string"
    ? JSON.parse(row.normalized)
    : row.normalized) as { lines: Array<{ lineId: string; sku: string; quantity: number }> };
  return n.lines;
}

/** The packages that did not end well, for assertion messages. */
function problems(outcome: CommandOutcome): string {
  const result = outcome.result as { packages?: Array<{ result: string }> };
  return JSON.stringify(
    (result.packages ?? []).filter((p) => !["pushed", "already_done", "voided"].includes(p.result)),
  );
}

/** Tracking with this number, on whichever order of the channel holds it. */
function trackingByNumber(channel: string, number: string) {
  return (world.sandbox.state().channels[channel]?.orders ?? [])
    .flatMap((o) => o.tracking)
    .filter((t) => t.tracking_number === number)
    .map((t) => ({ tracking: t.tracking_number, lines: t.lines }));
}

/** The first order of a channel hub sent to ShipStation and not shipped. */
async function firstSent(channel: string): Promise<string> {
  return withDb(async (knex) => {
    const row = (await knex("order_mappings")
      .where({ channel, status: "sent" })
      .orderBy("order_key")
      .first()) as { order_key: string } | undefined;
    if (!row) throw new Error(`no sent order on ${channel}`);
    return row.order_key;
  });
}

function channelCounts(outcome: CommandOutcome): Record<string, Record<string, number>> {
  const result = outcome.result as { counts: { channels: Record<string, Record<string, number>> } };
  return result.counts.channels;
}

const MIRAKL_EXTRA = "MKP-000190-A";
const AMAZON_EXTRA = "111-0000000-0000190";

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
  await control("/orders", {
    channel: "mirakl-acme",
    order_id: MIRAKL_EXTRA,
    status: "unshipped",
    created_at: new Date(Date.now() - 3_600_000).toISOString(),
    currency: "EUR",
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Example City",
      postal_code: "10115",
      country: "DE",
      phone: "555-0100",
    },
    lines: [{ sku: "TOWEL-HAND", quantity: 2, unit_price: "8.00" }],
  });
  await control("/orders", {
    channel: "amazon-us",
    order_id: AMAZON_EXTRA,
    status: "unshipped",
    created_at: new Date(Date.now() - 3_600_000).toISOString(),
    currency: "USD",
    ship_to: {
      name: "Test Buyer",
      street1: "2 Example Street",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
      phone: "555-0100",
    },
    lines: [
      { line_id: "10000000000191", sku: "CUP-ESP", quantity: 1, unit_price: "13.00" },
      { line_id: "10000000000192", sku: "JAR-SET", quantity: 1, unit_price: "34.00" },
    ],
  });
  const pulled = await runCommandInProcess(pullOrdersCommand, world.db.target);
  expect(pulled.status).toBe("succeeded");
});

afterAll(async () => {
  await world?.close();
});

describe("push-tracking on the sandbox", () => {
  it("pushes each package with its own lines to each marketplace", async () => {
    // Single package, every unit (no items given).
    await ship("amazon-us:111-0000000-0000101", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000101" },
    ]);
    // Split inside ShipStation (B07): the child has a new key and parentId.
    const split = await control("/shipstation/split", {
      orderKey: "amazon-us:111-0000000-0000103",
      items: [{ sku: "TOWEL-BATH", quantity: 1 }],
    });
    const child = split.order as { orderKey: string; advancedOptions: { parentId: number } };
    expect(child.advancedOptions.parentId).toBeGreaterThan(0);
    await ship("amazon-us:111-0000000-0000103", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000103" },
    ]);
    await ship(child.orderKey, [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000104" },
    ]);
    // Two packages of one eBay order.
    await ship("ebay-us:12-00001-00001", [
      {
        items: [{ sku: "CANDLE-VAN", quantity: 2 }],
        carrierCode: "stamps_com",
        trackingNumber: "9400100000000000000011",
      },
      {
        items: [{ sku: "FRAME-A4", quantity: 1 }],
        carrierCode: "ups",
        trackingNumber: "1Z999AA10000000012",
      },
    ]);
    // A label voided before any push, then a new one (B06.3).
    const [first] = await ship("ebay-us:12-00001-00002", [
      { carrierCode: "stamps_com", trackingNumber: "9400100000000000000021" },
    ]);
    await control("/shipstation/void", { shipmentId: first?.shipmentId });
    await ship("ebay-us:12-00001-00002", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000022" },
    ]);
    // Partial: one line of a two-line Amazon order.
    await ship(`amazon-us:${AMAZON_EXTRA}`, [
      {
        items: [{ sku: "CUP-ESP", quantity: 1 }],
        carrierCode: "ups",
        trackingNumber: "1Z999AA10000000190",
      },
    ]);
    // Rithum: the whole order in one package.
    const rithumKey = await firstSent("rithum-main");
    await ship(rithumKey, [
      {
        carrierCode: "fedex",
        serviceCode: "fedex_ground",
        trackingNumber: "794600000000001",
      },
    ]);
    const rithumLines = Object.fromEntries(
      linesOf(await mapping(rithumKey)).map((l) => [l.lineId, l.quantity]),
    );
    // Mirakl: one package.
    await ship("mirakl-acme:MKP-000102-A", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000302" },
    ]);

    const outcome = await push();
    expect(outcome.status, problems(outcome)).toBe("succeeded");

    expect(trackingOf("amazon-us", "111-0000000-0000101")).toEqual([
      {
        tracking: "1Z999AA10000000101",
        lines: { "10000000000101": 2, "10000000000102": 1 },
      },
    ]);
    expect(trackingOf("amazon-us", "111-0000000-0000103")).toEqual(
      expect.arrayContaining([
        { tracking: "1Z999AA10000000103", lines: { "10000000000104": 2 } },
        { tracking: "1Z999AA10000000104", lines: { "10000000000104": 1 } },
      ]),
    );
    expect(trackingOf("amazon-us", "111-0000000-0000103")).toHaveLength(2);
    expect(trackingOf("ebay-us", "12-00001-00001")).toEqual(
      expect.arrayContaining([
        { tracking: "9400100000000000000011", lines: { "110000000001": 2 } },
        { tracking: "1Z999AA10000000012", lines: { "110000000002": 1 } },
      ]),
    );
    expect(trackingOf("ebay-us", "12-00001-00001")).toHaveLength(2);
    expect(trackingOf("ebay-us", "12-00001-00002")).toEqual([
      { tracking: "1Z999AA10000000022", lines: { "110000000003": 2 } },
    ]);
    expect(trackingOf("amazon-us", AMAZON_EXTRA)).toEqual([
      { tracking: "1Z999AA10000000190", lines: { "10000000000191": 1 } },
    ]);
    // The stand-in reports its own line ids: units are compared.
    const onRithum = trackingByNumber("rithum-main", "794600000000001");
    expect(onRithum).toHaveLength(1);
    expect(Object.values(onRithum[0]?.lines ?? {}).sort()).toEqual(
      Object.values(rithumLines).sort(),
    );
    const mirakl = trackingOf("mirakl-acme", "MKP-000102-A");
    expect(mirakl.map((t) => t.tracking)).toEqual(["1Z999AA10000000302"]);

    for (const key of [
      "amazon-us:111-0000000-0000101",
      "amazon-us:111-0000000-0000103",
      "ebay-us:12-00001-00001",
      "ebay-us:12-00001-00002",
      "mirakl-acme:MKP-000102-A",
      rithumKey,
    ]) {
      expect((await mapping(key)).status, key).toBe("shipped");
    }
    const partial = `amazon-us:${AMAZON_EXTRA}`;
    expect((await mapping(partial)).status).toBe("partially_shipped");

    await withDb(async (knex) => {
      const voided = await knex("tracking_returns")
        .where({ shipment_id: String(first?.shipmentId) })
        .first();
      expect(voided.status).toBe("voided");
      expect(voided.pushed_at).toBeNull();
      const shipped = await knex("shadow_deductions")
        .where({ order_key: "amazon-us:111-0000000-0000101" })
        .select("shipped_at");
      expect(shipped.length).toBeGreaterThan(0);
      for (const d of shipped) expect(d.shipped_at).not.toBeNull();
      const open = await knex("shadow_deductions")
        .where({ order_key: partial })
        .select("shipped_at");
      expect(open.length).toBeGreaterThan(0);
      for (const d of open) expect(d.shipped_at).toBeNull();
      const cursor = await knex("sync_cursors")
        .where({ channel: "amazon-us", stream: "shipments" })
        .first();
      expect(cursor).toBeTruthy();
    });
    expect(channelCounts(outcome)["amazon-us"]?.pushed).toBe(4);
    expect(channelCounts(outcome)["ebay-us"]?.pushed).toBe(3);
  });

  it("pushes nothing on a second run", async () => {
    const before = marketplaceWrites();
    const outcome = await push();
    expect(outcome.status, problems(outcome)).toBe("succeeded");
    expect(marketplaceWrites()).toBe(before);
    for (const counts of Object.values(channelCounts(outcome))) {
      expect(counts.pushed).toBe(0);
      expect(counts.failed).toBe(0);
    }
  });

  it("records a void after push, alerts, and pushes the replacement (B06)", async () => {
    const state = world.sandbox.state().shipstation.shipments as Array<{
      shipmentId: number;
      orderKey: string;
      voided: boolean;
    }>;
    const pushed = state.find(
      (s) => s.orderKey === "ebay-us:12-00001-00002" && !s.voided,
    );
    await control("/shipstation/void", { shipmentId: pushed?.shipmentId });
    await ship("ebay-us:12-00001-00002", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000023" },
    ]);
    // Mirakl keeps one tracking per order: the replacement corrects it.
    const miraklLabel = state.find(
      (s) => s.orderKey === "mirakl-acme:MKP-000102-A" && !s.voided,
    );
    await control("/shipstation/void", { shipmentId: miraklLabel?.shipmentId });
    await ship("mirakl-acme:MKP-000102-A", [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000303" },
    ]);
    const outcome = await push();
    expect(outcome.status, problems(outcome)).toBe("succeeded");
    const packages = (
      outcome.result as { packages: Array<{ shipmentKey: string; result: string }> }
    ).packages;
    expect(packages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shipmentKey: String(pushed?.shipmentId), result: "voided_after_push" }),
        expect.objectContaining({
          result: "pushed",
          detail: "in place of voided tracking 1Z999AA10000000022, which ebay-us may still show",
        }),
      ]),
    );
    // eBay now holds the replacement beside the voided number (which only a
    // person can take off the listing), each once.
    expect(trackingOf("ebay-us", "12-00001-00002")).toEqual([
      { tracking: "1Z999AA10000000022", lines: { "110000000003": 2 } },
      { tracking: "1Z999AA10000000023", lines: { "110000000003": 2 } },
    ]);
    expect(trackingOf("mirakl-acme", "MKP-000102-A").map((t) => t.tracking)).toEqual([
      "1Z999AA10000000302",
      "1Z999AA10000000303",
    ]);
    await withDb(async (knex) => {
      const alerts = await knex("alert_log").where({ kind: "voided_after_push" });
      expect(alerts).toHaveLength(2);
      expect(alerts.map((a: { body: string }) => a.body).join("\n")).toContain("1Z999AA10000000022");
      const row = await knex("tracking_returns")
        .where({ shipment_id: String(pushed?.shipmentId) })
        .first();
      expect(row.voided_at).not.toBeNull();
    });
    expect((await mapping("ebay-us:12-00001-00002")).status).toBe("shipped");
  });

  it("dry run lists the pushes and sends and writes nothing", async () => {
    const rithumKey = await firstSent("rithum-main");
    await ship(rithumKey, [
      {
        carrierCode: "ups",
        serviceCode: "ups_ground",
        trackingNumber: "1Z999AA10000000401",
      },
    ]);
    await ship(`mirakl-acme:${MIRAKL_EXTRA}`, [
      { carrierCode: "ups", trackingNumber: "1Z999AA10000000390" },
    ]);
    const writes = marketplaceWrites();
    const rows = await withDb(async (knex) => knex("tracking_returns").count({ n: "*" }));
    const outcome = await push({ dryRun: true });
    const plan = (outcome.result as { plan: Array<{ orderKey: string; would: string }> }).plan;
    expect(plan).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderKey: rithumKey, would: "push" }),
        expect.objectContaining({ orderKey: `mirakl-acme:${MIRAKL_EXTRA}`, would: "push" }),
      ]),
    );
    expect(marketplaceWrites()).toBe(writes);
    const after = await withDb(async (knex) => knex("tracking_returns").count({ n: "*" }));
    expect(after).toEqual(rows);
  });

  it("retries a package a marketplace refused with 500, then dead-letters it once", async () => {
    const key = `mirakl-acme:${MIRAKL_EXTRA}`;
    world.sandbox.setFaults([{ endpoint: "mirakl-acme PUT", kind: "500" }]);
    // The CLI as cron runs it: exit 1, the others still pushed.
    const failedAt = Date.now();
    const first = await runHub(["push-tracking", "--json"], world.env);
    expect(first.code).toBe(1);
    const json = JSON.parse(first.stdout) as { status: string; counts: { channels: Record<string, Record<string, number>> } };
    expect(json.status).toBe("partial");
    expect(json.counts.channels["mirakl-acme"]?.failed).toBe(1);
    expect(json.counts.channels["rithum-main"]?.pushed).toBe(1);
    expect(trackingOf("mirakl-acme", MIRAKL_EXTRA)).toEqual([]);

    const row = async () =>
      withDb(async (knex) =>
        knex("tracking_returns").where({ order_key: key }).first(),
      );
    expect((await row()).attempts).toBe(1);
    // A backoff of 10 vendor minutes: at the world's time scale, under a
    // real second, so the test holds the row back itself.
    expect(new Date((await row()).next_attempt_at).getTime()).toBeGreaterThan(failedAt);
    await withDb(async (knex) =>
      knex("tracking_returns")
        .where({ order_key: key })
        .update({ next_attempt_at: new Date(Date.now() + 3_600_000) }),
    );

    // Not due yet: the next run leaves it alone.
    const writes = marketplaceWrites();
    await push();
    expect(marketplaceWrites()).toBe(writes);
    expect((await row()).attempts).toBe(1);

    for (let attempt = 2; attempt <= 5; attempt++) {
      await withDb(async (knex) =>
        knex("tracking_returns")
          .where({ order_key: key })
          .update({ next_attempt_at: new Date(Date.now() - 1000) }),
      );
      const outcome = await push();
      expect(outcome.status, problems(outcome)).toBe("partial");
      expect((await row()).attempts).toBe(attempt);
    }
    expect((await row()).status).toBe("dead_letter");
    await withDb(async (knex) => {
      const alerts = await knex("alert_log").where({ kind: "dead_letter" });
      expect(alerts).toHaveLength(1);
      expect(alerts[0].subject).toContain(key);
    });

    world.sandbox.clearFaults();
    const after = marketplaceWrites();
    const last = await push();
    expect(last.status, problems(last)).toBe("succeeded");
    expect(marketplaceWrites()).toBe(after);
    expect((await mapping(key)).status).toBe("sent");
  });
});
