import type { CommandSpec } from "../src/cli/command-spec.js";
import { ConfigError } from "../src/errors.js";
import { runSandbox } from "../src/sandbox/cli.js";
import { ScenarioError } from "../src/sandbox/index.js";

/** `hub sandbox`: the six stand-ins on 127.0.0.1 until stopped. */
export const sandboxCommand: CommandSpec = {
  name: "sandbox",
  description: "local stand-ins of the six APIs, speaking their real wire formats (127.0.0.1 only)",
  configure: (command) =>
    command
      .option("--port <port>", "port on 127.0.0.1 (0 = any free port)", "4980")
      .option("--scenario <file>", "JSON scenario file (default: the built-in scenario)")
      .option("--env-file <file>", "also write the environment that points hub at the sandbox to this file")
      .option("--time-scale <n>", "run rate limits and token lifetimes this many times faster", "1"),
  async run(ctx, options) {
    const port = Number(options.port);
    const timeScale = Number(options.timeScale);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new ConfigError(`--port ${String(options.port)} is not a port number: give 0–65535 (0 = any free port)`);
    }
    if (!Number.isFinite(timeScale) || timeScale <= 0) {
      throw new ConfigError(`--time-scale ${String(options.timeScale)} is not a positive number`);
    }
    const handle = await runSandbox(
      {
        port,
        timeScale,
        ...(typeof options.scenario === "string" ? { scenarioFile: options.scenario } : {}),
        ...(typeof options.envFile === "string" ? { envFile: options.envFile } : {}),
      },
      (line) => ctx.output.line(line),
    ).catch((error: unknown) => {
      if (error instanceof ScenarioError) {
        throw new ConfigError(error.message, { cause: error });
      }
      throw error;
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await handle.close();
    return { status: "succeeded", result: { url: handle.url, stopped: true } };
  },
};
