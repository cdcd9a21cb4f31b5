import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Knex } from "knex";
import { Settings } from "../../src/config/settings.js";
import { planCleanup } from "../../src/ops/cleanup.js";
import { runHub } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const OLD = 100;
const RECENT = 10;

let tdb: TestDatabase;

const withDb = <T>(body: (knex: Knex) => Promise<T>): Promise<T> => tdb.query(body);

/** Each row carries a label in a free text column so survivors can be named. */
async function seed(knex: Knex): Promise<void> {
  const run = (
    label: string,
    command: string,
    status: string,
    days: number,
    ended = true,
  ) => ({
    command,
    status,
    host: label,
    pid: 1,
    started_at: daysAgo(days),
    ended_at: ended ? daysAgo(days) : null,
  });
  // Inserted in this order: ids grow with it.
  await knex("task_executions").insert(
    run("pull-old", "pull-orders", "succeeded", OLD),
  );
  await knex("task_executions").insert(
    run("pull-recent", "pull-orders", "succeeded", RECENT),
  );
  await knex("task_executions").insert(
    run("alloc-failed-1", "allocate", "failed", OLD + 2),
  );
  await knex("task_executions").insert(
    run("alloc-last-success", "allocate", "succeeded", OLD + 1),
  );
  await knex("task_executions").insert(
    run("alloc-last-run", "allocate", "failed", OLD),
  );
  await knex("task_executions").insert(
    run("rebalance-running", "rebalance", "running", OLD, false),
  );

  const event = (id: string, processed: number | null, received: number) => ({
    source: "shipstation",
    event_id: id,
    raw: "{}",
    received_at: daysAgo(received),
    processed_at: processed === null ? null : daysAgo(processed),
  });
  await knex("webhook_inbox").insert([
    event("ev-processed-old", OLD, OLD),
    event("ev-waiting-old", null, OLD),
    event("ev-processed-recent", RECENT, RECENT),
  ]);

  const publication = (
    id: string,
    sku: string,
    status: string,
    days: number,
  ) => ({
    channel: "shop-a",
    sku,
    publication_id: id,
    quantity: 4,
    status,
    created_at: daysAgo(days),
    sent_at: status === "sent" ? daysAgo(days) : null,
  });
  await knex("inventory_publications").insert([
    publication("p1", "SKU-1", "sent", OLD + 2),
    publication("p2", "SKU-1", "sent", OLD + 1),
    publication("p3", "SKU-2", "sent", OLD + 2),
    publication("p4", "SKU-2", "failed", OLD + 1),
    publication("p5", "SKU-3", "failed", OLD + 2),
    publication("p6", "SKU-3", "sent", OLD + 1),
    publication("p7", "SKU-4", "sent", OLD),
    publication("p8", "SKU-4", "sent", RECENT),
  ]);

  const alert = (key: string, days: number) => ({
    alert_key: key,
    kind: "run_failed",
    subject: "test",
    body: "test",
    created_at: daysAgo(days),
  });
  await knex("alert_log").insert([
    alert("alert-old", OLD),
    alert("alert-recent", RECENT),
  ]);

  const mapping = (key: string, status: string) => ({
    order_key: key,
    channel: "shop-a",
    marketplace_order_id: key.split(":")[1],
    status,
  });
  await knex("order_mappings").insert([
    mapping("shop-a:shipped", "shipped"),
    mapping("shop-a:open", "sent"),
  ]);

  const deduction = (key: string, line: string, closed: number | null) => ({
    order_key: key,
    line_id: line,
    channel: "shop-a",
    sku: "SKU-1",
    quantity: 1,
    opened_at: daysAgo(OLD + 5),
    closed_at: closed === null ? null : daysAgo(closed),
    close_reason: closed === null ? null : "shipped",
  });
  await knex("shadow_deductions").insert([
    deduction("shop-a:shipped", "L1", OLD),
    deduction("shop-a:shipped", "L2", RECENT),
    deduction("shop-a:open", "L1", OLD),
    deduction("shop-a:open", "L2", null),
  ]);

  const tracking = (id: string, key: string, status: string, days: number) => ({
    shipment_id: id,
    package_ref: id,
    order_key: key,
    channel: "shop-a",
    tracking_number: `1Z-TEST-${id}`,
    status,
    updated_at: daysAgo(days),
    created_at: daysAgo(days),
  });
  await knex("tracking_returns").insert([
    tracking("t-pushed-shipped", "shop-a:shipped", "pushed", OLD),
    tracking("t-dead-shipped", "shop-a:shipped", "dead_letter", OLD),
    tracking("t-pending-shipped", "shop-a:shipped", "pending", OLD),
    tracking("t-pushed-open", "shop-a:open", "pushed", OLD),
    tracking("t-pushed-recent", "shop-a:shipped", "pushed", RECENT),
  ]);

  const quarantine = (key: string, resolved: number | null) => ({
    order_key: key,
    channel: "shop-a",
    reason: "line 1 has no SKU",
    created_at: daysAgo(OLD + 5),
    resolved_at: resolved === null ? null : daysAgo(resolved),
  });
  await knex("order_quarantine").insert([
    quarantine("shop-a:q-resolved", OLD),
    quarantine("shop-a:q-open", null),
  ]);

  await knex("config_history").insert({
    key: "retention.days",
    old_value: null,
    new_value: "90",
    changed_by: "test",
    source: "operator",
    changed_at: daysAgo(OLD * 3),
  });
}

