import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Knex } from "knex";
import type { StatusReport } from "../../src/ops/status-report.js";
import { runHub } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let tdb: TestDatabase;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000);

const withDb = <T>(body: (knex: Knex) => Promise<T>): Promise<T> => tdb.query(body);

async function seed(knex: Knex): Promise<void> {
  const run = (
    command: string,
    status: string,
    minutes: number,
    error: string | null = null,
  ) => ({
    command,
    host: "test-host",
    pid: 1,
    status,
    error,
    started_at: ago(minutes + 1),
    ended_at: ago(minutes),
  });
  await knex("task_executions").insert([
    run("pull-orders", "succeeded", 3),
    run("push-tracking", "succeeded", 8),
    run("push-tracking", "failed", 4, "ShipStation answered 500"),
    run("allocate", "succeeded", 30),
  ]);
  await knex("configs").insert([
    {
      key: "channels.shop-a.kind",
      value: JSON.stringify("ebay"),
      updated_by: "test",
    },
    { key: "channels.shop-a.store_id", value: "7", updated_by: "test" },
  ]);
  await knex("sync_cursors").insert({
    channel: "shop-a",
    stream: "orders",
    cursor_at: ago(7),
  });
  const mapping = (id: string, status: string) => ({
    order_key: `shop-a:${id}`,
    channel: "shop-a",
    marketplace_order_id: id,
    status,
  });
  await knex("order_mappings").insert([
    mapping("1", "parked"),
    mapping("2", "parked"),
    mapping("3", "quarantined"),
    mapping("4", "sent"),
    mapping("5", "sent"),
    mapping("6", "sent"),
  ]);
  const quarantine = (id: string, reason: string, resolved: boolean) => ({
    order_key: `shop-a:q${id}`,
    channel: "shop-a",
    reason,
    resolved_at: resolved ? ago(1) : null,
  });
  await knex("order_quarantine").insert([
    quarantine("1", "line 1 has no SKU", false),
    quarantine("2", "line 1 has no SKU", false),
    quarantine("3", "quantity 0 on line 2", false),
    quarantine("4", "line 1 has no SKU", true),
  ]);
  const tracking = (id: string, status: string) => ({
    shipment_id: id,
    package_ref: id,
    order_key: "shop-a:4",
    channel: "shop-a",
    tracking_number: `1Z-TEST-${id}`,
    status,
  });
  await knex("tracking_returns").insert([
    tracking("s1", "pending"),
    tracking("s2", "pending"),
    tracking("s3", "failed"),
    tracking("s4", "dead_letter"),
    tracking("s5", "pushed"),
    tracking("s6", "mismatch"),
  ]);
  const publication = (
    sku: string,
    id: string,
    status: string,
    minutes: number,
  ) => ({
    channel: "shop-a",
    sku,
    publication_id: id,
    quantity: 3,
    status,
    created_at: ago(minutes),
  });
  await knex("inventory_publications").insert([
    publication("SKU-1", "p1", "failed", 20),
    publication("SKU-1", "p2", "sent", 10),
    publication("SKU-2", "p3", "failed", 10),
    publication("SKU-3", "p4", "refused", 10),
  ]);
  await knex("shadow_inventory").insert([
    {
      sku: "SKU-4",
      snapshot_available: 1,
      snapshot_at: ago(60),
      protection_state: "protected",
    },
    {
      sku: "SKU-5",
      snapshot_available: 9,
      snapshot_at: ago(60),
      protection_state: null,
    },
  ]);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.migrate();
  await withDb(seed);
});
afterAll(async () => {
  await tdb.drop();
});

async function status(args: string[] = []) {
  const run = await runHub(["status", "--json", ...args], tdb.env);
  return { run, report: JSON.parse(run.stdout) as StatusReport };
}

