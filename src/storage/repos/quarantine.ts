import type { Knex } from "knex";

/** Keeps an order hub cannot send, with its reason and raw payload. */
export async function quarantineOrder(
  db: Knex,
  entry: { orderKey: string; channel: string; reason: string; raw: unknown },
): Promise<boolean> {
  const existing = await db("order_quarantine")
    .where({ order_key: entry.orderKey })
    .whereNull("resolved_at")
    .first("reason");
  const values = {
    channel: entry.channel,
    reason: entry.reason,
    raw: JSON.stringify(entry.raw ?? null),
    updated_at: db.fn.now(),
    resolved_at: null,
  };
  await db("order_quarantine")
    .insert({ order_key: entry.orderKey, ...values })
    .onConflict("order_key")
    .merge(values);
  return !existing || existing.reason !== entry.reason;
}

/** Marks an order's quarantine resolved (it became valid, or was cancelled). */
export async function resolveQuarantine(db: Knex, orderKey: string): Promise<void> {
  await db("order_quarantine")
    .where({ order_key: orderKey })
    .whereNull("resolved_at")
    .update({ resolved_at: db.fn.now() });
}

/** Resolves the open quarantine of any of these orders, in one statement. */
export async function resolveQuarantines(db: Knex, orderKeys: readonly string[]): Promise<void> {
  for (let i = 0; i < orderKeys.length; i += 1000) {
    await db("order_quarantine")
      .whereIn("order_key", orderKeys.slice(i, i + 1000))
      .whereNull("resolved_at")
      .update({ resolved_at: db.fn.now() });
  }
}
