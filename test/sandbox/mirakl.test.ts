import { describe, expect, it } from "vitest";
import {
  SANDBOX_CREDENTIALS,
  type ScenarioOrder,
} from "../../src/sandbox/contract.js";
import { createMiraklStandIn } from "../../src/sandbox/mirakl/index.js";
import { client, makeWorld } from "./standin-harness.js";

const CHANNEL = "mirakl-test";

function order(id: string, extra: Partial<ScenarioOrder> = {}): ScenarioOrder {
  return {
    channel: CHANNEL,
    order_id: id,
    status: "unshipped",
    created_at: "2026-01-10T08:00:00Z",
    currency: "EUR",
    shipping_price: "5.00",
    buyer_email: "buyer@example.invalid",
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Exampleville",
      postal_code: "75000",
      country: "FR",
      phone: "555-0100",
    },
    lines: [
      { sku: "LAMP-01", quantity: 2, unit_price: "12.50" },
      { sku: "MUG-02", quantity: 1, unit_price: "4.00" },
    ],
    ...extra,
  };
}

async function setup(orders: ScenarioOrder[], options = {}) {
  const env = makeWorld({
    channels: [
      { id: CHANNEL, kind: "mirakl", store_id: 2, ratio: 100, options },
    ],
    items: [
      { sku: "LAMP-01", name: "Lamp", available: 5 },
      { sku: "MUG-02", name: "Mug", available: 5 },
    ],
    orders,
  });
  const standIn = createMiraklStandIn(env.world);
  const call = client(standIn, env.world, CHANNEL);
  const auth = { authorization: SANDBOX_CREDENTIALS.apiKey };
  return { ...env, standIn, call, auth };
}

type OrderList = {
  total_count: number;
  orders: Array<
    Record<string, unknown> & {
      order_id: string;
      order_state: string;
      customer: { shipping_address: Record<string, unknown> | null };
    }
  >;
};

describe("Mirakl auth", () => {
  it("accepts the bare shop key and refuses Bearer or a wrong key", async () => {
    const { call, auth } = await setup([order("MKP-1-A")]);
    const ok = await call("GET", "/api/orders", { headers: auth });
    expect(ok.status).toBe(200);
    const bearer = await call("GET", "/api/orders", {
      headers: { authorization: `Bearer ${SANDBOX_CREDENTIALS.apiKey}` },
    });
    expect(bearer.status).toBe(401);
    expect(bearer.body).toEqual({ message: "Unauthorized", status: 401 });
    const missing = await call("GET", "/api/orders");
    expect(missing.status).toBe(401);
  });
});

