import type { Knex } from "knex";
import { asCount } from "./status-values.js";

/** Where one cleanup rule applies: its table and which rows may go. */
export interface CleanupRule {
  table: string;
  /** Narrows a query on `table` to the rows old enough and no longer needed. */
  where: (query: Knex.QueryBuilder, db: Knex) => Knex.QueryBuilder;
}

/**
 * Orders hub has finished with: nothing will be sent, deducted or pushed
 * for them again. Everything else is open.
 */
const FINISHED_ORDERS = [
  "shipped",
  "cancelled",
  "cancelled_after_ship",
  "ignored",
];

/** Tracking returns that will never be pushed again. */
const SETTLED_RETURNS = [
  "pushed",
  "already_done",
  "mismatch",
  "dead_letter",
  "voided",
];

/** Counts the rows a rule would delete. */
export async function countExpired(
  db: Knex,
  rule: CleanupRule,
): Promise<number> {
  const row = (await rule
    .where(db(rule.table), db)
    .count({ n: "*" })
    .first()) as { n?: unknown } | undefined;
  return asCount(row?.n);
}

/** Deletes the rows of a rule; returns how many went. */
export async function deleteExpired(
  db: Knex,
  rule: CleanupRule,
): Promise<number> {
  const result: unknown = await rule.where(db(rule.table), db).del();
  return deletedCount(result);
}

/**
 * The pg driver answers a delete with a number; the embedded driver with
 * its raw result object, which carries the count as affectedRows.
 */
function deletedCount(result: unknown): number {
  if (typeof result === "number") return result;
  if (result && typeof result === "object") {
    const raw = result as { affectedRows?: unknown; rowCount?: unknown };
    return asCount(raw.affectedRows ?? raw.rowCount);
  }
  return 0;
}

/**
 * Ended runs, except the newest run and the newest success of each command:
 * `hub status` shows the one and the dead man's switch counts from the other.
 */
export function runsRule(cutoff: Date): CleanupRule {
  return {
    table: "task_executions",
    where: (q, db) =>
      q
        .whereNotNull("ended_at")
        .where("ended_at", "<", cutoff)
        .whereNotIn("id", db("task_executions").max("id").groupBy("command"))
        .whereNotIn(
          "id",
          db("task_executions")
            .max("id")
            .where({ status: "succeeded" })
            .groupBy("command"),
        ),
  };
}

/** Webhook events processed before the cutoff; waiting ones always stay. */
export function inboxRule(cutoff: Date): CleanupRule {
  return {
    table: "webhook_inbox",
    where: (q) =>
      q.whereNotNull("processed_at").where("processed_at", "<", cutoff),
  };
}

/**
 * Publication history. The newest row of a channel and SKU is what the
 * channel shows, and the newest `sent` row is what allocate compares with:
 * both stay however old they are.
 */
export function publicationsRule(cutoff: Date): CleanupRule {
  const newest = (db: Knex, order: string): Knex.QueryBuilder =>
    db("inventory_publications")
      .distinctOn("channel", "sku")
      .select("id")
      .orderBy([
        "channel",
        "sku",
        { column: order, order: "desc" },
        { column: "id", order: "desc" },
      ]);
  return {
    table: "inventory_publications",
    where: (q, db) =>
      q
        .where("created_at", "<", cutoff)
        .whereNotIn("id", newest(db, "created_at"))
        .whereNotIn("id", newest(db, "sent_at").where({ status: "sent" })),
  };
}

/** Alerts older than the cutoff (the caller keeps the quiet period). */
export function alertsRule(cutoff: Date): CleanupRule {
  return {
    table: "alert_log",
    where: (q) => q.where("created_at", "<", cutoff),
  };
}

/**
 * Closed deductions of finished orders. The ledger row is what stops a
 * re-read order from being deducted twice, so an open order keeps it.
 */
export function deductionsRule(cutoff: Date): CleanupRule {
  return {
    table: "shadow_deductions",
    where: (q, db) =>
      q
        .whereNotNull("closed_at")
        .where("closed_at", "<", cutoff)
        .whereIn("order_key", finishedOrderKeys(db)),
  };
}

/** Settled tracking returns of fully shipped orders. */
export function trackingRule(cutoff: Date): CleanupRule {
  return {
    table: "tracking_returns",
    where: (q, db) =>
      q
        .whereIn("status", SETTLED_RETURNS)
        .where("updated_at", "<", cutoff)
        .whereIn(
          "order_key",
          db("order_mappings").select("order_key").where({ status: "shipped" }),
        ),
  };
}

/** Quarantine entries resolved before the cutoff. */
export function quarantineRule(cutoff: Date): CleanupRule {
  return {
    table: "order_quarantine",
    where: (q) =>
      q.whereNotNull("resolved_at").where("resolved_at", "<", cutoff),
  };
}

function finishedOrderKeys(db: Knex): Knex.QueryBuilder {
  return db("order_mappings")
    .select("order_key")
    .whereIn("status", FINISHED_ORDERS);
}
