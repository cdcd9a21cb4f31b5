import { spawn } from "node:child_process";
import { stat, utimes } from "node:fs/promises";
import path from "node:path";
import { hubBin, projectRoot, type HubRun } from "../../support/cli.js";
import type { TestDatabase } from "../../support/db.js";
import type { ReliabilityWorld } from "./world.js";

/** Environment of a hub process: this one's minus hub's own settings. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("HUB_") || key === "DATABASE_URL") continue;
    base[key] = value;
  }
  return { ...base, ...env };
}

/** A hub process the test can kill at any moment. */
export interface LiveHub {
  readonly pid: number | undefined;
  kill(): void;
  readonly done: Promise<HubRun>;
}

/** Starts `hub <args>` as cron would (no terminal). */
export function startHub(args: string[], env: Record<string, string>): LiveHub {
  const child = spawn(process.execPath, ["--", hubBin, ...args], {
    cwd: projectRoot,
    env: childEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<HubRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid, kill: () => child.kill("SIGKILL"), done };
}

/** Runs `hub <args>` to its end, killing it only past `timeoutMs`. */
export async function runToEnd(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<HubRun> {
  const hub = startHub(args, env);
  const timer = setTimeout(() => hub.kill(), timeoutMs);
  try {
    return await hub.done;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills `hub <args>` with SIGKILL after `delayMs`; true if it was still running. */
export async function killAfter(
  args: string[],
  env: Record<string, string>,
  delayMs: number,
): Promise<{ killed: boolean; run: HubRun }> {
  const hub = startHub(args, env);
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    hub.kill();
  }, delayMs);
  const run = await hub.done;
  clearTimeout(timer);
  return { killed: killed && run.signal === "SIGKILL", run };
}

/**
 * After a kill -9 the embedded database's folder lock stays behind until it
 * goes stale (20 s). Instead of waiting, age the lock file as if that time
 * had passed: the next run then goes through hub's own stale take-over.
 * Only ever called once the holder is known to be dead.
 */
export async function ageFolderLock(db: TestDatabase): Promise<void> {
  if (db.target.kind !== "embedded") return;
  const lockPath = `${path.resolve(db.target.dataDir)}.lock`;
  const exists = await stat(lockPath).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  const past = new Date(Date.now() - 60_000);
  await utimes(lockPath, past, past);
}

/**
 * A failed push or publication waits minutes before its next attempt
 * (real minutes, whatever the time scale). Bring those moments forward, as
 * if the wait had passed, instead of sleeping through it.
 */
export async function letRetryDelaysPass(world: ReliabilityWorld): Promise<void> {
  await world.query(async (knex) => {
    for (const table of ["tracking_returns", "inventory_publications"]) {
      await knex(table).where("next_attempt_at", ">", knex.fn.now()).update({ next_attempt_at: knex.fn.now() });
    }
  });
}
