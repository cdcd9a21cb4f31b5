import type { Knex } from "knex";

/** An alert waiting in the outbox. */
export interface PendingAlert {
  id: number;
  alertKey: string;
  kind: string;
  subject: string;
  body: string;
  /** Channels already sent to on an earlier attempt. */
  delivered: string[];
  createdAt: Date;
}

/** Ids of alerts not yet delivered and not suppressed, oldest first. */
export async function pendingAlertIds(
  db: Knex,
  limit: number,
): Promise<number[]> {
  const rows = (await db("alert_log")
    .select("id")
    .whereNull("delivered_at")
    .andWhere({ suppressed: false })
    .orderBy("id")
    .limit(limit)) as Array<{ id: number | string }>;
  return rows.map((r) => Number(r.id));
}

/**
 * Locks one pending alert for this transaction. Undefined when it was
 * delivered meanwhile or another process is delivering it right now, so
 * two runs finishing at once never send the same alert twice.
 */
export async function claimAlert(
  trx: Knex.Transaction,
  id: number,
): Promise<PendingAlert | undefined> {
  const row = (await trx("alert_log")
    .where({ id, suppressed: false })
    .whereNull("delivered_at")
    .forUpdate()
    .skipLocked()
    .first()) as Record<string, unknown> | undefined;
  if (!row) return undefined;
  const delivered = Array.isArray(row.delivered)
    ? row.delivered.filter((d): d is string => typeof d === "string")
    : [];
  return {
    id,
    alertKey: String(row.alert_key),
    kind: String(row.kind),
    subject: String(row.subject),
    body: String(row.body),
    delivered,
    createdAt: new Date(row.created_at as string),
  };
}

/**
 * Records the channels an alert reached. `complete` closes it; otherwise
 * the channels still missing are tried by the next delivery.
 */
export async function recordAlertDelivery(
  trx: Knex.Transaction,
  id: number,
  delivered: readonly string[],
  complete: boolean,
): Promise<void> {
  await trx("alert_log")
    .where({ id })
    .update({
      delivered: JSON.stringify(delivered),
      delivered_at: complete ? trx.fn.now() : null,
    });
}
