import { describe, expect, test } from "vitest";
import { parseBody } from "../../src/sandbox/body.js";
import type { Route } from "../../src/sandbox/contract.js";
import { defaultScenario } from "../../src/sandbox/default-scenario.js";
import { FixedWindow, TokenBucket } from "../../src/sandbox/rate-limit.js";
import { compileRoute, matchRoute } from "../../src/sandbox/router.js";
import { parseScenario, ScenarioError } from "../../src/sandbox/scenario.js";
import {
  parseShipStationDate,
  ssTimestamp,
} from "../../src/sandbox/shipstation/time.js";
import { createWorld } from "../../src/sandbox/world.js";

const route = (method: Route["method"], path: string): Route => ({
  method,
  path,
  handle: () => ({ status: 200 }),
});

describe("router", () => {
  const routes = [
    route("GET", "/orders/:orderId"),
    route("GET", "/orders/export"),
    route("POST", "/v1/Orders(:id)/Ship"),
    route("GET", "/listings/2021-08-01/items/:sellerId/:sku"),
  ].map(compileRoute);

  test("literal beats parameter; params are decoded", () => {
    expect(matchRoute(routes, "GET", "/orders/export")?.route.path).toBe(
      "/orders/export",
    );
    expect(matchRoute(routes, "GET", "/orders/12%2F3")?.params).toEqual({
      orderId: "12/3",
    });
    expect(
      matchRoute(routes, "GET", "/listings/2021-08-01/items/S1/M%C3%BCG")
        ?.params,
    ).toEqual({ sellerId: "S1", sku: "MüG" });
  });

  test("a parameter inside a segment (OData)", () => {
    expect(matchRoute(routes, "POST", "/v1/Orders(123)/Ship")?.params).toEqual({
      id: "123",
    });
    expect(matchRoute(routes, "GET", "/v1/Orders(123)/Ship")).toBeUndefined();
  });
});

describe("body parsing", () => {
  test("JSON, form, XML and multipart", () => {
    expect(parseBody("application/json", '{"a":1}')).toEqual({ a: 1 });
    expect(parseBody("application/json", "{bad")).toBeUndefined();
    expect(parseBody("application/x-www-form-urlencoded", "a=1&b=x+y")).toEqual(
      { a: "1", b: "x y" },
    );
    expect(parseBody("text/xml", "<a/>")).toBeUndefined();
    const raw =
      '--XX\r\nContent-Disposition: form-data; name="file"; ' +
      'filename="s.csv"\r\nContent-Type: text/csv\r\n\r\nsku;quantity\r\n' +
      'A;1\r\n--XX\r\nContent-Disposition: form-data; name="mode"\r\n\r\n' +
      "NORMAL\r\n--XX--\r\n";
    expect(parseBody("multipart/form-data; boundary=XX", raw)).toEqual({
      file: "sku;quantity\r\nA;1",
      mode: "NORMAL",
    });
  });
});

describe("rate limits", () => {
  test("a token bucket refills at perSecond × timeScale", () => {
    let now = 0;
    const bucket = new TokenBucket(0.5, 2, 4, () => now);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    expect(bucket.retryAfterSeconds()).toBeCloseTo(0.5);
    now += 500;
    expect(bucket.take()).toBe(true);
  });

  test("a fixed window reports remaining and reset", () => {
    let now = 0;
    const w = new FixedWindow(2, 60, 2, () => now);
    expect(w.hit()).toMatchObject({ allowed: true, remaining: 1 });
    expect(w.hit()).toMatchObject({ allowed: true, remaining: 0 });
    now += 10_000;
    const third = w.hit();
    expect(third.allowed).toBe(false);
    expect(third.resetSeconds).toBeCloseTo(20);
    now += 20_000;
    expect(w.hit().allowed).toBe(true);
  });
});

describe("ShipStation time", () => {
  test("Pacific wall time both ways, across DST", () => {
    expect(ssTimestamp(new Date("2025-01-02T15:10:11.707Z"))).toBe(
      "2025-01-02T07:10:11.7070000",
    );
    expect(ssTimestamp(new Date("2025-07-02T15:10:11Z"))).toBe(
      "2025-07-02T08:10:11.0000000",
    );
    expect(parseShipStationDate("2024-11-03 01:30:00")?.toISOString()).toBe(
      "2024-11-03T08:30:00.000Z",
    );
    expect(parseShipStationDate("2024-03-10 02:30:00")?.toISOString()).toBe(
      "2024-03-10T10:30:00.000Z",
    );
    expect(parseShipStationDate("nope")).toBeUndefined();
  });
});

