import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/cli/context.js";
import { Output } from "../../src/cli/output.js";
import { createLogger } from "../../src/log/logger.js";
import { runPipeline } from "../../src/runs/run-pipeline.js";
import { runHub } from "../support/cli.js";
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

describe("two runs of one command at once", () => {
  it.runIf(onServer)("on a server: one works, the other is recorded as skipped", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    let entered: () => void = () => {};
    const inside = new Promise<void>((r) => (entered = r));
    const first = runPipeline(context(), { command: "pull-orders", args: {} }, async () => {
      entered();
      await held;
      return { status: "succeeded", counts: { created: 1 }, result: {} };
    });
    await inside;
    const second = await runPipeline(context(), { command: "pull-orders", args: {} }, async () => {
      throw new Error("the second run must not do the work");
    });
    release();
    expect(second.status).toBe("skipped");
    expect((await first).status).toBe("succeeded");
    const open = await db.open();
    try {
      const rows = await open.knex("task_executions").where({ command: "pull-orders" }).orderBy("id");
      expect(rows.map((r) => r.status)).toEqual(["succeeded", "skipped"]);
      expect(rows.every((r) => r.ended_at !== null)).toBe(true);
    } finally {
      await open.close();
    }
  });

  it.runIf(!onServer)("on the embedded database: a second process waits, then is skipped and logged", async () => {
    const holder = await db.open();
    try {
      const run = await runHub(["config", "set", "inventory.safety_stock", "4"], { ...db.env, HUB_LOCK_WAIT_MS: "300" });
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/skipped/);
    } finally {
      await holder.close();
    }
    const get = await runHub(["config", "get", "inventory.safety_stock", "--json"], db.env);
    expect(JSON.parse(get.stdout).value).toBe(1);
  });

  it("two processes writing at once lose no write", async () => {
    const writer = (prefix: string) =>
      (async () => {
        const codes: Array<number | null> = [];
        for (let i = 0; i < 4; i++) {
          const run = await runHub(["config", "set", `sku.${prefix}-${i}.safety_stock`, String(i)], { ...db.env, HUB_LOCK_WAIT_MS: "30000" });
          codes.push(run.code);
        }
        return codes;
      })();
    const [a, b] = await Promise.all([writer("A"), writer("B")]);
    expect([...a, ...b].every((c) => c === 0)).toBe(true);
    const open = await db.open();
    try {
      const keys = (await open.knex("configs").where("key", "like", "sku.%").pluck("key")).sort();
      expect(keys).toEqual([0, 1, 2, 3].flatMap((i) => [`sku.A-${i}.safety_stock`, `sku.B-${i}.safety_stock`]).sort());
    } finally {
      await open.close();
    }
  });

  it("a run that throws still gets its end recorded, and a dead run is closed by the next", async () => {
    const open = await db.open();
    await open.knex("task_executions").insert({ command: "push-tracking", args: "{}", host: "gone", pid: 1, status: "running" });
    await open.close();
    await expect(
      runPipeline(context(), { command: "push-tracking", args: {} }, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const again = await db.open();
    try {
      const rows = await again.knex("task_executions").where({ command: "push-tracking" }).orderBy("id");
      expect(rows.map((r) => [r.status, r.ended_at !== null])).toEqual([
        ["failed", true],
        ["failed", true],
      ]);
      expect(rows[0]?.error).toMatch(/abandoned/);
      expect(rows[1]?.error).toBe("boom");
    } finally {
      await again.close();
    }
  });
});
