import type { Knex } from "knex";

/**
 * The next free slot of calls a vendor allows only once in a while (Mirakl
 * OR11: once a minute), shared by every hub process on the database.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("api_pacing", (t) => {
    t.text("key").primary();
    t.timestamp("next_at", { useTz: true }).notNullable();
  });
}

/** Drops the table. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("api_pacing");
}