describe("scenario", () => {
  test("the default scenario is valid and covers the required cases", () => {
    const s = parseScenario(defaultScenario);
    expect(s.channels.map((c) => [c.id, c.kind, c.store_id, c.ratio])).toEqual([
      ["amazon-us", "amazon", 101, 50],
      ["ebay-us", "ebay", 102, 30],
      ["mirakl-acme", "mirakl", 103, 20],
      ["rithum-main", "rithum", 104, 20],
    ]);
    for (const c of s.channels) {
      expect(s.orders.filter((o) => o.channel === c.id).length).toBeGreaterThan(
        1,
      );
    }
    expect(s.items.length).toBeGreaterThanOrEqual(30);
    expect(s.items.some((i) => i.available < 0)).toBe(true);
    expect(s.items.filter((i) => i.available === 0).length).toBeGreaterThan(1);
    expect(s.orders.some((o) => o.status === "pending")).toBe(true);
    expect(s.orders.some((o) => o.status === "awaiting_acceptance")).toBe(true);
    expect(
      s.orders.some(
        (o) =>
          o.status === "cancelled" &&
          o.updated_at !== undefined &&
          o.updated_at > o.created_at,
      ),
    ).toBe(true);
    expect(s.orders.some((o) => o.lines.length > 1)).toBe(true);
    expect(s.orders.some((o) => o.lines.some((l) => l.quantity > 1))).toBe(
      true,
    );
    expect(
      s.orders.some((o) => /[^\x20-\x7e]/.test(o.ship_to?.name ?? "")),
    ).toBe(true);
  });

  test("errors name the path of every bad field", () => {
    const bad = structuredClone(defaultScenario) as unknown as {
      channels: Array<Record<string, unknown>>;
      orders: Array<
        Record<string, unknown> & { lines: Array<Record<string, unknown>> }
      >;
    };
    const first = bad.orders[0];
    if (!first?.lines[0]) throw new Error("fixture");
    first.lines[0].unit_price = 19.99;
    first.created_at = "yesterday";
    const ch = bad.channels[1];
    if (ch) ch.kind = "etsy";
    try {
      parseScenario(bad, "my.json");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const msg = (e as ScenarioError).message;
      expect(msg).toContain("my.json");
      expect(msg).toContain("orders[0].lines[0].unit_price");
      expect(msg).toContain("orders[0].created_at");
      expect(msg).toContain("channels[1].kind");
    }
  });

  test("duplicates and unknown channels are refused", () => {
    const s = structuredClone(defaultScenario);
    const o = s.orders[0];
    if (!o) throw new Error("fixture");
    s.orders.push({ ...o }, { ...o, channel: "nope", order_id: "z" });
    expect(() => parseScenario(s)).toThrow(
      /orders\[\d+\]\.order_id: duplicate/,
    );
    expect(() => parseScenario(s)).toThrow(/orders\[\d+\]\.channel: unknown/);
  });
});

describe("world", () => {
  test("fills line ids, updated_at and item ids; tokens expire", () => {
    const w = createWorld(defaultScenario, { timeScale: 3600 });
    const pending = w.order("amazon-us", "111-0000000-0000102");
    expect(pending?.updated_at).toBe(pending?.created_at);
    const mirakl = w.orders("mirakl-acme")[0];
    expect(
      mirakl?.lines.every((l) => l.line_id.startsWith(mirakl.order_id)),
    ).toBe(true);
    const ids = w.zoho.items.map((i) => i.item_id);
    expect(ids.every((id) => /^\d{19}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      createWorld(defaultScenario).zoho.items.map((i) => i.item_id),
    ).toEqual(ids);
    w.pinClock(new Date("2025-01-01T00:00:00Z"));
    const token = w.issueToken("zoho", 3600);
    expect(w.tokenValid("zoho", token)).toBe(true);
    expect(w.tokenValid("amazon-us", token)).toBe(false);
    w.pinClock(new Date("2025-01-01T01:00:00.001Z"));
    expect(w.tokenValid("zoho", token)).toBe(false);
  });
});