describe("Mirakl OR11", () => {
  const many = Array.from({ length: 23 }, (_, i) =>
    order(`MKP-${String(280 + i).padStart(7, "0")}-A`, {
      created_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    }),
  );

  it("defaults to pages of 10 and pages to the end with offset/max", async () => {
    const { call, auth } = await setup(many);
    const first = await call("GET", "/api/orders?order_state_codes=SHIPPING", {
      headers: auth,
    });
    expect((first.body as OrderList).orders).toHaveLength(10);
    expect((first.body as OrderList).total_count).toBe(23);
    const seen: string[] = [];
    for (let offset = 0; ; offset += 10) {
      const res = await call(
        "GET",
        `/api/orders?max=10&offset=${offset}&sort=dateCreated&order=asc`,
        { headers: auth },
      );
      const page = res.body as OrderList;
      seen.push(...page.orders.map((o) => o.order_id));
      if (offset + 10 >= page.total_count) break;
    }
    expect(seen).toEqual(many.map((o) => o.order_id));
  });

  it("refuses max above 100 and more than 100 ids", async () => {
    const { call, auth } = await setup(many);
    const big = await call("GET", "/api/orders?max=101", { headers: auth });
    expect(big.status).toBe(400);
    const ids = Array.from({ length: 150 }, (_, i) => `C-${i}`).join(",");
    const res = await call("GET", `/api/orders?commercial_ids=${ids}`, {
      headers: auth,
    });
    expect(res.body).toEqual({
      message:
        "The limit of 100 is exceeded for the parameter : commercial_ids",
      status: 400,
    });
  });

  it("filters by update window, with Mirakl's safety delta", async () => {
    const { call, auth } = await setup([
      order("MKP-OLD-A", { updated_at: "2026-01-10T09:00:00Z" }),
      order("MKP-EDGE-A", { updated_at: "2026-01-10T09:59:00Z" }),
      order("MKP-NEW-A", { updated_at: "2026-01-10T10:30:00Z" }),
    ]);
    const res = await call(
      "GET",
      "/api/orders?start_update_date=2026-01-10T10:00:00Z&max=100",
      { headers: auth },
    );
    const ids = (res.body as OrderList).orders.map((o) => o.order_id).sort();
    expect(ids).toEqual(["MKP-EDGE-A", "MKP-NEW-A"]);
  });

  it("hides addresses before SHIPPING and gives alpha-3 countries", async () => {
    const { call, auth } = await setup([
      order("MKP-WAIT-A", { status: "awaiting_acceptance" }),
      order("MKP-DEBIT-A", { status: "pending" }),
      order("MKP-SHIP-A", {
        ship_to: {
          name: "Test Buyer",
          street1: "1 Example Street",
          city: "Exampletown",
          postal_code: "10001",
          country: "US",
          state: "NY",
        },
      }),
    ]);
    const res = await call("GET", "/api/orders?max=100&order=asc", {
      headers: auth,
    });
    const byId = new Map(
      (res.body as OrderList).orders.map((o) => [o.order_id, o]),
    );
    expect(byId.get("MKP-WAIT-A")?.order_state).toBe("WAITING_ACCEPTANCE");
    expect(byId.get("MKP-WAIT-A")?.customer.shipping_address).toBeNull();
    expect(byId.get("MKP-DEBIT-A")?.order_state).toBe("WAITING_DEBIT_PAYMENT");
    expect(byId.get("MKP-DEBIT-A")?.customer.shipping_address).toBeNull();
    expect(byId.get("MKP-SHIP-A")?.customer.shipping_address).toMatchObject({
      firstname: "Test",
      lastname: "Buyer",
      country_iso_code: "USA",
      zip_code: "10001",
    });
  });

  it("maps every listed country to its alpha-3 code", async () => {
    const pairs: Array<[string, string]> = [
      ["US", "USA"],
      ["CA", "CAN"],
      ["GB", "GBR"],
      ["FR", "FRA"],
      ["DE", "DEU"],
      ["ES", "ESP"],
      ["IT", "ITA"],
      ["NL", "NLD"],
      ["BE", "BEL"],
      ["AT", "AUT"],
      ["CH", "CHE"],
      ["IE", "IRL"],
      ["PL", "POL"],
      ["SE", "SWE"],
      ["DK", "DNK"],
      ["NO", "NOR"],
      ["PT", "PRT"],
      ["AU", "AUS"],
      ["JP", "JPN"],
      ["MX", "MEX"],
    ];
    const base = order("x");
    const { call, auth } = await setup(
      pairs.map(([a2], i) =>
        order(`MKP-C${i}-A`, {
          created_at: new Date(Date.UTC(2026, 0, 1, i)).toISOString(),
          ship_to: {
            ...(base.ship_to ?? {
              name: "",
              street1: "",
              city: "",
              postal_code: "",
            }),
            country: a2,
          },
        }),
      ),
    );
    const res = await call("GET", "/api/orders?max=100&order=asc", {
      headers: auth,
    });
    const codes = (res.body as OrderList).orders.map(
      (o) => o.customer.shipping_address?.["country_iso_code"],
    );
    expect(codes).toEqual(pairs.map(([, a3]) => a3));
  });
});

