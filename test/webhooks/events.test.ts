import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { readBody } from "../../src/webhooks/body.js";
import { parseShipStationEvent, parseZohoEvent } from "../../src/webhooks/events.js";
import { parsePort } from "../../src/webhooks/listen-options.js";
import { tokenMatches } from "../../src/webhooks/token.js";

const BASE = "https://ssapi.shipstation.com";
const at = new Date("2026-03-01T10:15:30Z");

function event(url: string, type = "SHIP_NOTIFY"): string {
  return JSON.stringify({ resource_url: url, resource_type: type });
}

describe("parseShipStationEvent", () => {
  it("accepts ShipStation's sharded hosts and names the batch as the event", () => {
    const url = "https://ssapi6.shipstation.com/shipments?batchId=77&includeShipmentItems=False";
    const first = parseShipStationEvent(event(url), BASE);
    const again = parseShipStationEvent(event(url), BASE);
    const other = parseShipStationEvent(event(url.replace("77", "78")), BASE);
    expect(first.ok && again.ok && other.ok).toBe(true);
    if (!first.ok || !again.ok || !other.ok) return;
    expect(first.event.eventId).toBe(again.event.eventId);
    expect(first.event.eventId).not.toBe(other.event.eventId);
    expect(first.event.payload).toEqual({ resource_url: url, resource_type: "SHIP_NOTIFY" });
  });

  it.each([
    "https://ssapi.shipstation.com.example.invalid/shipments",
    "http://ssapi6.shipstation.com/shipments?batchId=1",
    "https://user:pw@ssapi.shipstation.com/shipments",
    "https://ssapi.example.invalid/shipments",
  ])("refuses %s with 422", (url) => {
    const result = parseShipStationEvent(event(url), BASE);
    expect(result.ok ? 200 : result.refusal.status).toBe(422);
  });

  it.each([
    ["not JSON", "{"],
    ["an array", "[]"],
    ["no resource_type", JSON.stringify({ resource_url: `${BASE}/orders` })],
    ["not a URL", event("shipments?batchId=1")],
    ["an unknown event", event(`${BASE}/orders`, "ORDER_DELETED")],
  ])("refuses %s with 400", (_what, body) => {
    const result = parseShipStationEvent(body, BASE);
    expect(result.ok ? 200 : result.refusal.status).toBe(400);
  });
});

describe("parseZohoEvent", () => {
  const item = { item_id: "4815000000044208", sku: "MUG-BLUE", available_stock: "48" };

  it("treats the same body within a minute as one event", () => {
    const a = parseZohoEvent(JSON.stringify(item), at);
    const b = parseZohoEvent(JSON.stringify(item), new Date(at.getTime() + 20_000));
    const later = parseZohoEvent(JSON.stringify(item), new Date(at.getTime() + 120_000));
    const moved = parseZohoEvent(JSON.stringify({ ...item, available_stock: "47" }), at);
    const ids = [a, b, later, moved].map((r) => (r.ok ? r.event.eventId : "refused"));
    expect(ids[0]).toBe(ids[1]);
    expect(new Set(ids).size).toBe(3);
    expect(ids).not.toContain("refused");
  });

  it("names the change by item and last_modified_time when the body has it", () => {
    const body = { ...item, last_modified_time: "2026-03-01T15:45:30+0530" };
    const a = parseZohoEvent(JSON.stringify(body), at);
    const b = parseZohoEvent(JSON.stringify(body), new Date(at.getTime() + 3_600_000));
    expect(a.ok && b.ok && a.event.eventId === b.event.eventId).toBe(true);
  });

  it.each([
    ["a numeric item id", { ...item, item_id: 4815000000044208 }],
    ["no sku", { item_id: "1" }],
    ["an unknown field", { ...item, stok: "1" }],
  ])("refuses %s with 400", (_what, body) => {
    const result = parseZohoEvent(JSON.stringify(body), at);
    expect(result.ok ? 200 : result.refusal.status).toBe(400);
  });
});

function fakeRequest(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;
}

describe("readBody", () => {
  it("reads a body within the limit", async () => {
    expect(await readBody(fakeRequest(["{\"a\":", "1}"]), 100)).toEqual({ ok: true, text: "{\"a\":1}" });
  });

  it("refuses a declared length over the limit before reading", async () => {
    const result = await readBody(fakeRequest(["{}"], { "content-length": "101" }), 100);
    expect(result.ok ? 200 : result.status).toBe(413);
  });

  it("refuses a chunked body once it passes the limit", async () => {
    const result = await readBody(fakeRequest(["x".repeat(60), "x".repeat(60)]), 100);
    expect(result.ok ? 200 : result.status).toBe(413);
  });
});

describe("tokenMatches and parsePort", () => {
  it("matches only the exact token", () => {
    expect(tokenMatches("0123456789abcdef", "0123456789abcdef")).toBe(true);
    expect(tokenMatches("0123456789abcdeF", "0123456789abcdef")).toBe(false);
    expect(tokenMatches("0123456789abcdef0", "0123456789abcdef")).toBe(false);
    expect(tokenMatches("", "0123456789abcdef")).toBe(false);
  });

  it("accepts 0 to 65535 and refuses the rest as a configuration error", () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("8787")).toBe(8787);
    for (const bad of ["65536", "-1", "80a", ""]) {
      expect(() => parsePort(bad)).toThrow(ConfigError);
    }
  });
});
