import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/contract.js";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { defaultScenario } from "../../src/sandbox/index.js";
import type { Scenario } from "../../src/sandbox/contract.js";
import {
  control,
  startReceiver,
  startTestSandbox,
  zohoToken,
} from "./helpers.js";

const ORG = "60000000001";
let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startTestSandbox();
});
afterEach(async () => {
  await sb.close();
});

interface Item {
  item_id: string;
  sku: string;
  available_stock: number;
  stock_on_hand: number;
  last_modified_time: string;
  committed_stock?: number;
  available_for_sale_stock?: number;
}
interface ItemsPage {
  code: number;
  items: Item[];
  page_context: { page: number; per_page: number; has_more_page: boolean };
}

function api(path: string, token: string | undefined): Promise<Response> {
  return fetch(`${sb.url}/zoho${path}`, {
    headers: token ? { Authorization: `Zoho-oauthtoken ${token}` } : {},
  });
}

function tokenUrl(params: Record<string, string>): string {
  return `${sb.url}/zoho-accounts/oauth/v2/token?${new URLSearchParams(params)}`;
}

const goodGrant = {
  refresh_token: SANDBOX_CREDENTIALS.refreshToken,
  client_id: SANDBOX_CREDENTIALS.clientId,
  client_secret: SANDBOX_CREDENTIALS.clientSecret,
  grant_type: "refresh_token",
};

