import type { ScenarioChannel } from "../../src/sandbox/contract.js";
import { defaultScenario } from "../../src/sandbox/index.js";

/** The four channels of the built-in scenario, one of each kind. */
export const BENCH_CHANNELS: ScenarioChannel[] = defaultScenario.channels;
