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

/** Socket and server codes that mean the database went away mid-run. */
const CONNECTION_LOST_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
]);

/**
 * The database connection lost during a run, as an error that names it
 * (exit 1: the next run resumes), or undefined for any other error. The
 * driver reports it as a plain Error, which would otherwise read as a bug.
 */
export function connectionLost(error: unknown): UpstreamError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const lost =
    (typeof code === "string" && CONNECTION_LOST_CODES.has(code)) ||
    /Connection terminated|Timeout acquiring a connection|connection is closed|is not queryable|ended by the other party/i.test(
      error.message,
    );
  if (!lost) return undefined;
  return new UpstreamError(
    `the database connection was lost during the run (${error.message}); ` +
      "what was not committed is not kept: check the database server, the next run resumes",
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
