import type { Knex } from "knex";
import { createTestDatabase, type TestDatabase } from "../../support/db.js";

/** A migrated database of this test file, opened. */
export interface OpenDatabase {
  knex: Knex;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Creates, migrates and opens a database for one test file. */
export async function openCaseDatabase(): Promise<OpenDatabase> {
  const db = await createTestDatabase();
  await db.migrate();
  const open = await db.open();
  return {
    knex: open.knex,
    db,
    close: async () => {
      await open.close();
      await db.drop();
    },
  };
}
