import type { Knex } from "knex";

/** One order line's units held back from shadow stock. */
export interface DeductionLine {
  orderKey: string;
  lineId: string;
  channel: string;
  sku: string;
  quantity: number;
}

/** `<order key>#<line id>` of every deduction these orders already have. */
export async function deductionKeys(
  db: Knex,
  orderKeys: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < orderKeys.length; i += 1000) {
    const rows = await db("shadow_deductions")
      .select("order_key", "line_id")
      .whereIn("order_key", orderKeys.slice(i, i + 1000));
    for (const r of rows as Array<{ order_key: string; line_id: string }>) {
      out.add(`${r.order_key}#${r.line_id}`);
    }
  }
  return out;
}

/**
 * Opens one deduction per order line. The unique key (order key, line)
 * makes a second pull of the same order deduct nothing more.
 */
export async function openDeductions(
  db: Knex,
  lines: readonly DeductionLine[],
): Promise<DeductionLine[]> {
  if (lines.length === 0) return [];
  const inserted = await db("shadow_deductions")
    .insert(
      lines.map((l) => ({
        order_key: l.orderKey,
        line_id: l.lineId,
        channel: l.channel,
        sku: l.sku,
        quantity: l.quantity,
      })),
    )
    .onConflict(["order_key", "line_id"])
    .ignore()
    .returning(["order_key", "line_id"]);
  const fresh = new Set(
    (inserted as Array<{ order_key: string; line_id: string }>).map((r) => `${r.order_key}#${r.line_id}`),
  );
  return lines.filter((l) => fresh.has(`${l.orderKey}#${l.lineId}`));
}

/**
 * Gives an order's units back: closes its open deductions (only the lines
 * named, if any). Closing is idempotent: a closed deduction stays closed.
 */
export async function closeOrderDeductions(
  db: Knex,
  orderKey: string,
  reason: "cancelled" | "refused",
  lineIds?: readonly string[],
): Promise<string[]> {
  const query = db("shadow_deductions")
    .where({ order_key: orderKey })
    .whereNull("closed_at");
  if (lineIds) query.whereIn("line_id", lineIds);
  const rows = await query
    .update({ closed_at: db.fn.now(), close_reason: reason })
    .returning("sku");
  return (rows as Array<{ sku: string }>).map((r) => r.sku);
}

/** Shadow available per SKU: last snapshot minus open deductions. */
export async function shadowAvailableOf(
  db: Knex,
  skus: readonly string[],
): Promise<Map<string, number>> {
  if (skus.length === 0) return new Map();
  const rows = await db("shadow_inventory as s")
    .select("s.sku", "s.snapshot_available")
    .sum({ held: "d.quantity" })
    .leftJoin("shadow_deductions as d", function join() {
      this.on("d.sku", "=", "s.sku").andOnNull("d.closed_at");
    })
    .whereIn("s.sku", skus)
    .groupBy("s.sku", "s.snapshot_available");
  return new Map(
    (rows as Array<{ sku: string; snapshot_available: number; held: string | number | null }>).map(
      (r) => [r.sku, Number(r.snapshot_available) - Number(r.held ?? 0)],
    ),
  );
}