async function survivors(knex: Knex) {
  const labels = async (table: string, column: string) =>
    (
      (await knex(table).select(column).orderBy(column)) as Array<
        Record<string, unknown>
      >
    ).map((r) => String(r[column]));
  const deductions = (await knex("shadow_deductions")
    .select("order_key", "line_id")
    .orderBy(["order_key", "line_id"])) as Array<{
    order_key: string;
    line_id: string;
  }>;
  return {
    task_executions: await labels("task_executions", "host"),
    webhook_inbox: await labels("webhook_inbox", "event_id"),
    inventory_publications: await labels(
      "inventory_publications",
      "publication_id",
    ),
    // The watchdog runs after every run and may add dead-man alerts about
    // the old runs seeded here: only the seeded alerts are this test's.
    alert_log: (await labels("alert_log", "alert_key")).filter(
      (key) => !key.startsWith("dead_man:"),
    ),
    shadow_deductions: deductions.map((d) => `${d.order_key}#${d.line_id}`),
    tracking_returns: await labels("tracking_returns", "shipment_id"),
    order_quarantine: await labels("order_quarantine", "order_key"),
    config_history: await labels("config_history", "key"),
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.migrate();
  await withDb(seed);
});
afterAll(async () => {
  await tdb.drop();
});

const EXPECTED_DELETED = {
  task_executions: 2,
  webhook_inbox: 1,
  inventory_publications: 3,
  alert_log: 1,
  shadow_deductions: 1,
  tracking_returns: 2,
  order_quarantine: 1,
};

describe("hub cleanup", () => {
  it("--dry-run counts what would go and deletes nothing", async () => {
    const before = await withDb(survivors);
    const run = await runHub(["cleanup", "--dry-run", "--json"], tdb.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      deleted: Record<string, number>;
      dryRun: boolean;
    };
    expect(result.dryRun).toBe(true);
    expect(result.deleted).toEqual(EXPECTED_DELETED);
    const after = await withDb(survivors);
    // The dry run adds its own run record and nothing else.
    expect({ ...after, task_executions: before.task_executions }).toEqual(
      before,
    );
  });

  it("deletes only expired history and keeps every row still needed", async () => {
    const run = await runHub(["cleanup", "--json"], tdb.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      deleted: Record<string, number>;
      kept: Record<string, string>;
    };
    expect(result.deleted).toEqual(EXPECTED_DELETED);
    expect(result.kept.config_history).toContain("audit trail");
    const left = await withDb(survivors);
    // The dry run and this run are recorded under this host's name.
    const seeded = left.task_executions.filter((h) => h !== os.hostname());
    expect(seeded.sort()).toEqual([
      "alloc-last-run",
      "alloc-last-success",
      "pull-recent",
      "rebalance-running",
    ]);
    expect(left.webhook_inbox).toEqual([
      "ev-processed-recent",
      "ev-waiting-old",
    ]);
    expect(left.inventory_publications).toEqual(["p2", "p3", "p4", "p6", "p8"]);
    expect(left.alert_log).toEqual(["alert-recent"]);
    expect(left.shadow_deductions).toEqual([
      "shop-a:open#L1",
      "shop-a:open#L2",
      "shop-a:shipped#L2",
    ]);
    expect(left.tracking_returns).toEqual([
      "t-pending-shipped",
      "t-pushed-open",
      "t-pushed-recent",
    ]);
    expect(left.order_quarantine).toEqual(["shop-a:q-open"]);
    expect(left.config_history).toEqual(["retention.days"]);
  });

  it("a second run finds nothing more to delete", async () => {
    const run = await runHub(["cleanup", "--json"], tdb.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      deleted: Record<string, number>;
    };
    expect(Object.values(result.deleted).every((n) => n === 0)).toBe(true);
  });
});

describe("planCleanup", () => {
  it("keeps alerts for the whole quiet period even with a shorter retention", () => {
    const now = new Date("2026-12-10T00:00:00Z");
    const plan = planCleanup(
      Settings.fromEntries([
        ["retention.days", 1],
        ["alerts.quiet_minutes", 10080],
      ]),
      now,
    );
    expect(plan.cutoff.toISOString()).toBe("2026-12-09T00:00:00.000Z");
    expect(plan.alertCutoff.toISOString()).toBe("2026-12-03T00:00:00.000Z");
    const usual = planCleanup(Settings.fromEntries([]), now);
    expect(usual.retentionDays).toBe(90);
    expect(usual.alertCutoff).toEqual(usual.cutoff);
  });
});
