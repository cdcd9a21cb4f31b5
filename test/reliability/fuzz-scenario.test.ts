import fc from "fast-check";
import { expect, it } from "vitest";
import { defaultScenario, parseScenario, ScenarioError } from "../../src/sandbox/index.js";
import { suiteSeed } from "./support/random.js";

/**
 * parseScenario on random JSON and on the built-in scenario with one value
 * replaced: it returns a scenario or throws ScenarioError, nothing else.
 */

const SEED = suiteSeed(20_261_212);
const RUNS = 400;

function outcome(data: unknown): string {
  try {
    parseScenario(data);
    return "ok";
  } catch (error) {
    return error instanceof ScenarioError ? "refused" : `threw ${String(error)}`;
  }
}

/** Replaces the value at a random path of a JSON value. */
function replaceAt(value: unknown, pick: number, replacement: unknown): unknown {
  const copy: unknown = structuredClone(value);
  const holders: Array<[Record<string | number, unknown>, string | number]> = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      holders.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
      walk(child);
    }
  };
  walk(copy);
  const holder = holders[pick % Math.max(1, holders.length)];
  if (holder) holder[0][holder[1]] = replacement;
  return copy;
}

it("parseScenario refuses with ScenarioError or accepts, for any input", () => {
  const bad: string[] = [];
  const anyJson = fc.jsonValue({ maxDepth: 4 });
  fc.assert(
    fc.property(fc.oneof(anyJson, fc.tuple(fc.nat(), anyJson).map(([pick, v]) => replaceAt(defaultScenario, pick, v))), (data) => {
      const result = outcome(data);
      if (result.startsWith("threw")) bad.push(`${result} for ${JSON.stringify(data).slice(0, 200)}`);
      return !result.startsWith("threw");
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(bad.slice(0, 3), `seed ${SEED}`).toEqual([]);
});
