import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { main } from "../../src/cli/program.js";
import { SETTINGS } from "../../src/config/schema.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { suiteSeed } from "./support/random.js";

/**
 * `hub config set <key> <random value>` for every kind of key: exit 0
 * (accepted, and what is stored is valid for the key) or 2 (refused), never
 * 1 (a bug); a refusal writes nothing, neither the value nor its history.
 */

const SEED = suiteSeed(20_261_210);
const RUNS = 25;

let world: HubWorld;

beforeAll(async () => {
  world = await createHubWorld();
  world.applyEnv();
  // Keep the command's log lines out of the test output.
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
}, 120_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await world.close();
});

/** A concrete key for each pattern, with a known channel, SKU and carrier. */
const KEYS = SETTINGS.map((spec) =>
  spec.pattern
    .replace("<id>", "amazon-us")
    .replace("<sku>", "MUG-BLUE")
    .replace("<carrier>", "ups")
    .replace("<command>", "allocate"),
);

const values = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom("", " ", "true", "false", "null", "-0", "1e3", "0x10", "NaN", "Infinity", "[]", "{}", "https://", "http://127.0.0.1:1/x", "a@b", "a@example.invalid,,b@example.invalid", "+1 555 0100", "\u0000", "'; drop table configs; --"),
  fc.string({ minLength: 400, maxLength: 3000 }),
);

async function snapshot(key: string): Promise<{ value: unknown; history: number }> {
  const db = await world.db.open();
  try {
    const row = (await db.knex("configs").where({ key }).first()) as { value: unknown } | undefined;
    const [count] = await db.knex("config_history").where({ key }).count({ n: "*" });
    return { value: row?.value, history: Number(count?.n ?? 0) };
  } finally {
    await db.close();
  }
}

it("config set answers 0 or 2 for any value, and a refusal writes nothing", async () => {
  const bad: string[] = [];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...KEYS), values, async (key, value) => {
      const before = await snapshot(key);
      const code = await main(["node", "hub", "config", "set", key, value]);
      const after = await snapshot(key);
      if (code !== 0 && code !== 2) bad.push(`${key}=${JSON.stringify(value)}: exit ${code}`);
      if (code === 2 && JSON.stringify(after) !== JSON.stringify(before)) {
        bad.push(`${key}=${JSON.stringify(value)}: refused but written`);
      }
      // What was accepted must be a valid value of its key, as stored.
      const spec = SETTINGS[KEYS.indexOf(key)];
      if (code === 0 && spec && !spec.schema.safeParse(after.value).success) {
        bad.push(`${key}=${JSON.stringify(value)}: accepted an invalid value`);
      }
      return bad.length === 0;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(bad, `seed ${SEED}`).toEqual([]);
}, 300_000);
