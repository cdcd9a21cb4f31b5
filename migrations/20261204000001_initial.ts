import type { Knex } from "knex";

/** Every table DESIGN.md names, with the unique keys that make re-runs safe. */
export async function up(knex: Knex): Promise<void> {
  const now = knex.fn.now();

  await knex.schema.createTable("configs", (t) => {
    t.text("key").primary();
    t.jsonb("value").notNullable();
    // Channels are "listed in configuration order": first key set first.
    t.bigIncrements("position", { primaryKey: false });
    t.text("updated_by").notNullable();
    t.text("source").notNullable().defaultTo("operator");
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
  });

  await knex.schema.createTable("config_history", (t) => {
    t.bigIncrements("id");
    t.text("key").notNullable().index();
    t.jsonb("old_value");
    t.jsonb("new_value");
    t.text("changed_by").notNullable();
    t.text("source").notNullable();
    t.timestamp("changed_at", { useTz: true }).notNullable().defaultTo(now);
  });

  await knex.schema.createTable("task_executions", (t) => {
    t.bigIncrements("id");
    t.text("command").notNullable();
    t.text("channel");
    t.jsonb("args").notNullable().defaultTo("{}");
    t.text("host").notNullable();
    t.integer("pid").notNullable();
    t.text("status").notNullable();
    t.timestamp("started_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("ended_at", { useTz: true });
    t.jsonb("counts").notNullable().defaultTo("{}");
    t.text("error");
    t.index(["command", "started_at"]);
  });

  await knex.schema.createTable("oauth_tokens", (t) => {
    t.text("scope").primary();
    t.text("access_token").notNullable();
    // What a vendor returns with a token and later calls need (Zoho's
    // api_domain), kept across refreshes that omit it.
    t.jsonb("details").notNullable().defaultTo("{}");
    t.timestamp("expires_at", { useTz: true }).notNullable();
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
  });

  await knex.schema.createTable("sync_cursors", (t) => {
    t.text("channel").notNullable();
    t.text("stream").notNullable();
    t.timestamp("cursor_at", { useTz: true }).notNullable();
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
    t.primary(["channel", "stream"]);
  });

  await knex.schema.createTable("order_mappings", (t) => {
    t.bigIncrements("id");
    t.text("order_key").notNullable().unique();
    t.text("channel").notNullable();
    t.text("marketplace_order_id").notNullable();
    t.text("status").notNullable();
    t.text("park_reason");
    t.bigInteger("shipstation_order_id");
    t.text("content_hash");
    t.jsonb("normalized");
    t.jsonb("raw");
    t.timestamp("marketplace_updated_at", { useTz: true });
    t.integer("attempts").notNullable().defaultTo(0);
    t.text("last_error");
    t.timestamp("sent_at", { useTz: true });
    t.timestamp("shipped_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
    t.index(["channel", "status"]);
    t.index(["shipstation_order_id"]);
  });

  await knex.schema.createTable("order_quarantine", (t) => {
    t.bigIncrements("id");
    t.text("order_key").notNullable().unique();
    t.text("channel").notNullable();
    t.text("reason").notNullable();
    t.jsonb("raw");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("resolved_at", { useTz: true });
  });

  await knex.schema.createTable("shadow_inventory", (t) => {
    t.text("sku").primary();
    t.text("item_id");
    t.integer("snapshot_available").notNullable();
    t.timestamp("snapshot_at", { useTz: true }).notNullable();
    t.text("protection_state");
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
  });

  await knex.schema.createTable("shadow_deductions", (t) => {
    t.bigIncrements("id");
    t.text("order_key").notNullable();
    t.text("line_id").notNullable();
    t.text("channel").notNullable();
    t.text("sku").notNullable();
    t.integer("quantity").notNullable();
    t.timestamp("opened_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("shipped_at", { useTz: true });
    t.timestamp("closed_at", { useTz: true });
    t.text("close_reason");
    t.unique(["order_key", "line_id"]);
    t.index(["sku", "closed_at"]);
  });

  await knex.schema.createTable("inventory_publications", (t) => {
    t.bigIncrements("id");
    t.text("channel").notNullable();
    t.text("sku").notNullable();
    t.text("publication_id").notNullable();
    t.integer("quantity").notNullable();
    t.text("status").notNullable();
    t.integer("attempts").notNullable().defaultTo(0);
    t.text("last_error");
    t.text("reason");
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("sent_at", { useTz: true });
    t.timestamp("next_attempt_at", { useTz: true });
    t.unique(["channel", "sku", "publication_id"]);
    t.index(["channel", "sku", "status"]);
  });

  await knex.schema.createTable("tracking_returns", (t) => {
    t.bigIncrements("id");
    t.text("shipment_id").notNullable().unique();
    t.text("package_ref").notNullable();
    t.text("order_key").notNullable().index();
    t.text("channel").notNullable();
    t.text("tracking_number").notNullable();
    t.text("carrier_code");
    t.text("carrier_sent");
    t.jsonb("lines").notNullable().defaultTo("{}");
    t.text("status").notNullable();
    t.integer("attempts").notNullable().defaultTo(0);
    t.text("last_error");
    t.timestamp("next_attempt_at", { useTz: true });
    t.timestamp("shipped_at", { useTz: true });
    t.timestamp("voided_at", { useTz: true });
    t.timestamp("pushed_at", { useTz: true });
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("updated_at", { useTz: true }).notNullable().defaultTo(now);
    t.index(["status", "next_attempt_at"]);
  });

  await knex.schema.createTable("webhook_inbox", (t) => {
    t.bigIncrements("id");
    t.text("source").notNullable();
    t.text("event_id").notNullable().unique();
    t.text("resource_type");
    t.text("raw").notNullable();
    t.jsonb("payload");
    t.timestamp("received_at", { useTz: true }).notNullable().defaultTo(now);
    t.timestamp("processed_at", { useTz: true });
    t.integer("attempts").notNullable().defaultTo(0);
    t.text("last_error");
    t.index(["source", "processed_at"]);
  });

  await knex.schema.createTable("alert_log", (t) => {
    t.bigIncrements("id");
    t.text("alert_key").notNullable();
    t.text("kind").notNullable();
    t.text("subject").notNullable();
    t.text("body").notNullable();
    t.jsonb("delivered").notNullable().defaultTo("[]");
    t.timestamp("delivered_at", { useTz: true });
    t.boolean("suppressed").notNullable().defaultTo(false);
    t.timestamp("created_at", { useTz: true }).notNullable().defaultTo(now);
    t.index(["alert_key", "created_at"]);
  });
}

/** Drops everything `up` created, newest first. */
export async function down(knex: Knex): Promise<void> {
  for (const table of [
    "alert_log",
    "webhook_inbox",
    "tracking_returns",
    "inventory_publications",
    "shadow_deductions",
    "shadow_inventory",
    "order_quarantine",
    "order_mappings",
    "sync_cursors",
    "oauth_tokens",
    "task_executions",
    "config_history",
    "configs",
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
