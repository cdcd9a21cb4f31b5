import knexFactory, { type Knex } from "knex";
import ClientPgLite from "knex-pglite";
import { lockDataFolder, type FolderLock } from "./folder-lock.js";

export type Db = Knex;

/** Where a process keeps its data. */
export type DatabaseTarget =
  | { kind: "server"; url: string }
  | { kind: "embedded"; dataDir: string };

/** An open database and how to close it. */
export interface Database {
  knex: Knex;
  target: DatabaseTarget;
  /** True on a PostgreSQL server: advisory locks coordinate processes. */
  shared: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** How long to wait for another process's folder lock (embedded only). */
  lockWaitMs?: number;
}

/** Chooses the server from a URL, or the embedded folder. */
export function resolveTarget(
  databaseUrl: string | undefined,
  dataDir: string,
): DatabaseTarget {
  return databaseUrl
    ? { kind: "server", url: databaseUrl }
    : { kind: "embedded", dataDir };
}

/** Opens the database; on the embedded one, holds the folder lock. */
export async function openDatabase(
  target: DatabaseTarget,
  options: OpenOptions = {},
): Promise<Database> {
  if (target.kind === "server") {
    const knex = knexFactory({
      client: "pg",
      connection: target.url,
      pool: { min: 0, max: 6 },
      acquireConnectionTimeout: 15_000,
    });
    return { knex, target, shared: true, close: () => knex.destroy() };
  }
  const lock: FolderLock = await lockDataFolder(
    target.dataDir,
    options.lockWaitMs ?? 5_000,
  );
  try {
    const knex = knexFactory({
      client: ClientPgLite,
      connection: { filename: target.dataDir },
    });
    await knex.raw("select 1");
    return {
      knex,
      target,
      shared: false,
      close: async () => {
        await knex.destroy();
        await lock.release();
      },
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
