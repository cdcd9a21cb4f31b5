import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UpstreamError } from "../../src/errors.js";
import {
  defaultScenario,
  startSandbox,
  type SandboxHandle,
} from "../../src/sandbox/index.js";
import { ZohoClient } from "../../src/zoho/client.js";
import { accountsClient, zohoAccessToken } from "../../src/zoho/token.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { useSandbox, type SandboxEnv } from "../shipstation/sandbox-env.js";
import { answer, startLocalServer } from "./local-server.js";

let env: SandboxEnv;
let database: TestDatabase;
let knex: Knex;
let closeDb: () => Promise<void>;
let realTime: SandboxHandle;

const ITEMS = 450;
const scenario = {
  ...defaultScenario,
  orders: [],
  items: [
    { sku: "TOWEL-GRY", name: "Towel, Grey", available: 51, committed: 29 },
    ...Array.from({ length: ITEMS - 1 }, (_, i) => ({
      sku: `SKU-${String(i).padStart(4, "0")}`,
      name: `Example Item ${i}`,
      available: (i % 7) - 1,
    })),
  ],
};

const TOKEN_KEY = "zoho-accounts POST /oauth/v2/token";
const LIST_KEY = "zoho GET /inventory/v1/items";
const requests = (key: string) => env.sandbox.state().requests[key] ?? 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.migrate();
  const db = await database.open();
  knex = db.knex;
  closeDb = db.close;
  env = await useSandbox({ scenario }, { HUB_HTTP_TIMEOUT_MS: "2000" });
  realTime = await startSandbox({ port: 0, scenario });
});

afterAll(async () => {
  await env.stop();
  await realTime.close();
  await closeDb();
  await database.drop();
});

const zoho = () => new ZohoClient(env.http(), env.settings, knex);

