import { spawn, type ChildProcess } from "node:child_process";
import { hubBin, projectRoot } from "../support/cli.js";

/** A `hub serve-webhooks` process started by a test. */
export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** Sends a signal and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith("HUB_") || key === "DATABASE_URL") continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** Starts serve-webhooks on a free port and waits for its listening line. */
export function startServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ["--", hubBin, "serve-webhooks", "--port", "0"],
    { cwd: projectRoot, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`serve-webhooks did not start:\n${stderr}`));
    }, 30_000);
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:[0-9]+)"/.exec(stderr);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        child,
        stderr: () => stderr,
        stop: (signal = "SIGTERM") => {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`serve-webhooks exited with ${code}:\n${stderr}`));
    });
  });
}
