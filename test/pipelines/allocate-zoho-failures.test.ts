import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../src/sandbox/index.js";
import type { ScenarioItem } from "../../src/sandbox/contract.js";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";
import { marketplaceRequests } from "./allocate-expectations.js";

/** More items than one Zoho page (200) holds, so the read pages. */
const extra: ScenarioItem[] = Array.from({ length: 230 }, (_, i) => ({
  sku: `FILLER-${String(i).padStart(3, "0")}`,
  name: `Filler item ${i}`,
  available: 10 + (i % 7),
}));

let world: HubWorld;
let front: http.Server;
let frontUrl = "";
/** What the stand-in in front of Zoho does with a request. */
let mode: "page-two-fails" | "invalid-client" = "page-two-fails";

beforeAll(async () => {
  world = await createHubWorld({
    ...defaultScenario,
    items: [...defaultScenario.items, ...extra],
  });
  const target = world.sandbox.url;
  // A small relay on loopback between hub and the sandbox's Zoho: it
  // passes calls through and breaks the one each test needs broken.
  front = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (mode === "invalid-client" && url.pathname.includes("/oauth/v2/token")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_client" }));
      return;
    }
    if (mode === "page-two-fails" && url.searchParams.get("page") === "2") {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: 500, message: "Internal error" }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void fetch(`${target}${req.url ?? "/"}`, {
        method: req.method ?? "GET",
        headers: req.headers as Record<string, string>,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      }).then(async (answer) => {
        res.writeHead(answer.status, {
          "content-type": answer.headers.get("content-type") ?? "text/plain",
        });
        res.end(Buffer.from(await answer.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => front?.close(resolve));
  await world?.close();
});

async function publications(): Promise<number> {
  const db = await world.db.open();
  try {
    const row = await db.knex("inventory_publications").count({ n: "*" }).first();
    return Number(row?.n ?? 0);
  } finally {
    await db.close();
  }
}

describe("allocate when Zoho fails", () => {
  it("publishes nothing when a later page of items fails", async () => {
    mode = "page-two-fails";
    const run = await runHub(["allocate"], {
      ...world.env,
      HUB_ZOHO_API_URL: `${frontUrl}/zoho`,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/published nothing: the Zoho read failed/);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(0);
    expect(await publications()).toBe(0);
  });

  it("B33: a token refused for the data centre publishes nothing", async () => {
    mode = "invalid-client";
    const db = await world.db.open();
    await db.knex("oauth_tokens").delete();
    await db.close();
    const run = await runHub(["allocate", "--json"], {
      ...world.env,
      HUB_ZOHO_ACCOUNTS_URL: `${frontUrl}/zoho-accounts`,
    });
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { error: string };
    expect(result.error).toMatch(/Zoho read failed/);
    expect(result.error).toMatch(/invalid_client/);
    expect(marketplaceRequests(world.sandbox.state().requests)).toBe(0);
    expect(await publications()).toBe(0);
  });
});
