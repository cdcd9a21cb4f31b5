import type { Knex } from "knex";
import { migrations } from "../../migrations/index.js";

const source: Knex.MigrationSource<(typeof migrations)[number]> = {
  getMigrations: async () => [...migrations],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration.module,
};

const config: Knex.MigratorConfig = {
  migrationSource: source,
  tableName: "knex_migrations",
};

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

/** Applies every pending migration; returns the names applied now. */
export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest(config)) as [number, string[]];
  return applied;
}

/** Rolls back the last batch; returns the names rolled back. */
export async function migrateRollback(knex: Knex): Promise<string[]> {
  const [, rolled] = (await knex.migrate.rollback(config)) as [number, string[]];
  return rolled;
}

/** Which migrations are applied and which are pending. */
export async function migrationStatus(knex: Knex): Promise<MigrationStatus> {
  const [done, pending] = (await knex.migrate.list(config)) as [
    Array<{ name: string }>,
    Array<{ file: string } | (typeof migrations)[number]>,
  ];
  return {
    applied: done.map((m) => m.name),
    pending: pending.map((m) => ("name" in m ? m.name : m.file)),
  };
}

/** Refuses to run a pipeline on a database that is behind. */
export async function pendingMigrations(knex: Knex): Promise<string[]> {
  return (await migrationStatus(knex)).pending;
}
