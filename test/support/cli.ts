import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface HubRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Clean environment for a hub process: no developer settings leak in. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("HUB_") || key === "DATABASE_URL") continue;
    env[key] = value;
  }
  return env;
}

/** Runs `hub` as a separate process, as cron would (no terminal). */
export function runHub(
  args: string[],
  env: Record<string, string>,
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<HubRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--", path.join(root, "bin/hub.js"), ...args], {
      cwd: options.cwd ?? root,
      env: { ...baseEnv(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The path of the hub executable, for tests that spawn it themselves. */
export const hubBin = path.join(root, "bin/hub.js");
export const projectRoot = root;
