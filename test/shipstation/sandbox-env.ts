import { Settings } from "../../src/config/settings.js";
import { HttpContext } from "../../src/http/http-context.js";
import { createLogger } from "../../src/log/logger.js";
import {
  startSandbox,
  type SandboxHandle,
  type StartOptions,
} from "../../src/sandbox/index.js";

/** A sandbox with process.env pointing at it; `stop` restores both. */
export interface SandboxEnv {
  sandbox: SandboxHandle;
  /** A fresh HttpContext (throttles are per context). */
  http(): HttpContext;
  settings: Settings;
  stop(): Promise<void>;
}

/** Starts a fast sandbox and points the HUB_* variables at it. */
export async function useSandbox(
  opts: StartOptions = {},
  extraEnv: Record<string, string> = {},
): Promise<SandboxEnv> {
  const sandbox = await startSandbox({ port: 0, timeScale: 1000, ...opts });
  const env = { ...sandbox.env, HUB_TIME_SCALE: "1000", ...extraEnv };
  const saved = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(env)) {
    saved.set(k, process.env[k]);
    process.env[k] = v;
  }
  const logger = createLogger({ tty: false, verbose: false, silent: true });
  return {
    sandbox,
    http: () => new HttpContext(logger),
    settings: Settings.fromEntries([]),
    stop: async () => {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await sandbox.close();
    },
  };
}
