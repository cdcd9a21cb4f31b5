import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import knexFactory from "knex";
import type { DatabaseTarget } from "../../src/storage/database.js";

/** The local server tried when no URL is given. */
const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/test";

/** A database of the benchmark's own, dropped at the end. */
export interface BenchDatabase {
  target: DatabaseTarget;
  /** "server" or "embedded", for the printed table. */
  label: string;
  drop(): Promise<void>;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * The PostgreSQL server to use, if any: BENCH_DATABASE_URL, then
 * TEST_DATABASE_URL, then a server answering on 127.0.0.1:5432. A server
 * keeps the database's CPU out of hub's process.
 */
export async function serverUrl(): Promise<string | undefined> {
  const named = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (named) return named;
  return (await canConnect("127.0.0.1", 5432)) ? LOCAL_SERVER : undefined;
}

/** Creates an empty database on the server, or an embedded data folder. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const url = await serverUrl();
  if (url !== undefined) {
    const name = `hub_bench_${randomBytes(5).toString("hex")}`;
    const admin = knexFactory({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
    try {
      await admin.raw(`create database ${name}`);
    } finally {
      await admin.destroy();
    }
    const own = new URL(url);
    own.pathname = `/${name}`;
    return {
      target: { kind: "server", url: own.toString() },
      label: "PostgreSQL server",
      drop: async () => {
        const again = knexFactory({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
        try {
          await again.raw(`drop database if exists ${name} with (force)`);
        } finally {
          await again.destroy();
        }
      },
    };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "hub-bench-"));
  return {
    target: { kind: "embedded", dataDir: path.join(dir, "data") },
    label: "embedded PostgreSQL (in hub's process)",
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}
