import type { Knex } from "knex";

/**
 * Marketplace product ids by SKU (Rithum's ProductID): looked up once and
 * kept, so a publication does not pay one look-up call per SKU every run.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("marketplace_product_ids", (t) => {
    t.text("channel").notNullable();
    t.text("sku").notNullable();
    t.text("product_id").notNullable();
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(["channel", "sku"]);
  });
}

/** Drops the table. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("marketplace_product_ids");
}
