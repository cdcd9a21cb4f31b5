import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHub } from "../support/cli.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function history(): Promise<Array<{ key: string; new_value: unknown }>> {
  const open = await db.open();
  try {
    return await open.knex("config_history").select("key", "new_value").orderBy("id");
  } finally {
    await open.close();
  }
}

describe("hub config", () => {
  it("migrates, sets and reads back a value", async () => {
    const migrate = await runHub(["migrate"], db.env);
    expect(migrate.code, migrate.stderr).toBe(0);
    const set = await runHub(["config", "set", "inventory.safety_stock", "2"], db.env);
    expect(set.code, set.stderr).toBe(0);
    const get = await runHub(["config", "get", "inventory.safety_stock", "--json"], db.env);
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toMatchObject({ key: "inventory.safety_stock", value: 2 });
  });

  it.each([
    [["inventory.safety_stock", "-1"], "inventory.safety_stock"],
    [["channels.amazon-us.ratio", "150"], "channels.amazon-us.ratio"],
    [["nonsense.key", "1"], "nonsense.key"],
    [["inventory.max_oversell_pct", "99"], "inventory.max_oversell_pct"],
    [["inventory.safety_stock", "two"], "inventory.safety_stock"],
  ])("refuses %j with exit 2, naming the key, changing nothing", async (args, key) => {
    const before = await history();
    const run = await runHub(["config", "set", ...args], db.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(key);
    expect(await history()).toEqual(before);
  });

  it("keeps a history row with old and new value and the OS user", async () => {
    await runHub(["config", "set", "inventory.safety_stock", "3"], db.env);
    const open = await db.open();
    try {
      const last = await open.knex("config_history").orderBy("id", "desc").first();
      expect(last).toMatchObject({ key: "inventory.safety_stock", old_value: 2, new_value: 3 });
      expect(String(last.changed_by).length).toBeGreaterThan(0);
    } finally {
      await open.close();
    }
  });

  it("refuses to enable a channel that has no ShipStation store", async () => {
    const run = await runHub(["config", "set", "channels.ebay-us.kind", "ebay"], db.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("store_id");
    const ok1 = await runHub(["config", "set", "channels.ebay-us.store_id", "12"], db.env);
    const ok2 = await runHub(["config", "set", "channels.ebay-us.kind", "ebay"], db.env);
    expect([ok1.code, ok2.code]).toEqual([0, 0]);
  });

  it("refuses to remove a live channel's kind or store, until the channel is disabled", async () => {
    for (const key of ["channels.ebay-us.kind", "channels.ebay-us.store_id"]) {
      const refused = await runHub(["config", "unset", key], db.env);
      expect(refused.code, key).toBe(2);
      expect(refused.stderr).toContain("channels.ebay-us.enabled false");
    }
    const kind = await runHub(["config", "get", "channels.ebay-us.kind", "--json"], db.env);
    expect(JSON.parse(kind.stdout)).toMatchObject({ value: "ebay" });
    const off = await runHub(["config", "set", "channels.ebay-us.enabled", "false"], db.env);
    expect(off.code, off.stderr).toBe(0);
    const removed = await runHub(["config", "unset", "channels.ebay-us.kind"], db.env);
    expect(removed.code, removed.stderr).toBe(0);
  });

  it("seed never overwrites an operator's value", async () => {
    const seed = await runHub(["seed"], db.env);
    expect(seed.code, seed.stderr).toBe(0);
    const get = await runHub(["config", "get", "inventory.safety_stock", "--json"], db.env);
    expect(JSON.parse(get.stdout).value).toBe(3);
    const cap = await runHub(["config", "get", "inventory.max_oversell_pct", "--json"], db.env);
    expect(JSON.parse(cap.stdout)).toMatchObject({ value: 150, source: "seed" });
  });

  it("unset brings the default back", async () => {
    const run = await runHub(["config", "unset", "inventory.safety_stock"], db.env);
    expect(run.code).toBe(0);
    const get = await runHub(["config", "get", "inventory.safety_stock", "--json"], db.env);
    expect(JSON.parse(get.stdout)).toMatchObject({ value: 1, source: "default" });
  });

  it("migrate --status lists nothing pending", async () => {
    const run = await runHub(["migrate", "--status", "--json"], db.env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).pending).toEqual([]);
  });

  it("lists every subcommand in --help", async () => {
    const run = await runHub(["--help"], db.env);
    for (const name of ["migrate", "seed", "config", "pull-orders", "push-tracking", "allocate", "rebalance", "serve-webhooks", "status", "doctor", "cleanup", "sandbox", "demo"]) {
      expect(run.stdout).toContain(name);
    }
  });

  it("answers an unknown option with exit 2", async () => {
    const run = await runHub(["migrate", "--nonsense"], db.env);
    expect(run.code).toBe(2);
  });
});
