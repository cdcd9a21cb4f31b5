import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Settings } from "../../src/config/settings.js";
import {
  checkWatchdog,
  judgeWatchdog,
  raiseWatchdogAlerts,
  type CommandFacts,
  type WatchdogFacts,
} from "../../src/ops/watchdog.js";
import type { Database } from "../../src/storage/database.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

const NOW = new Date("2026-12-10T12:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

function command(over: Partial<CommandFacts>): CommandFacts {
  return {
    command: "pull-orders",
    intervalMinutes: 5,
    lastSuccessAt: null,
    firstRunAt: null,
    scheduledSince: null,
    ...over,
  };
}

function facts(over: Partial<WatchdogFacts>): WatchdogFacts {
  return { commands: [], channels: [], ...over };
}

describe("judgeWatchdog (pure)", () => {
  it("fires the dead man's switch once a success is older than twice the interval", () => {
    const at = (m: number) =>
      judgeWatchdog(
        facts({
          commands: [
            command({
              lastSuccessAt: minutesAgo(m),
              firstRunAt: minutesAgo(500),
            }),
          ],
        }),
        NOW,
      );
    expect(at(10)).toEqual([]);
    const late = at(11);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      kind: "dead_man",
      subject: "pull-orders",
      limitMinutes: 10,
      ageMinutes: 11,
    });
    expect(late[0]?.message).toContain("hub status");
  });

  it("stays quiet for a command that never ran and was never scheduled", () => {
    expect(
      judgeWatchdog(
        facts({
          commands: [command({ command: "allocate", intervalMinutes: 60 })],
        }),
        NOW,
      ),
    ).toEqual([]);
  });

  it("counts a never-successful command from its first run or its schedule", () => {
    const ran = command({ firstRunAt: minutesAgo(30) });
    const scheduled = command({
      command: "cleanup",
      intervalMinutes: 1440,
      scheduledSince: minutesAgo(3000),
    });
    const fresh = command({
      command: "allocate",
      intervalMinutes: 60,
      scheduledSince: minutesAgo(60),
    });
    const found = judgeWatchdog(
      facts({ commands: [ran, scheduled, fresh] }),
      NOW,
    );
    expect(found.map((f) => [f.subject, f.lastAt, f.ageMinutes])).toEqual([
      ["pull-orders", null, 30],
      ["cleanup", null, 3000],
    ]);
  });

  it("reports silence past silence_hours, and never when it is 0", () => {
    const found = judgeWatchdog(
      facts({
        channels: [
          {
            channel: "shop-a",
            silenceHours: 6,
            lastOrderAt: minutesAgo(361),
            configuredAt: minutesAgo(9000),
          },
          {
            channel: "shop-b",
            silenceHours: 6,
            lastOrderAt: minutesAgo(359),
            configuredAt: minutesAgo(9000),
          },
          {
            channel: "shop-c",
            silenceHours: 0,
            lastOrderAt: minutesAgo(9000),
            configuredAt: minutesAgo(9000),
          },
          {
            channel: "shop-d",
            silenceHours: 1,
            lastOrderAt: null,
            configuredAt: minutesAgo(120),
          },
        ],
      }),
      NOW,
    );
    expect(
      found.map((f) => [f.kind, f.subject, f.limitMinutes, f.ageMinutes]),
    ).toEqual([
      ["silence", "shop-a", 360, 361],
      ["silence", "shop-d", 60, 120],
    ]);
    expect(found[0]?.message).toContain("hub pull-orders --channel shop-a");
  });
});

describe("checkWatchdog on a database", () => {
  let tdb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    await tdb.migrate();
    db = await tdb.open();
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });
  beforeEach(async () => {
    for (const table of [
      "task_executions",
      "order_mappings",
      "configs",
      "alert_log",
    ]) {
      await db.knex(table).del();
    }
  });

  async function run(
    command: string,
    status: string,
    endedMinutesAgo: number,
    now = NOW,
    args = {},
  ) {
    const ago = (m: number) => new Date(now.getTime() - m * 60_000);
    await db.knex("task_executions").insert({
      command,
      args: JSON.stringify(args),
      host: "test-host",
      pid: 1,
      status,
      started_at: ago(endedMinutesAgo + 1),
      ended_at: ago(endedMinutesAgo),
    });
  }

  async function setting(
    key: string,
    value: unknown,
    writtenMinutesAgo: number,
  ) {
    await db.knex("configs").insert({
      key,
      value: JSON.stringify(value),
      updated_by: "test",
      updated_at: minutesAgo(writtenMinutesAgo),
    });
  }

  it("reads last successes, explicit schedules and channel silence", async () => {
    await run("pull-orders", "succeeded", 30);
    await run("pull-orders", "failed", 2);
    await run("push-tracking", "succeeded", 5);
    // A dry run proves nothing: it does not reset the switch.
    await run("pull-orders", "succeeded", 1, NOW, { dryRun: true });
    await setting("schedule.allocate.interval_minutes", 30, 200);
    await setting("inventory.rebalance_interval_minutes", 240, 9000);
    await setting("channels.shop-a.kind", "ebay", 9000);
    await setting("channels.shop-a.silence_hours", 2, 9000);
    await db.knex("order_mappings").insert({
      order_key: "shop-a:1001",
      channel: "shop-a",
      marketplace_order_id: "1001",
      status: "sent",
      created_at: minutesAgo(180),
    });

    const settings = await Settings.load(db.knex);
    const found = await checkWatchdog(db.knex, settings, NOW);
    expect(found.map((f) => [f.kind, f.subject, f.ageMinutes])).toEqual([
      ["dead_man", "pull-orders", 30],
      ["dead_man", "allocate", 200],
      ["silence", "shop-a", 180],
    ]);
    // rebalance and cleanup never ran and have no schedule: no alarm.
  });

  it("raises one alert per finding and suppresses a repeat in the quiet period", async () => {
    // raiseAlert measures the quiet period on this host's clock.
    const now = new Date();
    await run("pull-orders", "succeeded", 60, now);
    const settings = Settings.fromEntries([["alerts.quiet_minutes", 60]]);
    const found = await checkWatchdog(db.knex, settings, now);
    expect(found.map((f) => f.subject)).toEqual(["pull-orders"]);
    expect(await raiseWatchdogAlerts(db.knex, settings, found)).toBe(1);
    expect(await raiseWatchdogAlerts(db.knex, settings, found)).toBe(0);
    const rows = await db
      .knex("alert_log")
      .select("alert_key", "kind", "suppressed")
      .orderBy("id");
    expect(rows).toEqual([
      {
        alert_key: "dead_man:pull-orders",
        kind: "dead_man",
        suppressed: false,
      },
      { alert_key: "dead_man:pull-orders", kind: "dead_man", suppressed: true },
    ]);
  });
});