describe("Mirakl order workflow", () => {
  const accept = (decisions: Array<[string, boolean]>) =>
    JSON.stringify({
      order_lines: decisions.map(([id, accepted]) => ({ id, accepted })),
    });

  it("accepts into SHIPPING, then tracks and ships (OR21, OR23, OR24)", async () => {
    const { call, auth, received, world } = await setup([
      order("MKP-26-A", { status: "awaiting_acceptance" }),
    ]);
    const early = await call("PUT", "/api/orders/MKP-26-A/ship", {
      headers: auth,
    });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ status: 400 });
    const missing = await call("PUT", "/api/orders/MKP-26-A/accept", {
      headers: auth,
      body: accept([["MKP-26-A-1", true]]),
    });
    expect(missing.status).toBe(400);
    const ok = await call("PUT", "/api/orders/MKP-26-A/accept", {
      headers: auth,
      body: accept([
        ["MKP-26-A-1", true],
        ["MKP-26-A-2", true],
      ]),
    });
    expect(ok.status).toBe(204);
    expect(world.order(CHANNEL, "MKP-26-A")?.status).toBe("unshipped");
    const tracked = await call("PUT", "/api/orders/MKP-26-A/tracking", {
      headers: auth,
      body: JSON.stringify({
        carrier_code: "UPS",
        tracking_number: "1Z999AA10000002701",
      }),
    });
    expect(tracked.status).toBe(204);
    expect(received).toHaveLength(0);
    const shipped = await call("PUT", "/api/orders/MKP-26-A/ship", {
      headers: auth,
    });
    expect(shipped.status).toBe(204);
    expect(received).toEqual([
      expect.objectContaining({
        order_id: "MKP-26-A",
        carrier: "UPS",
        tracking_number: "1Z999AA10000002701",
        lines: { "MKP-26-A-1": 2, "MKP-26-A-2": 1 },
      }),
    ]);
    const again = await call("PUT", "/api/orders/MKP-26-A/ship", {
      headers: auth,
    });
    expect(again.status).toBe(400);
    expect(received).toHaveLength(1);
    // OR23 on a shipped order corrects its tracking (a replaced label).
    const corrected = await call("PUT", "/api/orders/MKP-26-A/tracking", {
      headers: auth,
      body: JSON.stringify({
        carrier_code: "UPS",
        tracking_number: "1Z999AA10000002702",
      }),
    });
    expect(corrected.status).toBe(204);
    expect(received).toHaveLength(2);
    expect(received[1]).toMatchObject({ tracking_number: "1Z999AA10000002702" });
  });

  it("holds an accepted order in WAITING_DEBIT_PAYMENT for the debit delay", async () => {
    const env = await setup(
      [order("MKP-27-A", { status: "awaiting_acceptance" })],
      { debit_delay_seconds: 60 },
    );
    await env.call("PUT", "/api/orders/MKP-27-A/accept", {
      headers: env.auth,
      body: accept([
        ["MKP-27-A-1", true],
        ["MKP-27-A-2", true],
      ]),
    });
    const list = async () =>
      (
        (await env.call("GET", "/api/orders", { headers: env.auth }))
          .body as OrderList
      ).orders[0];
    expect((await list())?.order_state).toBe("WAITING_DEBIT_PAYMENT");
    const blocked = await env.call("PUT", "/api/orders/MKP-27-A/ship", {
      headers: env.auth,
    });
    expect(blocked.status).toBe(400);
    env.advance(61_000);
    expect((await list())?.order_state).toBe("SHIPPING");
    expect((await list())?.customer.shipping_address).not.toBeNull();
  });

  it("refusing every line leaves the order REFUSED", async () => {
    const { call, auth } = await setup([
      order("MKP-28-A", { status: "awaiting_acceptance" }),
    ]);
    await call("PUT", "/api/orders/MKP-28-A/accept", {
      headers: auth,
      body: accept([
        ["MKP-28-A-1", false],
        ["MKP-28-A-2", false],
      ]),
    });
    const res = await call("GET", "/api/orders", { headers: auth });
    expect((res.body as OrderList).orders[0]?.order_state).toBe("REFUSED");
  });

  it("refuses OR23 with an unknown carrier code", async () => {
    const { call, auth } = await setup([order("MKP-29-A")]);
    const res = await call("PUT", "/api/orders/MKP-29-A/tracking", {
      headers: auth,
      body: JSON.stringify({ carrier_code: "NOPE", tracking_number: "X1" }),
    });
    expect(res.status).toBe(400);
    const named = await call("PUT", "/api/orders/MKP-29-A/tracking", {
      headers: auth,
      body: JSON.stringify({
        carrier_name: "Local Courier",
        carrier_url: "https://courier.example.invalid/t?n=X1",
        tracking_number: "X1",
      }),
    });
    expect(named.status).toBe(204);
  });

  it("lists carriers (SH21)", async () => {
    const { call, auth } = await setup([]);
    const res = await call("GET", "/api/shipping/carriers", { headers: auth });
    expect(res.body).toMatchObject({
      carriers: expect.arrayContaining([
        expect.objectContaining({ code: "UPS" }),
      ]),
    });
  });
});

