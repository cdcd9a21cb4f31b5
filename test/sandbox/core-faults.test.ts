import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { control, ss, startTestSandbox } from "./helpers.js";

let sb: SandboxHandle;
beforeEach(async () => {
  sb = await startTestSandbox();
});
afterEach(async () => {
  await sb.close();
});

describe("faults", () => {
  test("429 uses the vendor's throttled answer, `times` wears out", async () => {
    const set = await control(sb, "/faults", {
      rules: [{ endpoint: "shipstation GET /stores", kind: "429", times: 1 }],
    });
    expect(set.status).toBe(200);
    const res = await ss(sb, "/stores");
    expect(res.status).toBe(429);
    expect(res.headers.get("x-rate-limit-limit")).toBe("40");
    expect(res.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(Number(res.headers.get("x-rate-limit-reset"))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ message: "Too Many Requests" });
    expect((await ss(sb, "/stores")).status).toBe(200);
  });

  test("500 and 503 use the vendor's error envelope", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "500", times: 1 }]);
    const a = await ss(sb, "/orders");
    expect(a.status).toBe(500);
    expect(await a.json()).toMatchObject({ Message: "An error has occurred." });
    sb.setFaults([{ endpoint: "zoho GET", kind: "503" }]);
    const b = await fetch(`${sb.url}/zoho/api/v1/items`);
    expect(b.status).toBe(503);
    expect(((await b.json()) as { code: number }).code).not.toBe(0);
  });

  test("a prefix matches only its own endpoints", async () => {
    sb.setFaults([{ endpoint: "shipstation GET /orders", kind: "500" }]);
    expect((await ss(sb, "/stores")).status).toBe(200);
    expect((await ss(sb, "/orders")).status).toBe(500);
  });

  test("channel restricts a rule to one mount", async () => {
    sb.setFaults([{ endpoint: "", kind: "500", channel: "amazon-us" }]);
    expect((await ss(sb, "/stores")).status).toBe(200);
  });

  test("malformed answers 200 with a body that is not JSON", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "malformed" }]);
    const res = await ss(sb, "/shipments");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  test("slow holds the answer for delay_ms and then answers", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "slow", delay_ms: 400 }]);
    const started = Date.now();
    const res = await ss(sb, "/stores");
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  test("a seed makes the rate dice replay the same storm", async () => {
    const storm = async (seed: number): Promise<number[]> => {
      const set = await control(sb, "/faults", {
        rules: [{ endpoint: "shipstation GET /stores", kind: "500", rate: 0.5 }],
        seed,
      });
      expect(set.body).toMatchObject({ seed });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await ss(sb, "/stores")).status);
      return statuses;
    };
    const first = await storm(20261204);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await storm(20261204)).toEqual(first);
    expect(await storm(7)).not.toEqual(first);
    const bad = await control(sb, "/faults", { rules: [], seed: 1.5 });
    expect(bad.status).toBe(400);
  });

  test("drop destroys the socket", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "drop", times: 1 }]);
    await expect(ss(sb, "/stores")).rejects.toThrow();
    expect((await ss(sb, "/stores")).status).toBe(200);
  });

  test("rate 0 never fires; DELETE clears", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "500", rate: 0 }]);
    expect((await ss(sb, "/stores")).status).toBe(200);
    sb.setFaults([{ endpoint: "shipstation", kind: "500" }]);
    await control(sb, "/faults", undefined, "DELETE");
    expect((await ss(sb, "/stores")).status).toBe(200);
  });

  test("a bad rule is refused with the field named", async () => {
    const res = await control(sb, "/faults", {
      rules: [{ endpoint: "x", kind: "teapot" }],
    });
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toContain("rules[0].kind");
  });

  test("close() does not wait for a slow answer", async () => {
    sb.setFaults([{ endpoint: "shipstation", kind: "slow" }]);
    const pending = ss(sb, "/stores").catch(() => "cut");
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await sb.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await pending).toBe("cut");
    sb = await startTestSandbox();
  });
});

describe("per-route token buckets", () => {
  test("an empty bucket answers the route's throttled, in real seconds", async () => {
    const seen: number[] = [];
    const limited = await startTestSandbox({
      timeScale: 2,
      standIns: {
        amazon: () => ({
          vendor: "amazon",
          routes: [
            {
              method: "GET",
              path: "/things/:id",
              rate: { perSecond: 0.5, burst: 2 },
              throttled: (retryAfter) => {
                seen.push(retryAfter);
                return {
                  status: 429,
                  headers: { "x-amzn-RateLimit-Limit": "0.5" },
                  body: { errors: [{ code: "QuotaExceeded" }] },
                };
              },
              handle: (req) => ({
                status: 200,
                body: { id: req.params.id, channel: req.channel?.id },
              }),
            },
          ],
        }),
      },
    });
    try {
      const get = () => fetch(`${limited.url}/ch/amazon-us/things/a%20b`);
      const first = await get();
      expect(await first.json()).toEqual({ id: "a b", channel: "amazon-us" });
      expect((await get()).status).toBe(200);
      const third = await get();
      expect(third.status).toBe(429);
      expect(third.headers.get("x-amzn-ratelimit-limit")).toBe("0.5");
      // One token takes 2 vendor seconds, 1 real second at time scale 2.
      expect(seen[0]).toBeGreaterThan(0.9);
      expect(seen[0]).toBeLessThanOrEqual(1);
      // Throttled requests are counted like any other.
      const counts = limited.state().requests;
      expect(counts["amazon-us GET /things/:id"]).toBe(3);
    } finally {
      await limited.close();
    }
  });
});