describe("hub status", () => {
  it("reports runs, cursors and backlog from the rows, and exits 1 on a dead letter", async () => {
    const { run, report } = await status();
    expect(run.code, run.stderr).toBe(1);
    expect(report.health).toBe("attention");
    expect(report.runs.map((r) => [r.command, r.status])).toEqual([
      ["allocate", "succeeded"],
      ["cleanup", "never"],
      ["pull-orders", "succeeded"],
      ["push-tracking", "failed"],
      ["rebalance", "never"],
    ]);
    const push = report.runs.find((r) => r.command === "push-tracking");
    expect(push?.error).toBe("ShipStation answered 500");
    expect(push?.ageMinutes).toBeGreaterThanOrEqual(4);
    expect(push?.ageMinutes).toBeLessThan(6);
    expect(report.cursors).toHaveLength(1);
    expect(report.cursors[0]).toMatchObject({
      channel: "shop-a",
      stream: "orders",
    });
    expect(report.cursors[0]?.lagMinutes).toBeGreaterThanOrEqual(7);
    expect(report.orders).toMatchObject({ parked: 2, quarantined: 1 });
    expect(report.orders.byStatus).toEqual({
      parked: 2,
      quarantined: 1,
      sent: 3,
    });
    expect(report.orders.quarantineReasons).toEqual([
      { channel: "shop-a", reason: "line 1 has no SKU", count: 2 },
      { channel: "shop-a", reason: "quantity 0 on line 2", count: 1 },
    ]);
    expect(report.tracking).toEqual({
      pending: 2,
      held: 0,
      failed: 1,
      deadLettered: 1,
      mismatched: 1,
    });
    expect(report.publications).toEqual({
      failed: 1,
      refused: 1,
      byChannel: [
        { channel: "shop-a", status: "failed", count: 1 },
        { channel: "shop-a", status: "refused", count: 1 },
      ],
    });
    expect(report.protectedSkus.map((p) => [p.sku, p.state])).toEqual([
      ["SKU-4", "protected"],
    ]);
    expect(report.watchdog).toEqual([]);
    expect(report.problems).toHaveLength(2);
    expect(report.problems[0]).toContain("1 tracking push(es) dead-lettered");
    expect(report.problems[1]).toContain("1 package(s) whose marketplace shows another tracking number");
  });

  it("exits 0 when nothing is dead-lettered and the watchdog is content", async () => {
    await withDb((knex) =>
      knex("tracking_returns")
        .whereIn("status", ["dead_letter", "mismatch"])
        .update({ status: "pushed" }),
    );
    const { run, report } = await status();
    expect(run.code, run.stderr).toBe(0);
    expect(report.health).toBe("ok");
    expect(report.problems).toEqual([]);
  });

  it("exits 1 and names the command when its last success is too old", async () => {
    await withDb((knex) =>
      knex("task_executions")
        .where({ command: "pull-orders" })
        .update({ ended_at: ago(45), started_at: ago(46) }),
    );
    const { run, report } = await status();
    expect(run.code).toBe(1);
    expect(
      report.watchdog.map((f) => [f.kind, f.subject, f.limitMinutes]),
    ).toEqual([["dead_man", "pull-orders", 10]]);
    expect(report.watchdog[0]?.ageMinutes).toBeGreaterThanOrEqual(45);
  });

  it("prints tables the operator can read", async () => {
    const run = await runHub(["status"], tdb.env);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    const row = (label: string) =>
      lines
        .find((l) => l.includes(label))
        ?.replace(/[│|]/g, " ")
        .trim()
        .split(/\s{2,}/);
    expect(row("orders parked")).toEqual(["orders parked", "2"]);
    expect(row("tracking pending")).toEqual(["tracking pending", "2"]);
    expect(row("publications refused")).toEqual(["publications refused", "1"]);
    expect(row("SKUs under protection")).toEqual([
      "SKUs under protection",
      "1",
    ]);
    expect(run.stdout).toMatch(/pull-orders last succeeded 4\dm ago/);
    expect(run.stdout).toContain("status: 1 problem(s)");
  });
});
