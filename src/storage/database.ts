import { stat } from "node:fs/promises";
import knexFactory, { type Knex } from "knex";
import ClientPgLite from "knex-pglite";
import { ConfigError, UpstreamError } from "../errors.js";
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
    const where = checkServerUrl(target.url);
    const knex = knexFactory({
      client: "pg",
      connection: target.url,
      pool: { min: 0, max: 6 },
      acquireConnectionTimeout: 15_000,
      log: QUIET_LOG,
    });
    try {
      await knex.raw("select 1");
    } catch (error) {
      await knex.destroy();
      throw connectionFailure(where, error);
    }
    return { knex, target, shared: true, close: () => knex.destroy() };
  }
  await checkDataDir(target.dataDir);
  const lock: FolderLock = await lockDataFolder(
    target.dataDir,
    options.lockWaitMs ?? 5_000,
  );
  try {
    const knex = knexFactory({
      client: ClientPgLite,
      connection: { filename: target.dataDir },
      log: QUIET_LOG,
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

// knex writes its own warnings to the console, where they would land in the
// `--json` output; failures reach the operator through hub's errors instead.
const QUIET_LOG = {
  warn: () => {},
  error: () => {},
  deprecate: () => {},
  debug: () => {},
};

/** The server a URL names, or a ConfigError for a URL that is not one. */
function checkServerUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      "DATABASE_URL is not a URL: give postgres://user@host:5432/database",
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new ConfigError(
      `DATABASE_URL must be a postgres:// URL, not ${parsed.protocol}//…: hub speaks PostgreSQL only`,
    );
  }
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

/**
 * Why a server could not be reached, by who must act: a database or role
 * that does not exist, or a refused password, is a setting to fix (exit 2);
 * a server that does not answer may come back (exit 1).
 */
function connectionFailure(where: string, error: unknown): Error {
  const code = (error as { code?: string }).code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === "3D000" || code === "28P01" || code === "28000") {
    return new ConfigError(
      `cannot use the database at ${where}: ${reason}; check DATABASE_URL`,
      { cause: error },
    );
  }
  return new UpstreamError(
    `cannot reach the database at ${where}: ${reason}; check that the server runs and DATABASE_URL is right`,
    { api: "database", retryable: true },
    { cause: error },
  );
}

/** Refuses a data folder that is a file or cannot be created. */
async function checkDataDir(dataDir: string): Promise<void> {
  const found = await stat(dataDir).catch(() => undefined);
  if (found && !found.isDirectory()) {
    throw new ConfigError(
      `the data folder ${dataDir} is a file: give HUB_DATA_DIR or --data-dir a folder`,
    );
  }
}