/** Runs `fn` with some variables set, then restores them. */
async function withEnv<T>(
  vars: Record<string, string>,
  fn: () => Promise<T>,
): Promise<T> {
  const saved = Object.keys(vars).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs `fn` with HUB_ZOHO_API_URL pointed at `url`. */
const withApiUrl = <T>(url: string, fn: () => Promise<T>) =>
  withEnv({ HUB_ZOHO_API_URL: url }, fn);

/**
 * Runs `fn` against a sandbox on real time: at time scale 1000 its token
 * lifetime and refresh window last milliseconds, too short to count on.
 */
const onRealTime = <T>(fn: () => Promise<T>) =>
  withEnv(
    {
      HUB_ZOHO_API_URL: realTime.env.HUB_ZOHO_API_URL ?? "",
      HUB_ZOHO_ACCOUNTS_URL: realTime.env.HUB_ZOHO_ACCOUNTS_URL ?? "",
    },
    fn,
  );
const realTokens = () => realTime.state().requests[TOKEN_KEY] ?? 0;

describe("ZohoClient against the sandbox", () => {
  it("refreshes once and reuses the cached token across two clients", async () => {
    await onRealTime(async () => {
      const tokensBefore = realTokens();
      const first = await zoho().listItems({ sku: "TOWEL-GRY" });
      const second = await zoho().listItems({ sku: "TOWEL-GRY" });
      expect(first.items).toHaveLength(1);
      expect(second.items).toHaveLength(1);
      expect(realTokens() - tokensBefore).toBe(1);
    });
  });

  it("follows every page to the end with ids intact (B35 figure)", async () => {
    // The cached token belongs to the other sandbox: let the 401 refresh
    // happen before counting.
    await zoho().listItems({ sku: "TOWEL-GRY" });
    const before = requests(LIST_KEY);
    const listing = await zoho().listItems();
    expect(listing.items).toHaveLength(ITEMS);
    expect(requests(LIST_KEY) - before).toBe(Math.ceil(ITEMS / 200));
    const expected = env.sandbox.world.zoho.items.map((i) => i.item_id).sort();
    expect(listing.items.map((i) => i.itemId).sort()).toEqual(expected);
    expect(listing.items.every((i) => /^\d{19}$/.test(i.itemId))).toBe(true);
    const towel = listing.items.find((i) => i.sku === "TOWEL-GRY");
    expect(towel?.available).toBe(51);
    expect(listing.items.find((i) => i.sku === "SKU-0000")?.available).toBe(-1);
    expect(listing.skippedWithoutSku).toBe(0);
  });

  it("looks up the SKUs a webhook names and reports unknown ones", async () => {
    const found = await zoho().getItems([
      "TOWEL-GRY",
      "SKU-0003",
      "NO-SUCH-SKU",
    ]);
    expect(found.items.map((i) => [i.sku, i.available])).toEqual([
      ["TOWEL-GRY", 51],
      ["SKU-0003", 2],
    ]);
    expect(found.missing).toEqual(["NO-SUCH-SKU"]);
  });

  it("throws, never a partial list, when a page fails half-way", async () => {
    const proxy = await startLocalServer(async (req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.searchParams.get("page") === "2") {
        answer(res, 500, '{"code":1,"message":"Internal server error."}');
        return;
      }
      const upstream = await fetch(
        `${env.sandbox.url}/zoho${url.pathname}${url.search}`,
        {
          headers: { authorization: req.headers.authorization ?? "" },
        },
      );
      answer(res, upstream.status, await upstream.text());
    });
    try {
      await withApiUrl(proxy.url, async () => {
        const error = await zoho()
          .listItems()
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).details.status).toBe(500);
      });
    } finally {
      await proxy.close();
    }
  });

  it("treats a non-zero code sent with HTTP 200 as an error, and keeps numeric big ids", async () => {
    const server = await startLocalServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.searchParams.get("sku") === "BROKEN") {
        answer(res, 200, '{"code":1002,"message":"Item does not exist."}');
        return;
      }
      answer(
        res,
        200,
        '{"code":0,"message":"success","items":[{"item_id":4815000000044208123,' +
          '"sku":"BIG-ID","name":"Big","status":"active","actual_available_stock":"7"},' +
          '{"item_id":4815000000044208124,"sku":"","name":"No SKU","actual_available_stock":1}],' +
          '"page_context":{"page":1,"per_page":200,"has_more_page":false}}',
      );
    });
    try {
      await withApiUrl(server.url, async () => {
        const listing = await zoho().listItems();
        expect(listing.items).toEqual([
          expect.objectContaining({
            itemId: "4815000000044208123",
            sku: "BIG-ID",
            available: 7,
          }),
        ]);
        expect(listing.skippedWithoutSku).toBe(1);
        const error = await zoho()
          .listItems({ sku: "BROKEN" })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).details).toMatchObject({
          code: "1002",
          retryable: false,
        });
      });
    } finally {
      await server.close();
    }
  });

  it("reports the refresh limit as not retryable with a clear message", async () => {
    const accountsUrl = realTime.env.HUB_ZOHO_ACCOUNTS_URL ?? "";
    // Another program spends the ten refreshes of this refresh token.
    const grant = new URLSearchParams({
      refresh_token: process.env.HUB_ZOHO_REFRESH_TOKEN ?? "",
      client_id: process.env.HUB_ZOHO_CLIENT_ID ?? "",
      client_secret: process.env.HUB_ZOHO_CLIENT_SECRET ?? "",
      grant_type: "refresh_token",
    });
    await Promise.all(
      Array.from({ length: 12 }, () =>
        fetch(`${accountsUrl}/oauth/v2/token?${grant.toString()}`, {
          method: "POST",
        }),
      ),
    );
    const before = realTokens();
    const accounts = accountsClient(env.http(), accountsUrl);
    const failure = await zohoAccessToken(knex, accounts, true).catch(
      (e: unknown) => e,
    );
    // Refused, and not tried again.
    expect(realTokens() - before).toBe(1);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).details).toMatchObject({
      code: "refresh_limit",
      retryable: false,
    });
    expect((failure as UpstreamError).message).toMatch(/10 refreshes/);
  });
});