describe("Zoho accounts", () => {
  test("a refresh grant answers a token with api_domain on the sandbox", async () => {
    const res = await fetch(tokenUrl(goodGrant), { method: "POST" });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(200);
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(3600);
    expect(body.api_domain).toBe(`${sb.url}/zoho`);
    expect(typeof body.access_token).toBe("string");
  });

  test("a form body works as well as the query string", async () => {
    const res = await fetch(`${sb.url}/zoho-accounts/oauth/v2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(goodGrant).toString(),
    });
    expect(
      ((await res.json()) as { access_token?: string }).access_token,
    ).toBeTypeOf("string");
  });

  test("a bad refresh token gives invalid_code with HTTP 200", async () => {
    const res = await fetch(
      tokenUrl({ ...goodGrant, refresh_token: "1000.wrong" }),
      { method: "POST" },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ error: "invalid_code" });
  });

  test("a bad client gives invalid_client", async () => {
    const res = await fetch(tokenUrl({ ...goodGrant, client_secret: "x" }), {
      method: "POST",
    });
    expect(await res.json()).toEqual({ error: "invalid_client" });
  });

  test("the 11th refresh in 10 minutes is denied", async () => {
    for (let i = 0; i < 10; i++) {
      const ok = await fetch(tokenUrl(goodGrant), { method: "POST" });
      expect(
        ((await ok.json()) as { access_token?: string }).access_token,
      ).toBeTypeOf("string");
    }
    const res = await fetch(tokenUrl(goodGrant), { method: "POST" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "Access Denied",
      status: "failure",
    });
  });
});

describe("Zoho items", () => {
  test("refuses a missing or unknown token with code 57", async () => {
    for (const token of [undefined, "nope"]) {
      const res = await api(`/api/v1/items?organization_id=${ORG}`, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        code: 57,
        message: "You are not authorized to perform this operation",
      });
    }
  });

  test("organization_id is required", async () => {
    const token = await zohoToken(sb);
    for (const q of ["", "?organization_id=123"]) {
      const res = await api(`/api/v1/items${q}`, token);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        code: 6041,
        message: "Invalid value passed for organization_id",
      });
    }
  });

  test("pages with has_more_page to the end; per_page is capped at 200", async () => {
    const token = await zohoToken(sb);
    const skus: string[] = [];
    for (let page = 1; ; page++) {
      const res = await api(
        `/api/v1/items?organization_id=${ORG}&per_page=7&page=${page}`,
        token,
      );
      const body = (await res.json()) as ItemsPage;
      expect(body.code).toBe(0);
      skus.push(...body.items.map((i) => i.sku));
      if (!body.page_context.has_more_page) break;
    }
    expect(skus).toHaveLength(defaultScenario.items.length);
    expect(new Set(skus).size).toBe(skus.length);
    const big = (await (
      await api(`/api/v1/items?organization_id=${ORG}&per_page=500`, token)
    ).json()) as ItemsPage;
    expect(big.page_context.per_page).toBe(200);
  });

  test("item ids are 19-digit strings; stock figures follow the scenario", async () => {
    const token = await zohoToken(sb);
    const body = (await (
      await api(`/api/v1/items?organization_id=${ORG}&sku=CANDLE-PINE`, token)
    ).json()) as ItemsPage;
    const item = body.items[0];
    expect(item?.item_id).toMatch(/^\d{19}$/);
    expect(item?.available_stock).toBe(-2);
    expect(item?.stock_on_hand).toBe(0);
    expect(item?.last_modified_time).toMatch(/[+-]\d{4}$/);
    const one = await api(
      `/api/v1/items/${item?.item_id ?? ""}?organization_id=${ORG}`,
      token,
    );
    const detail = (await one.json()) as { item: Item };
    expect(detail.item.committed_stock).toBe(2);
    expect(detail.item.available_for_sale_stock).toBe(-2);
  });

  test("an unknown item is a 404 with code 1002", async () => {
    const token = await zohoToken(sb);
    const res = await api(`/api/v1/items/1?organization_id=${ORG}`, token);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      code: 1002,
      message: "Item does not exist.",
    });
  });

  test("stock control route changes the item and last_modified_time filter", async () => {
    const token = await zohoToken(sb);
    // Zoho's filter has whole seconds: step past the start second first.
    await new Promise((r) => setTimeout(r, 1100));
    const before = new Date().toISOString().replace(/\.\d{3}Z$/, "+0000");
    await new Promise((r) => setTimeout(r, 1100));
    await control(sb, "/stock", {
      sku: "MUG-BLUE",
      available: 7,
      committed: 1,
    });
    const body = (await (
      await api(
        `/api/v1/items?organization_id=${ORG}&last_modified_time=${encodeURIComponent(before)}`,
        token,
      )
    ).json()) as ItemsPage;
    expect(
      body.items.map((i) => [i.sku, i.available_stock, i.stock_on_hand]),
    ).toEqual([["MUG-BLUE", 7, 8]]);
  });

  test("the 101st call in a minute is a 429", async () => {
    const token = await zohoToken(sb);
    const url = `/api/v1/items?organization_id=${ORG}&per_page=1`;
    for (let i = 0; i < 100; i++) {
      expect((await api(url, token)).status).toBe(200);
    }
    const res = await api(url, token);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { code: number }).code).not.toBe(0);
  });

  test("scenario item ids are kept as given", async () => {
    const scenario: Scenario = {
      ...defaultScenario,
      items: [
        { sku: "A", name: "A", item_id: "9999999999999999999", available: 1 },
      ],
      orders: [],
    };
    const other = await startTestSandbox({ scenario });
    try {
      expect(other.world.zoho.bySku("A")?.item_id).toBe("9999999999999999999");
    } finally {
      await other.close();
    }
  });
});

describe("Zoho webhook", () => {
  test("notify POSTs the item payload to a local receiver", async () => {
    const rx = await startReceiver();
    try {
      const res = await control(sb, "/zoho/notify", {
        url: `${rx.url}/zoho-hook`,
        sku: "MUG-BLUE",
      });
      expect(res.status).toBe(200);
      expect(rx.received[0]?.body).toMatchObject({
        event: "item.updated",
        organization_id: ORG,
        sku: "MUG-BLUE",
        available_stock: "48",
      });
    } finally {
      await rx.close();
    }
  });

  test("a non-loopback target is refused", async () => {
    const res = await control(sb, "/zoho/notify", {
      url: "http://192.0.2.1/hook",
      sku: "MUG-BLUE",
    });
    expect(res.status).toBe(400);
  });
});
