import { rm } from "node:fs/promises";
import knexFactory from "knex";
import type { CommandSpec } from "../cli/command-spec.js";
import type { CommandContext, CommandOutcome } from "../cli/context.js";
import { describeError } from "../errors.js";
import { startSandbox, type SandboxHandle } from "../sandbox/index.js";
import { openDatabase, type DatabaseTarget } from "../storage/database.js";
import { configureForScenario } from "./configure.js";
import { control, ordersDrainingSku, shipEverything } from "./sandbox-actions.js";
import { checkOrders, checkQuantities, checkTracking, type VerdictCheck } from "./verdict.js";

/** The commands the demo runs, passed in so the demo stays a plain script. */
export interface DemoCommands {
  migrate: CommandSpec;
  seed: CommandSpec;
  pullOrders: CommandSpec;
  pushTracking: CommandSpec;
  allocate: CommandSpec;
  rebalance: CommandSpec;
}

// The sandbox runs its rate limits this much faster, and hub's throttles
// with it, so the whole cycle takes seconds instead of hours.
const DEMO_TIME_SCALE = 1000;
const DEMO_SCHEMA = "hub_demo";

/**
 * `hub demo`: the whole cycle against the sandbox, on a database of its own
 * (a fresh embedded folder beside the configured one, or a `hub_demo`
 * schema on a server), so it never touches an operator's data.
 */
export async function runDemo(ctx: CommandContext, commands: DemoCommands): Promise<CommandOutcome> {
  const target = await demoTarget(ctx.options.target);
  const sandbox = await startSandbox({ port: 0, timeScale: DEMO_TIME_SCALE });
  for (const [key, value] of Object.entries(sandbox.env)) process.env[key] = value;
  process.env.HUB_TIME_SCALE = String(DEMO_TIME_SCALE);
  const stageCtx: CommandContext = { ...ctx, options: { ...ctx.options, target, dryRun: false, channels: [] } };
  const stages: Record<string, unknown> = {};
  const statuses: Record<string, string> = {};
  const run = async (title: string, spec: CommandSpec, options: Record<string, unknown> = {}): Promise<void> => {
    ctx.output.line("");
    ctx.output.line(ctx.output.tone(`== ${title}`, "good"));
    const phase = ctx.output.phase(title);
    const outcome = await spec.run(stageCtx, options, []);
    if (outcome.status === "failed") phase.fail();
    else phase.succeed();
    outcome.render?.(ctx.output);
    stages[title] = outcome.result;
    statuses[title] = outcome.status;
  };

  try {
    await run("migrate", commands.migrate);
    await run("seed", commands.seed);
    await withDb(target, (knex) => configureForScenario(knex, sandbox.world.scenario, ctx.user));
    ctx.output.line(`channels configured for the sandbox at ${sandbox.url}`);

    await run("pull-orders", commands.pullOrders);
    const perPackageChannels = new Set(
      sandbox.world.scenario.channels.filter((c) => c.kind === "amazon" || c.kind === "ebay").map((c) => c.id),
    );
    const shipped = await shipEverything(sandbox.url, heldOrders(sandbox), (key) =>
      perPackageChannels.has(key.slice(0, key.indexOf(":"))),
    );
    ctx.output.line("");
    ctx.output.table("the warehouse ships in ShipStation", ["order", "how"], shipped.map((s) => [s.orderKey, s.how]));
    stages.shipping = shipped;

    await run("push-tracking", commands.pushTracking);
    await run("allocate", commands.allocate);

    const drained = await drainOneSku(target, sandbox);
    ctx.output.line("");
    ctx.output.line(drained
      ? `new marketplace orders take ${drained.sku} down to its last units (${drained.units} sold)`
      : "no SKU suited a low-stock demonstration");
    stages.lowStockOrders = drained;
    await run("pull-orders (low stock)", commands.pullOrders);
    await run("rebalance", commands.rebalance);

    const verdict = await judge(target, sandbox, drained?.sku);
    const ok = verdict.every((v) => v.ok);
    return {
      status: ok ? "succeeded" : "failed",
      result: { ok, sandbox: sandbox.url, stages, statuses, verdict },
      render: (out) => {
        out.line("");
        out.table("verdict", ["check", "result", "detail"], verdict.map((v) => [v.check, out.tone(v.ok ? "pass" : "FAIL", v.ok ? "good" : "bad"), v.detail]));
        out.line(ok ? out.tone("the whole cycle worked", "good") : out.tone("the cycle did not end where it should: see the failed checks above", "bad"));
      },
    };
  } catch (error) {
    ctx.output.line(ctx.output.tone(`demo stopped: ${describeError(error)}`, "bad"));
    throw error;
  } finally {
    await sandbox.close();
  }
}

