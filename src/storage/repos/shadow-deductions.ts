import type { Knex } from "knex";

/** One row of the shadow ledger. */
export interface DeductionRow {
  id: number;
  orderKey: string;
  lineId: string;
  channel: string;
  sku: string;
  quantity: number;
  openedAt: Date;
  shippedAt: Date | null;
  closedAt: Date | null;
}

/** A deduction to close and why. */
export interface DeductionClosure {
  id: number;
  reason: string;
}

/** A SKU's latest ledger movement (opened, shipped or closed). */
export interface SkuMovement {
  sku: string;
  lastMovementAt: Date;
}

const CHUNK = 1000;

const COLUMNS = [
  "id",
  "order_key",
  "line_id",
  "channel",
  "sku",
  "quantity",
  "opened_at",
  "shipped_at",
  "closed_at",
];

/** Deductions still open, of the given SKUs or of all. */
export async function readOpenDeductions(
  db: Knex,
  skus?: readonly string[],
): Promise<DeductionRow[]> {
  const query = (): Knex.QueryBuilder =>
    db("shadow_deductions").select(COLUMNS).whereNull("closed_at");
  return readInChunks(query, skus);
}

/**
 * Deductions opened after `after`, open or closed: each is a sale the
 * marketplace already took off its listed quantity, even if cancelled later.
 */
export async function readDeductionsOpenedAfter(
  db: Knex,
  after: Date,
  skus?: readonly string[],
): Promise<DeductionRow[]> {
  const query = (): Knex.QueryBuilder =>
    db("shadow_deductions").select(COLUMNS).where("opened_at", ">", after);
  return readInChunks(query, skus);
}

/** Closes deductions at `at`, each with its reason. */
export async function closeDeductions(
  db: Knex,
  closures: readonly DeductionClosure[],
  at: Date,
): Promise<void> {
  const byReason = new Map<string, number[]>();
  for (const { id, reason } of closures) {
    byReason.set(reason, [...(byReason.get(reason) ?? []), id]);
  }
  for (const [reason, ids] of byReason) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      await db("shadow_deductions")
        .whereIn("id", ids.slice(i, i + CHUNK))
        .whereNull("closed_at")
        .update({ closed_at: at, close_reason: reason });
    }
  }
}

/** The latest movement of every SKU in the ledger. */
export async function readSkuMovements(db: Knex): Promise<SkuMovement[]> {
  const rows: Array<{ sku: string; moved: Date | string }> = await db(
    "shadow_deductions",
  )
    .select("sku")
    .select(
      db.raw(
        "greatest(max(opened_at), max(shipped_at), max(closed_at)) as moved",
      ),
    )
    .groupBy("sku");
  return rows.map((row) => ({
    sku: row.sku,
    lastMovementAt: new Date(row.moved),
  }));
}

interface LedgerRow {
  id: number | string;
  order_key: string;
  line_id: string;
  channel: string;
  sku: string;
  quantity: number | string;
  opened_at: Date | string;
  shipped_at: Date | string | null;
  closed_at: Date | string | null;
}

async function readInChunks(
  query: () => Knex.QueryBuilder,
  skus: readonly string[] | undefined,
): Promise<DeductionRow[]> {
  const rows: LedgerRow[] = [];
  if (skus === undefined) rows.push(...(await query().orderBy("id")));
  else {
    for (let i = 0; i < skus.length; i += CHUNK) {
      const part = skus.slice(i, i + CHUNK);
      rows.push(...(await query().whereIn("sku", part).orderBy("id")));
    }
  }
  return rows.map(toDeduction);
}

function toDeduction(row: LedgerRow): DeductionRow {
  return {
    id: Number(row.id),
    orderKey: row.order_key,
    lineId: row.line_id,
    channel: row.channel,
    sku: row.sku,
    quantity: Number(row.quantity),
    openedAt: new Date(row.opened_at),
    shippedAt: row.shipped_at === null ? null : new Date(row.shipped_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}
