import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import knexFactory, { type Knex } from "knex";
import {
  openDatabase,
  type Database,
  type DatabaseTarget,
} from "../../src/storage/database.js";
import { migrateLatest } from "../../src/storage/migrator.js";

/** True when the suite runs against a PostgreSQL server. */
export const onServer = Boolean(process.env.TEST_DATABASE_URL);

/** A database of its own for one test file: a fresh server database or folder. */
export interface TestDatabase {
  target: DatabaseTarget;
  /** Environment that points a `hub` process at it. */
  env: Record<string, string>;
  /** Opens it (on the embedded database this takes the folder lock). */
  open(): Promise<Database>;
  /** Opens, migrates, and closes again. */
  migrate(): Promise<void>;
  /** Opens, runs `body` on it, and closes again (the folder lock too). */
  query<T>(body: (knex: Knex) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

/** Creates an empty database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `hub_test_${randomBytes(6).toString("hex")}`;
    const admin = knexFactory({ client: "pg", connection: serverUrl, pool: { min: 0, max: 1 } });
    await admin.raw(`create database ${name}`);
    await admin.destroy();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const target: DatabaseTarget = { kind: "server", url: url.toString() };
    return {
      target,
      env: { DATABASE_URL: url.toString() },
      open: () => openDatabase(target),
      migrate: () => migrateOnce(target),
      query: (body) => queryOnce(target, body),
      drop: async () => {
        const again = knexFactory({ client: "pg", connection: serverUrl, pool: { min: 0, max: 1 } });
        await again.raw(`drop database if exists ${name} with (force)`);
        await again.destroy();
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "hub-test-"));
  const dataDir = path.join(dir, "data");
  const target: DatabaseTarget = { kind: "embedded", dataDir };
  return {
    target,
    env: { HUB_DATA_DIR: dataDir },
    open: () => openDatabase(target, { lockWaitMs: 10_000 }),
    migrate: () => migrateOnce(target),
    query: (body) => queryOnce(target, body),
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function queryOnce<T>(target: DatabaseTarget, body: (knex: Knex) => Promise<T>): Promise<T> {
  const db = await openDatabase(target, { lockWaitMs: 10_000 });
  try {
    return await body(db.knex);
  } finally {
    await db.close();
  }
}

function migrateOnce(target: DatabaseTarget): Promise<void> {
  return queryOnce(target, (knex) => migrateLatest(knex).then(() => undefined));
}
