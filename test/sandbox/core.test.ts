import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { runSandbox } from "../../src/sandbox/cli.js";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { renderEnvFile } from "../../src/sandbox/index.js";
import { control, orderBody, ss, startTestSandbox } from "./helpers.js";

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startTestSandbox();
});
afterEach(async () => {
  await sb.close();
});

describe("server", () => {
  test("listens on 127.0.0.1 only, on the port it reports", () => {
    expect(sb.url).toBe(`http://127.0.0.1:${sb.port}`);
    expect(sb.port).toBeGreaterThan(0);
  });

  test("an unknown path is a plain JSON 404", async () => {
    for (const path of ["/nothing", "/shipstation/nothing", "/ch/nope/x"]) {
      const res = await fetch(`${sb.url}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await res.json()).toMatchObject({ error: "not found" });
    }
  });
});

describe("env", () => {
  test("names every variable hub needs", () => {
    const e = sb.env;
    expect(e.HUB_SHIPSTATION_URL).toBe(`${sb.url}/shipstation`);
    expect(e.HUB_SHIPSTATION_API_KEY).toBe("sandbox-client-id");
    expect(e.HUB_SHIPSTATION_API_SECRET).toBe("sandbox-api-secret");
    expect(e.HUB_ZOHO_API_URL).toBe(`${sb.url}/zoho`);
    expect(e.HUB_ZOHO_ACCOUNTS_URL).toBe(`${sb.url}/zoho-accounts`);
    expect(e.HUB_ZOHO_ORGANIZATION_ID).toBe("60000000001");
    expect(e.HUB_TIME_SCALE).toBe("1");
    expect(e.HUB_CHANNEL_AMAZON_US_URL).toBe(`${sb.url}/ch/amazon-us`);
    expect(e.HUB_CHANNEL_AMAZON_US_TOKEN_URL).toBe(
      `${sb.url}/ch/amazon-us/auth/o2/token`,
    );
    expect(e.HUB_CHANNEL_EBAY_US_TOKEN_URL).toBe(
      `${sb.url}/ch/ebay-us/identity/v1/oauth2/token`,
    );
    expect(e.HUB_CHANNEL_RITHUM_MAIN_TOKEN_URL).toBe(
      `${sb.url}/ch/rithum-main/oauth2/token`,
    );
    expect(e.HUB_CHANNEL_RITHUM_MAIN_REFRESH_TOKEN).toBe(
      "sandbox-refresh-token",
    );
    expect(e.HUB_CHANNEL_MIRAKL_ACME_API_KEY).toBe("sandbox-shop-api-key");
    expect(e.HUB_CHANNEL_MIRAKL_ACME_TOKEN_URL).toBeUndefined();
    expect(renderEnvFile({ A: "1", B: "x y" })).toBe("A=1\nB=x y\n");
  });

  test("runSandbox prints the env and writes the env file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sandbox-env-"));
    const lines: string[] = [];
    const handle = await runSandbox(
      { port: 0, timeScale: 10, envFile: join(dir, ".env.sandbox") },
      (l) => lines.push(l),
    );
    try {
      const text = await readFile(join(dir, ".env.sandbox"), "utf8");
      expect(text).toBe(renderEnvFile(handle.env));
      expect(text).toContain("HUB_TIME_SCALE=10\n");
      expect(lines.some((l) => l.includes(handle.url))).toBe(true);
      expect(lines.some((l) => l.includes("HUB_ZOHO_API_URL="))).toBe(true);
    } finally {
      await handle.close();
      await rm(dir, { recursive: true });
    }
  });
});

describe("state and counts", () => {
  test("counts requests per endpoint key; control routes are not counted", async () => {
    await ss(sb, "/stores");
    await ss(sb, "/stores");
    await ss(sb, "/orders/123");
    const { body } = await control(sb, "/state", undefined, "GET");
    const requests = body.requests as Record<string, number>;
    expect(requests["shipstation GET /stores"]).toBe(2);
    expect(requests["shipstation GET /orders/:orderId"]).toBe(1);
    expect(Object.keys(requests).some((k) => k.includes("_sandbox"))).toBe(
      false,
    );
  });

  test("shows ShipStation orders, channels and Zoho items", async () => {
    await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody("k:1", 101),
    });
    const state = sb.state();
    expect(state.shipstation.orders).toHaveLength(1);
    expect(Object.keys(state.channels)).toEqual([
      "amazon-us",
      "ebay-us",
      "mirakl-acme",
      "rithum-main",
    ]);
    expect(state.channels["amazon-us"]?.orders.length).toBeGreaterThan(0);
    expect(state.zoho.items.length).toBe(30);
  });

  test("records marketplace quantities and tracking through the world", () => {
    sb.world.setQuantity("ebay-us", "MUG-BLUE", 4);
    sb.world.recordTracking("ebay-us", {
      order_id: "12-00001-00001",
      carrier: "UPS",
      tracking_number: "1Z999AA10000000001",
      lines: { "110000000001": 2 },
      received_at: new Date().toISOString(),
      raw: {},
    });
    const ch = sb.state().channels["ebay-us"];
    expect(ch?.quantities).toEqual({ "MUG-BLUE": 4 });
    const order = ch?.orders.find((o) => o.order_id === "12-00001-00001");
    expect(order?.tracking[0]?.tracking_number).toBe("1Z999AA10000000001");
  });

  test("reset restores the scenario and clears counts", async () => {
    await ss(sb, "/orders/createorder", {
      method: "POST",
      body: orderBody("k:1", 101),
    });
    await control(sb, "/stock", { sku: "MUG-BLUE", available: 1 });
    const res = await control(sb, "/reset");
    expect(res.status).toBe(200);
    const state = sb.state();
    expect(state.shipstation.orders).toEqual([]);
    expect(state.requests).toEqual({});
    expect(sb.world.zoho.bySku("MUG-BLUE")?.available).toBe(48);
  });
});

describe("order control routes", () => {
  test("adds, replaces and cancels a marketplace order", async () => {
    const order = {
      channel: "amazon-us",
      order_id: "111-0000000-0000999",
      status: "unshipped",
      created_at: "2025-01-02T10:00:00Z",
      lines: [{ sku: "MUG-RED", quantity: 2, unit_price: "12.50" }],
    };
    expect((await control(sb, "/orders", order)).status).toBe(200);
    const added = sb.world.order("amazon-us", "111-0000000-0000999");
    expect(added?.lines[0]?.line_id).toBe("111-0000000-0000999-1");
    expect(added?.updated_at).toBe("2025-01-02T10:00:00Z");
    await control(sb, "/orders", { ...order, status: "pending" });
    const replaced = sb.world.order("amazon-us", "111-0000000-0000999");
    expect(replaced?.status).toBe("pending");
    expect(Date.parse(replaced?.updated_at ?? "")).toBeGreaterThan(
      Date.parse("2025-01-02T10:00:00Z"),
    );
    const cancel = await control(sb, "/orders/cancel", {
      channel: "amazon-us",
      order_id: "111-0000000-0000999",
    });
    expect(cancel.status).toBe(200);
    expect(sb.world.order("amazon-us", "111-0000000-0000999")?.status).toBe(
      "cancelled",
    );
  });

  test("a bad order names the bad field", async () => {
    const res = await control(sb, "/orders", {
      channel: "amazon-us",
      order_id: "x",
      status: "unshipped",
      created_at: "2025-01-02T10:00:00Z",
      lines: [{ sku: "A", quantity: 0, unit_price: "1.00" }],
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toContain("lines[0].quantity");
  });

  test("an order for an unknown channel is a 404", async () => {
    const res = await control(sb, "/orders", {
      channel: "nope",
      order_id: "x",
      status: "unshipped",
      created_at: "2025-01-02T10:00:00Z",
      lines: [{ sku: "A", quantity: 1, unit_price: "1.00" }],
    });
    expect(res.status).toBe(404);
  });
});