describe("Mirakl stock", () => {
  const multipart = (csv: string) => ({
    headers: {
      authorization: SANDBOX_CREDENTIALS.apiKey,
      "content-type": "multipart/form-data; boundary=----testboundary",
    },
    body: [
      "------testboundary",
      'Content-Disposition: form-data; name="file"; filename="stock.csv"',
      "Content-Type: text/csv",
      "",
      csv,
      "------testboundary--",
      "",
    ].join("\r\n"),
  });

  it("applies a STO01 import and reports it through STO02", async () => {
    const { call, auth, world } = await setup([]);
    const res = await call(
      "POST",
      "/api/offers/stock/imports",
      multipart(
        '"offer-sku";"quantity";"warehouse-code";"update-delete"\r\n' +
          '"LAMP-01";"12";"";"update"\r\n' +
          '"MUG-02";"0";"";"update"\r\n' +
          '"GHOST-9";"4";"";"update"',
      ),
    );
    expect(res.status).toBe(201);
    const id = (res.body as { import_id: string }).import_id;
    expect(typeof id).toBe("string");
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(12);
    expect(world.quantity(CHANNEL, "MUG-02")).toBe(0);
    const status = await call("GET", `/api/offers/stock/imports/${id}/status`, {
      headers: auth,
    });
    expect(status.body).toMatchObject({
      import_id: id,
      status: "COMPLETE",
      lines_in_success: 2,
      lines_in_error: 1,
      has_error_report: true,
    });
    const report = await call(
      "GET",
      `/api/offers/stock/imports/${id}/error_report`,
      { headers: auth },
    );
    expect(String(report.body)).toContain("GHOST-9");
  });

  it("refuses a STO01 request without the file part", async () => {
    const { call } = await setup([]);
    const res = await call("POST", "/api/offers/stock/imports", {
      headers: {
        authorization: SANDBOX_CREDENTIALS.apiKey,
        "content-type": "multipart/form-data; boundary=b",
      },
      body: '--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--b--',
    });
    expect(res.status).toBe(400);
  });

  it("OF24 resets the quantity of an offer sent without one", async () => {
    const { call, auth, world } = await setup([]);
    world.setQuantity(CHANNEL, "LAMP-01", 9);
    const res = await call("POST", "/api/offers", {
      headers: auth,
      body: JSON.stringify({
        offers: [{ shop_sku: "LAMP-01", price: 20, update_delete: "update" }],
      }),
    });
    expect(res.status).toBe(201);
    expect(world.quantity(CHANNEL, "LAMP-01")).toBe(0);
  });
});

describe("Mirakl limits and faults", () => {
  it("declares the documented once-a-minute ceilings", async () => {
    const { standIn } = await setup([]);
    const rate = (method: string, path: string) =>
      standIn.routes.find((r) => r.method === method && r.path === path)?.rate;
    expect(rate("GET", "/api/orders")).toEqual({ perSecond: 1 / 60, burst: 1 });
    expect(rate("POST", "/api/offers/stock/imports")).toEqual({
      perSecond: 1 / 60,
      burst: 1,
    });
    expect(rate("POST", "/api/offers")).toEqual({
      perSecond: 1 / 60,
      burst: 1,
    });
  });

  it("supplies Mirakl's 429 and error bodies", async () => {
    const { standIn } = await setup([]);
    const route = standIn.routes.find((r) => r.path === "/api/orders");
    expect(route?.throttled?.(60)).toEqual({
      status: 429,
      body: { message: "Too Many Requests", status: 429 },
    });
    expect(standIn.serverError?.(500)).toMatchObject({
      status: 500,
      body: { status: 500 },
    });
    expect(() => JSON.parse(String(standIn.malformed?.().body))).toThrow();
  });
});
