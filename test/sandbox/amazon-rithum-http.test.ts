import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("Amazon and Rithum stand-ins over loopback HTTP", () => {
  it("serves LWA and searchOrders under /ch/amazon-us", async () => {
    const base = `${sandbox.url}/ch/amazon-us`;
    const token = await fetch(`${base}/auth/o2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: SANDBOX_CREDENTIALS.refreshToken,
        client_id: SANDBOX_CREDENTIALS.clientId,
        client_secret: SANDBOX_CREDENTIALS.clientSecret,
      }).toString(),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const search = await fetch(
      `${base}/orders/2026-01-01/orders?createdAfter=2000-01-01T00:00:00Z`,
      { headers: { "x-amz-access-token": access_token } },
    );
    expect(search.status).toBe(200);
    expect(search.headers.get("x-amzn-ratelimit-limit")).toBe("0.0056");
    const body = (await search.json()) as { orders: unknown[] };
    expect(body.orders.length).toBe(sandbox.world.orders("amazon-us").length);
  });

  it("serves OAuth and Orders under /ch/rithum-main", async () => {
    const base = `${sandbox.url}/ch/rithum-main`;
    const pair = `${SANDBOX_CREDENTIALS.clientId}:${SANDBOX_CREDENTIALS.clientSecret}`;
    const token = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(pair).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: `grant_type=refresh_token&refresh_token=${SANDBOX_CREDENTIALS.refreshToken}`,
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${access_token}` };
    const orders = await fetch(`${base}/v1/Orders?$expand=Items`, {
      headers: auth,
    });
    expect(orders.status).toBe(200);
    const page = (await orders.json()) as { value: Array<{ ID: number }> };
    expect(page.value.length).toBe(
      Math.min(20, sandbox.world.orders("rithum-main").length),
    );
    const id = page.value[0]?.ID;
    const exported = await fetch(`${base}/v1/Orders(${String(id)})/Export`, {
      method: "POST",
      headers: auth,
    });
    expect(exported.status).toBe(204);
  });
});
