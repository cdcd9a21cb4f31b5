import type { Knex } from "knex";

/**
 * What push-tracking needs to retry a package without reading ShipStation
 * again: the service code the connector maps (Rithum's shipping class) and
 * the ShipStation order the package came from.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("tracking_returns", (t) => {
    t.text("service_code");
    t.bigInteger("shipstation_order_id");
  });
}

/** Drops the columns `up` added. */
export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("tracking_returns", (t) => {
    t.dropColumn("shipstation_order_id");
    t.dropColumn("service_code");
  });
}
