import type { Knex } from "knex";

/**
 * Stamps an order's open deductions as shipped once the whole order is:
 * allocate closes them later, after its settle period.
 */
export async function markDeductionsShipped(
  db: Knex,
  orderKey: string,
  shippedAt: Date,
): Promise<number> {
  return db("shadow_deductions")
    .where({ order_key: orderKey })
    .whereNull("shipped_at")
    .whereNull("closed_at")
    .update({ shipped_at: shippedAt });
}

/**
 * Takes the shipped stamp off an order's open deductions when a voided
 * label means the order is no longer fully shipped (case B06).
 */
export async function clearDeductionsShipped(
  db: Knex,
  orderKey: string,
): Promise<number> {
  return db("shadow_deductions")
    .where({ order_key: orderKey })
    .whereNotNull("shipped_at")
    .whereNull("closed_at")
    .update({ shipped_at: null });
}
