import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Knex } from "knex";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import type { Database } from "../../src/storage/database.js";
import { readWaitingZohoEvents } from "../../src/storage/repos/inventory-inbox.js";
import { waitingShipEvents } from "../../src/storage/repos/tracking-inbox.js";
import { runHub } from "../support/cli.js";
import { createTestDatabase, onServer, type TestDatabase } from "../support/db.js";
import { startServe, type ServeProcess } from "./serve-process.js";

const SS_TOKEN = "ss-token-0123456789abcdef";
const ZOHO_TOKEN = "zoho-token-0123456789abcdef";

describe("serve-webhooks on the embedded database", () => {
  it("refuses with exit 2 and says to set DATABASE_URL", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hub-serve-"));
    try {
      const run = await runHub(["serve-webhooks", "--port", "0"], {
        HUB_DATA_DIR: path.join(dir, "data"),
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("needs a PostgreSQL server");
      expect(run.stderr).toContain("DATABASE_URL");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(onServer)("serve-webhooks on a PostgreSQL server", () => {
  let testDb: TestDatabase;
  let db: Database;
  let knex: Knex;
  let sandbox: SandboxHandle;
  let serve: ServeProcess;
  let lure: Server;
  let lureHits = 0;
  let lureUrl = "";

  const post = (route: string, body: string | object, token = SS_TOKEN) =>
    fetch(`${serve.url}/webhooks/${route}/${token}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  const inbox = (): Promise<Array<Record<string, unknown>>> =>
    knex("webhook_inbox").select().orderBy("id");

  beforeAll(async () => {
    testDb = await createTestDatabase();
    await testDb.migrate();
    db = await testDb.open();
    knex = db.knex;
    sandbox = await startSandbox({ port: 0 });
    // A local server standing where a forged resource_url points: any hit
    // would mean serve-webhooks fetched it.
    lure = createServer((req, res) => {
      lureHits += 1;
      res.end("{}");
    });
    await new Promise<void>((resolve) => lure.listen(0, "127.0.0.1", resolve));
    lureUrl = `http://127.0.0.1:${(lure.address() as AddressInfo).port}`;
    serve = await startServe({
      ...testDb.env,
      HUB_SHIPSTATION_URL: sandbox.env.HUB_SHIPSTATION_URL ?? "",
      HUB_SHIPSTATION_WEBHOOK_TOKEN: SS_TOKEN,
      HUB_ZOHO_WEBHOOK_TOKEN: ZOHO_TOKEN,
    });
  });

  afterAll(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop("SIGKILL");
    await sandbox?.close();
    await new Promise<void>((resolve) => (lure ? lure.close(() => resolve()) : resolve()));
    await db?.close();
    await testDb?.drop();
  });

  beforeEach(async () => {
    await knex("webhook_inbox").del();
  });

  it("stores a ShipStation event once when it is delivered twice", async () => {
    const auth = Buffer.from(
      `${sandbox.env.HUB_SHIPSTATION_API_KEY}:${sandbox.env.HUB_SHIPSTATION_API_SECRET}`,
    ).toString("base64");
    const subscribed = await fetch(`${sandbox.env.HUB_SHIPSTATION_URL}/webhooks/subscribe`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${auth}` },
      body: JSON.stringify({
        target_url: `${serve.url}/webhooks/shipstation/${SS_TOKEN}`,
        event: "SHIP_NOTIFY",
      }),
    });
    expect(subscribed.status).toBe(201);

    const notify = await fetch(`${sandbox.url}/_sandbox/shipstation/notify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ duplicate: true, batchId: "90001" }),
    });
    const sent = (await notify.json()) as { deliveries: Array<{ status?: number }> };
    expect(sent.deliveries.map((d) => d.status)).toEqual([200, 200]);

    const rows = await inbox();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.source).toBe("shipstation");
    expect(rows[0]?.resource_type).toBe("SHIP_NOTIFY");
    const raw = JSON.parse(String(rows[0]?.raw)) as { resource_url: string };
    expect(raw.resource_url).toContain("batchId=90001");
    // push-tracking reads it back from the inbox.
    const waiting = await waitingShipEvents(knex);
    expect(waiting.map((e) => e.resourceUrl)).toEqual([raw.resource_url]);
  });

  it("refuses a resource_url on another host without calling it", async () => {
    for (const resourceUrl of [
      `${lureUrl}/shipments?batchId=1`,
      "https://ssapi6.shipstation.com.example.invalid/shipments?batchId=1",
    ]) {
      const res = await post("shipstation", {
        resource_url: resourceUrl,
        resource_type: "SHIP_NOTIFY",
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: string }).error).toContain("resource_url");
    }
    expect(lureHits).toBe(0);
    expect(await inbox()).toHaveLength(0);
  });

  it("refuses oversized and malformed bodies and stores nothing", async () => {
    const good = `${sandbox.env.HUB_SHIPSTATION_URL}/shipments?batchId=2`;
    const oversized = JSON.stringify({
      resource_url: good,
      resource_type: "SHIP_NOTIFY",
      padding: "x".repeat(70 * 1024),
    });
    expect((await post("shipstation", oversized)).status).toBe(413);
    expect((await post("shipstation", "{not json")).status).toBe(400);
    expect((await post("shipstation", { resource_url: good })).status).toBe(400);
    const badType = await post("shipstation", { resource_url: good, resource_type: "EVERYTHING" });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { error: string }).error).toContain("resource_type");
    expect((await post("shipstation", [1, 2])).status).toBe(400);
    const zohoExtra = await post(
      "zoho",
      { item_id: "4815000000044208", sku: "MUG-BLUE", stok: "1" },
      ZOHO_TOKEN,
    );
    expect(zohoExtra.status).toBe(400);
    expect(((await zohoExtra.json()) as { error: string }).error).toContain("stok");
    expect(await inbox()).toHaveLength(0);
  });

  it("refuses a wrong token and a wrong method", async () => {
    const event = {
      resource_url: `${sandbox.env.HUB_SHIPSTATION_URL}/shipments?batchId=3`,
      resource_type: "SHIP_NOTIFY",
    };
    expect((await post("shipstation", event, `${SS_TOKEN}x`)).status).toBe(404);
    expect((await post("shipstation", event, ZOHO_TOKEN)).status).toBe(404);
    expect((await post("zoho", event, SS_TOKEN)).status).toBe(404);
    const get = await fetch(`${serve.url}/webhooks/shipstation/${SS_TOKEN}`);
    expect(get.status).toBe(405);
    expect(await inbox()).toHaveLength(0);
    // The token never reaches the log.
    expect(serve.stderr()).not.toContain(SS_TOKEN);
  });

  it("stores Zoho item events", async () => {
    const notify = await fetch(`${sandbox.url}/_sandbox/zoho/notify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: `${serve.url}/webhooks/zoho/${ZOHO_TOKEN}`, sku: "MUG-BLUE" }),
    });
    const sent = (await notify.json()) as { delivery: { status?: number } };
    expect(sent.delivery.status).toBe(200);

    const timed = {
      item_id: "4815000000044299",
      sku: "PLATE-RED",
      available_stock: "60",
      last_modified_time: "2026-01-02T12:44:26+0530",
    };
    expect((await post("zoho", timed, ZOHO_TOKEN)).status).toBe(200);
    const repeat = await post("zoho", timed, ZOHO_TOKEN);
    expect(((await repeat.json()) as { status: string }).status).toBe("duplicate");

    const rows = await inbox();
    expect(rows.map((r) => r.source)).toEqual(["zoho", "zoho"]);
    const waiting = await readWaitingZohoEvents(knex);
    const skus = waiting.map((e) => (e.payload as { sku: string }).sku);
    expect(skus).toEqual(["MUG-BLUE", "PLATE-RED"]);
  });

  it("reports health and metrics from the database", async () => {
    const endedAt = new Date(Date.now() - 120_000);
    await knex("task_executions").insert([
      { command: "pull-orders", host: "test", pid: 1, status: "succeeded",
        started_at: endedAt, ended_at: endedAt,
        counts: JSON.stringify({ channels: { "amazon-us": { created: 3, failed: 1 } } }) },
      { command: "pull-orders", host: "test", pid: 1, status: "failed",
        ended_at: new Date(), counts: JSON.stringify({ retries: 2 }) },
    ]);
    await knex("sync_cursors").insert({
      channel: "amazon-us", stream: "orders", cursor_at: new Date(Date.now() - 600_000),
    });
    await post("shipstation", {
      resource_url: `${sandbox.env.HUB_SHIPSTATION_URL}/shipments?batchId=4`,
      resource_type: "SHIP_NOTIFY",
    });

    const health = await fetch(`${serve.url}/health`);
    expect(health.status).toBe(200);
    const body = (await health.json()) as {
      status: string;
      database: { reachable: boolean };
      commands: Array<{ command: string; lastSuccessAt: string; ageSeconds: number }>;
    };
    expect(body.status).toBe("ok");
    expect(body.database.reachable).toBe(true);
    expect(body.commands).toHaveLength(1);
    expect(body.commands[0]?.command).toBe("pull-orders");
    expect(body.commands[0]?.lastSuccessAt).toBe(endedAt.toISOString());
    expect(body.commands[0]?.ageSeconds).toBeGreaterThanOrEqual(119);

    const metrics = await fetch(`${serve.url}/metrics`);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toContain("hub_database_up 1");
    expect(text).toContain('hub_runs{command="pull-orders",status="succeeded"} 1');
    expect(text).toContain('hub_runs{command="pull-orders",status="failed"} 1');
    expect(text).toContain('hub_run_counts{command="pull-orders",channel="amazon-us",key="created"} 3');
    expect(text).toContain('hub_run_counts{command="pull-orders",channel="",key="retries"} 2');
    expect(text).toContain('hub_webhook_inbox_depth{source="shipstation"} 1');
    expect(text).toContain(
      `hub_last_success_timestamp_seconds{command="pull-orders"} ${endedAt.getTime() / 1000}`,
    );
    const lag = /hub_cursor_lag_seconds\{channel="amazon-us",stream="orders"\} ([0-9.]+)/.exec(text);
    expect(Number(lag?.[1])).toBeGreaterThanOrEqual(600);
  });

  it("finishes a request in flight on SIGTERM, then exits 0", async () => {
    const body = JSON.stringify({
      resource_url: `${sandbox.env.HUB_SHIPSTATION_URL}/shipments?batchId=5`,
      resource_type: "SHIP_NOTIFY",
    });
    const target = new URL(`${serve.url}/webhooks/shipstation/${SS_TOKEN}`);
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        target,
        {
          method: "POST",
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      // The rest arrives after the server was told to stop.
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exit = serve.stop("SIGTERM");

    expect(await answer).toBe(200);
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(await inbox()).toHaveLength(1);
    await expect(fetch(`${serve.url}/health`)).rejects.toThrow();
  });
});
