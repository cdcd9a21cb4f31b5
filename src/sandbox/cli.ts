import { writeFile } from "node:fs/promises";
import { renderEnvFile } from "./env.js";
import { startSandbox, type SandboxHandle } from "./index.js";
import { loadScenario } from "./scenario.js";

/** Options of `hub sandbox`. */
export interface RunSandboxOptions {
  port: number;
  scenarioFile?: string;
  envFile?: string;
  timeScale: number;
}

/**
 * Starts the sandbox for `hub sandbox`, prints where it listens and the
 * environment for hub, and writes that environment to a file if asked.
 */
export async function runSandbox(
  opts: RunSandboxOptions,
  print: (line: string) => void,
): Promise<SandboxHandle> {
  const scenario = opts.scenarioFile
    ? await loadScenario(opts.scenarioFile)
    : undefined;
  const handle = await startSandbox({
    port: opts.port,
    timeScale: opts.timeScale,
    ...(scenario ? { scenario } : {}),
  });
  print(`Sandbox listening on ${handle.url} (time scale ${opts.timeScale})`);
  print(`Control routes: ${handle.url}/_sandbox/state`);
  print("Environment for hub:");
  for (const line of renderEnvFile(handle.env).trimEnd().split("\n")) {
    print(`  ${line}`);
  }
  if (opts.envFile) {
    try {
      await writeFile(opts.envFile, renderEnvFile(handle.env), {
        mode: 0o600,
      });
    } catch (cause) {
      await handle.close();
      throw new Error(
        `cannot write ${opts.envFile}; check the folder exists and is ` +
          "writable",
        { cause },
      );
    }
    print(`Wrote ${opts.envFile}`);
  }
  return handle;
}
