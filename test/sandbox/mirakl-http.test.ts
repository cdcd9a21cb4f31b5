import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SANDBOX_CREDENTIALS,
  type Scenario,
} from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";

const scenario: Scenario = {
  channels: [{ id: "mirakl-t", kind: "mirakl", store_id: 8, ratio: 100 }],
  items: [
    { sku: "LAMP-01", name: "Lamp", available: 4 },
    { sku: "MUG-02", name: "Mug", available: 4 },
  ],
  orders: [
    {
      channel: "mirakl-t",
      order_id: "MKP-0000001-A",
      status: "awaiting_acceptance",
      created_at: "2026-01-10T08:00:00Z",
      ship_to: {
        name: "Test Buyer",
        street1: "1 Example Street",
        city: "Exampleville",
        postal_code: "75000",
        country: "FR",
      },
      lines: [{ sku: "LAMP-01", quantity: 1, unit_price: "9.99" }],
    },
  ],
};

describe("Mirakl stand-in over HTTP", () => {
  let sandbox: SandboxHandle;
  let base: string;
  const auth = { authorization: SANDBOX_CREDENTIALS.apiKey };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, scenario });
    base = `${sandbox.url}/ch/mirakl-t`;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("throttles a second OR11 call within the minute with a 429", async () => {
    const first = await fetch(`${base}/api/orders`, { headers: auth });
    expect(first.status).toBe(200);
    const body = (await first.json()) as {
      orders: Array<{ customer: { shipping_address: unknown } }>;
    };
    expect(body.orders[0]?.customer.shipping_address).toBeNull();
    const second = await fetch(`${base}/api/orders`, { headers: auth });
    expect(second.status).toBe(429);
    expect(await second.json()).toEqual({
      message: "Too Many Requests",
      status: 429,
    });
  });

  it("takes a multipart STO01 import and applies it", async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob(
        [
          '"offer-sku";"quantity";"warehouse-code";"update-delete"\n' +
            '"LAMP-01";"3";"";"update"\n"MUG-02";"0";"";"update"\n',
        ],
        { type: "text/csv" },
      ),
      "stock.csv",
    );
    const res = await fetch(`${base}/api/offers/stock/imports`, {
      method: "POST",
      headers: auth,
      body: form,
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ import_id: expect.any(String) });
    expect(sandbox.world.quantity("mirakl-t", "LAMP-01")).toBe(3);
    expect(sandbox.world.quantity("mirakl-t", "MUG-02")).toBe(0);
  });

  it("refuses OR24 before the order is accepted", async () => {
    const res = await fetch(`${base}/api/orders/MKP-0000001-A/ship`, {
      method: "PUT",
      headers: auth,
    });
    expect(res.status).toBe(400);
    expect(sandbox.world.order("mirakl-t", "MKP-0000001-A")?.status).toBe(
      "awaiting_acceptance",
    );
  });
});