async function demoTarget(target: DatabaseTarget): Promise<DatabaseTarget> {
  if (target.kind === "embedded") {
    const dataDir = `${target.dataDir.replace(/[\\/]+$/, "")}-demo`;
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}.lock`, { recursive: true, force: true });
    return { kind: "embedded", dataDir };
  }
  const admin = knexFactory({ client: "pg", connection: target.url, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`drop schema if exists ${DEMO_SCHEMA} cascade`);
    await admin.raw(`create schema ${DEMO_SCHEMA}`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(target.url);
  url.searchParams.set("options", `-c search_path=${DEMO_SCHEMA}`);
  return { kind: "server", url: url.toString() };
}

async function withDb<T>(target: DatabaseTarget, body: (knex: import("knex").Knex) => Promise<T>): Promise<T> {
  const db = await openDatabase(target, { lockWaitMs: 30_000 });
  try {
    return await body(db.knex);
  } finally {
    await db.close();
  }
}

function heldOrders(sandbox: SandboxHandle) {
  return sandbox.state().shipstation.orders.map((o) => ({
    orderKey: String(o.orderKey),
    orderStatus: String(o.orderStatus),
    items: ((o.items as Array<{ sku: string; quantity: number }> | undefined) ?? []).map((i) => ({ sku: i.sku, quantity: i.quantity })),
  }));
}

/** Sells a SKU down to the low-stock threshold with new orders. */
async function drainOneSku(target: DatabaseTarget, sandbox: SandboxHandle): Promise<{ sku: string; units: number } | null> {
  const pick = await withDb(target, async (knex) => {
    const rows = await knex("shadow_inventory as s")
      .select("s.sku", "s.snapshot_available")
      .sum({ held: "d.quantity" })
      .leftJoin("shadow_deductions as d", function join() {
        this.on("d.sku", "=", "s.sku").andOnNull("d.closed_at");
      })
      .groupBy("s.sku", "s.snapshot_available")
      .orderBy("s.sku");
    const safety = Number((await knex("configs").where({ key: "inventory.safety_stock" }).first())?.value ?? 1);
    const threshold = Number((await knex("configs").where({ key: "inventory.low_stock_threshold" }).first())?.value ?? 1);
    for (const r of rows as Array<{ sku: string; snapshot_available: number; held: string | number | null }>) {
      const shadow = Number(r.snapshot_available) - Number(r.held ?? 0);
      const units = shadow - safety - threshold;
      if (units >= 3 && units <= 12) return { sku: r.sku, units };
    }
    return null;
  });
  if (!pick) return null;
  const channels = sandbox.world.scenario.channels.filter((c) => c.kind === "ebay" || c.kind === "rithum").map((c) => c.id);
  for (const order of ordersDrainingSku(pick.sku, "10.00", pick.units, channels, new Date())) {
    await control(sandbox.url, "orders", order);
  }
  return pick;
}

async function judge(target: DatabaseTarget, sandbox: SandboxHandle, drainedSku: string | undefined): Promise<VerdictCheck[]> {
  const state = sandbox.state();
  const scenario = sandbox.world.scenario;
  const expected = new Map<string, number>();
  for (const channel of scenario.channels) {
    const ready = scenario.orders.filter(
      (o) => o.channel === channel.id && (o.status === "unshipped" || o.status === "partially_shipped") && !o.cancel_requested,
    ).length;
    const added = sandbox.world.orders(channel.id).filter((o) => o.order_id.startsWith("DEMO-")).length;
    expected.set(channel.id, ready + added);
  }
  const { published, lowStock } = await withDb(target, async (knex) => ({
    published: await shownNow(knex),
    lowStock: await knex("alert_log").where({ kind: "low_stock" }).pluck("subject"),
  }));
  const checks = [
    ...checkOrders(state, expected),
    ...checkTracking(state),
    ...checkQuantities(state, published),
  ];
  if (drainedSku) {
    const alerted = lowStock.some((s: string) => s.includes(drainedSku));
    checks.push({ check: `low-stock protection for ${drainedSku}`, ok: alerted, detail: alerted ? "published at once with no oversell; one alert" : "no low-stock alert was raised" });
  }
  return checks;
}

/**
 * What hub expects each channel to show: its last sent quantity less the
 * units sold there since (the marketplace lowers its listing as it sells).
 */
async function shownNow(knex: import("knex").Knex): Promise<Array<{ channel: string; sku: string; quantity: number }>> {
  const last = (await knex("inventory_publications as p")
    .select("p.channel", "p.sku", "p.quantity", "p.sent_at")
    .whereIn("p.id", knex("inventory_publications").max("id").where("status", "sent").groupBy("channel", "sku"))) as Array<{ channel: string; sku: string; quantity: number; sent_at: string }>;
  const sold = (await knex("shadow_deductions").select("channel", "sku", "quantity", "opened_at")) as Array<{ channel: string; sku: string; quantity: number; opened_at: string }>;
  return last.map((p) => {
    const since = new Date(p.sent_at).getTime();
    const units = sold
      .filter((d) => d.channel === p.channel && d.sku === p.sku && new Date(d.opened_at).getTime() > since)
      .reduce((n, d) => n + Number(d.quantity), 0);
    return { channel: p.channel, sku: p.sku, quantity: Math.max(0, Number(p.quantity) - units) };
  });
}
