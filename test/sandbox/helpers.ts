import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import type { StartOptions } from "../../src/sandbox/index.js";

/** Starts a sandbox on an ephemeral port. */
export function startTestSandbox(
  opts: Omit<StartOptions, "port"> = {},
): Promise<SandboxHandle> {
  return startSandbox({ ...opts, port: 0 });
}

/** The ShipStation Basic header for the sandbox's key and secret. */
export function shipStationAuth(
  key: string = SANDBOX_CREDENTIALS.clientId,
  secret: string = SANDBOX_CREDENTIALS.apiSecret,
): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
}

/** Calls the ShipStation stand-in with valid credentials. */
export function ss(
  sb: SandboxHandle,
  path: string,
  init: { method?: string; body?: unknown; auth?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    Authorization: init.auth ?? shipStationAuth(),
  };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(`${sb.url}/shipstation${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}

/** POSTs JSON to a control route and returns status and parsed body. */
export async function control(
  sb: SandboxHandle,
  path: string,
  body?: unknown,
  method = "POST",
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}/_sandbox${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
  };
}

/** Gets a Zoho access token through the accounts stand-in. */
export async function zohoToken(sb: SandboxHandle): Promise<string> {
  const q = new URLSearchParams({
    refresh_token: SANDBOX_CREDENTIALS.refreshToken,
    client_id: SANDBOX_CREDENTIALS.clientId,
    client_secret: SANDBOX_CREDENTIALS.clientSecret,
    grant_type: "refresh_token",
  });
  const res = await fetch(`${sb.url}/zoho-accounts/oauth/v2/token?${q}`, {
    method: "POST",
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error("no Zoho token");
  return body.access_token;
}

/** A createorder body for a store, with fake data. */
export function orderBody(
  orderKey: string,
  storeId: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    orderNumber: orderKey.split(":").pop(),
    orderKey,
    orderDate: "2025-01-02 07:04:05",
    orderStatus: "awaiting_shipment",
    billTo: { name: "Test Recipient" },
    shipTo: {
      name: "Test Recipient",
      street1: "1 Example Street",
      city: "Springfield",
      state: "IL",
      postalCode: "62701",
      country: "US",
      phone: "555-0100",
    },
    items: [
      {
        lineItemKey: "L1",
        sku: "MUG-BLUE",
        name: "Mug",
        quantity: 2,
        unitPrice: 12.5,
      },
      {
        lineItemKey: "L2",
        sku: "PLATE-RED",
        name: "Plate",
        quantity: 1,
        unitPrice: 9.99,
      },
    ],
    amountPaid: 34.99,
    shippingAmount: 0,
    advancedOptions: { storeId },
    ...overrides,
  };
}

/** A webhook receiver on 127.0.0.1 that records what it was sent. */
export interface Receiver {
  url: string;
  received: Array<{ path: string; body: unknown }>;
  close(): Promise<void>;
}

/** Starts a receiver that answers 200 to every POST. */
export async function startReceiver(): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      received.push({ path: req.url ?? "", body: JSON.parse(text) as unknown });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
