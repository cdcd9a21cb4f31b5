import type { ChannelKind, FaultRule, Scenario } from "./contract.js";
import { defaultScenario } from "./default-scenario.js";
import { sandboxEnv } from "./env.js";
import type { StandInFactory } from "./mounts.js";
import { SandboxServer } from "./server.js";
import type { SandboxStateView } from "./state-view.js";
import type { CoreWorld } from "./world.js";

export { renderEnvFile, sandboxEnv, channelEnvId } from "./env.js";
export { defaultScenario } from "./default-scenario.js";
export { loadScenario, parseScenario, ScenarioError } from "./scenario.js";
export { DEFAULT_PORT } from "./server.js";
export type { SandboxStateView } from "./state-view.js";
export type { StandInFactory } from "./mounts.js";
export type { CoreWorld } from "./world.js";

/** Options of `startSandbox`. */
export interface StartOptions {
  /** Default 4980; 0 picks a free port. */
  port?: number;
  /** Default: the built-in scenario. */
  scenario?: Scenario;
  /** Vendor time runs this many times faster; default 1. */
  timeScale?: number;
  /** Replaces marketplace stand-ins by kind (tests of the core). */
  standIns?: Partial<Record<ChannelKind, StandInFactory>>;
}

/** A running sandbox. */
export interface SandboxHandle {
  /** e.g. `http://127.0.0.1:4980` */
  readonly url: string;
  readonly port: number;
  /** The current world (a new one after a reset). */
  readonly world: CoreWorld;
  /** The variables that point hub at this sandbox. */
  readonly env: Record<string, string>;
  state(): SandboxStateView;
  /** Replaces the fault rules; a seed makes their `rate` dice replayable. */
  setFaults(rules: FaultRule[], seed?: number): void;
  clearFaults(): void;
  /** Restores the scenario (or loads another); clears counts and faults. */
  reset(scenario?: Scenario): void;
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1. */
export async function startSandbox(
  opts: StartOptions = {},
): Promise<SandboxHandle> {
  const scenario = opts.scenario ?? defaultScenario;
  const timeScale = opts.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error("timeScale must be above 0");
  const server = new SandboxServer({ ...opts, scenario, timeScale });
  const port = await server.listen();
  const url = server.url;
  const env = sandboxEnv(url, scenario, timeScale);
  return {
    url,
    port,
    get world() {
      return server.world;
    },
    env,
    state: () => server.state(),
    setFaults: (rules, seed) => server.setFaults(rules, seed),
    clearFaults: () => server.clearFaults(),
    reset: (next) => server.reset(next),
    close: () => server.close(),
  };
}
