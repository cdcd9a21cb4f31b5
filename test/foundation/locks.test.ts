import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/cli/context.js";
import { Output } from "../../src/cli/output.js";
import { createLogger } from "../../src/log/logger.js";
import { runPipeline } from "../../src/runs/run-pipeline.js";
import { createTestDatabase, onServer, type TestDatabase } from "../support/db.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.migrate();
});
afterAll(async () => {
  await db.drop();
});

function context(): CommandContext {
  return {
    options: { dryRun: false, json: true, verbose: false, channels: [], target: db.target, lockWaitMs: 300 },
    logger: createLogger({ tty: false, verbose: false, silent: true }),
    output: new Output({ tty: false, json: true }),
    user: "test",
    host: "test",
  };
}

/** Starts a run that holds its locks until released. */
async function hold(channel: string | null): Promise<{ release: () => void; done: Promise<unknown> }> {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  let entered: () => void = () => {};
  const inside = new Promise<void>((r) => (entered = r));
  const done = runPipeline(context(), { command: "push-tracking", channel, args: {} }, async () => {
    entered();
    await held;
    return { status: "succeeded", counts: {}, result: {} };
  });
  await Promise.race([inside, done]);
  return { release, done };
}

async function tryRun(channel: string | null): Promise<string> {
  const outcome = await runPipeline(context(), { command: "push-tracking", channel, args: {} }, async () => ({
    status: "succeeded",
    counts: {},
    result: {},
  }));
  return outcome.status;
}

describe.runIf(onServer)("run locks on a server", () => {
  it("a run of every channel excludes a run of one channel, both ways", async () => {
    const whole = await hold(null);
    expect(await tryRun("ebay-us")).toBe("skipped");
    whole.release();
    await whole.done;

    const one = await hold("ebay-us");
    expect(await tryRun(null)).toBe("skipped");
    expect(await tryRun("ebay-us")).toBe("skipped");
    expect(await tryRun("amazon-us")).toBe("succeeded");
    one.release();
    await one.done;
    expect(await tryRun(null)).toBe("succeeded");
  });
});

describe.runIf(!onServer)("run locks on the embedded database", () => {
  it("the folder lock keeps one process; runs in one process follow each other", async () => {
    expect(await tryRun(null)).toBe("succeeded");
    expect(await tryRun("ebay-us")).toBe("succeeded");
  });
});
