import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../../src/sandbox/contract.js";
import { delay } from "../../src/http/throttle.js";

/** hub's launcher, from dist/bench/support/ back to the package root. */
const HUB_BIN = fileURLToPath(new URL("../../../bin/hub.js", import.meta.url));
/** A big scenario takes a few seconds to load and validate. */
const START_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** `hub sandbox` running as a child process. */
export interface SandboxProcess {
  url: string;
  /** The variables that point hub at it (HUB_TIME_SCALE included). */
  env: Record<string, string>;
  /** Requests per endpoint key, as the sandbox counted them. */
  requests(): Promise<Record<string, number>>;
  /** Sets one Zoho item's available figure (control route). */
  setStock(sku: string, available: number): Promise<void>;
  stop(): Promise<void>;
}

function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

async function waitForEnv(file: string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`hub sandbox exited with ${child.exitCode} before listening`);
    }
    const text = await readFile(file, "utf8").catch(() => "");
    if (text.includes("HUB_SHIPSTATION_URL=")) return text;
    await delay(POLL_MS);
  }
  throw new Error(`hub sandbox did not start within ${START_TIMEOUT_MS / 1000} s`);
}

/**
 * Starts `hub sandbox` in its own process, so that the stand-ins' CPU is
 * not counted as hub's, with a scenario and a time scale.
 */
export async function startSandboxProcess(
  scenario: Scenario,
  timeScale: number,
): Promise<SandboxProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "hub-bench-sandbox-"));
  const scenarioFile = path.join(dir, "scenario.json");
  const envFile = path.join(dir, "sandbox.env");
  await writeFile(scenarioFile, JSON.stringify(scenario));
  const child = spawn(
    process.execPath,
    // `--` first, as bin/hub.js's own shebang does: Node 20 would take
    // `--env-file` anywhere on the line as its own flag otherwise.
    ["--", HUB_BIN, "sandbox", "--scenario", scenarioFile, "--port", "0",
      "--time-scale", String(timeScale), "--env-file", envFile],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  let env: Record<string, string>;
  try {
    env = parseEnvFile(await waitForEnv(envFile, child));
  } catch (error) {
    child.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const url = new URL(env.HUB_SHIPSTATION_URL ?? "").origin;
  const control = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const res = await fetch(`${url}${route}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    env,
    async requests() {
      const state = (await control("GET", "/_sandbox/state")) as { requests?: Record<string, number> };
      return state.requests ?? {};
    },
    async setStock(sku, available) {
      await control("POST", "/_sandbox/stock", { sku, available });
    },
    async stop() {
      const exited = new Promise<void>((resolve) => {
        if (child.exitCode !== null) resolve();
        else child.once("exit", () => resolve());
      });
      child.kill("SIGTERM");
      await Promise.race([exited, delay(5_000)]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
