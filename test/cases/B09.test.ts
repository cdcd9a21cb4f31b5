import { describe, expect, it } from "vitest";
import type { PlaybackPair } from "../../src/sandbox/playback/index.js";
import { b09Sequence } from "./support/sequences.js";
import { createBody, shipStationCase } from "./support/shipstation.js";

const frame = shipStationCase();

describe("case B09: ShipStation rate limit", () => {
  it("B09.2/B09.3: the 429 is retried after >= X-Rate-Limit-Reset; exactly 9091 and 9092, no duplicate", async () => {
    const ss = await frame.play(b09Sequence());
    const { playback } = ss;
    const first = await ss.client.createOrders([createBody("amazon-us:111-0000000-0000091")]);
    const second = await ss.client.createOrders([createBody("amazon-us:111-0000000-0000092")]);
    expect([...first, ...second].map((r) => [r.orderKey, r.success, r.orderId])).toEqual([
      ["amazon-us:111-0000000-0000091", true, 9091],
      ["amazon-us:111-0000000-0000092", true, 9092],
    ]);
    const sent = playback.requests();
    expect(sent).toHaveLength(3);
    expect(playback.unmatched()).toEqual([]);
    expect(playback.remaining()).toEqual([]);
    const [, refused, retried] = sent;
    // The 429 said Reset 11 (seconds): the same request no sooner.
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(11_000 - 20);
    expect(retried?.body).toBe(refused?.body);
  }, 60_000);

  it("B09.2/B09.5: attempts are bounded; the order is reported failed and retryable, not dropped", async () => {
    const refusal = b09Sequence()[1];
    if (!refusal) throw new Error("B09 sequence changed");
    // Reset shortened to 1 s so three attempts fit in a test.
    const quick: PlaybackPair = {
      request: refusal.request,
      response: { ...refusal.response, headers: { ...refusal.response.headers, "X-Rate-Limit-Reset": "1" } },
    };
    const ss = await frame.play([quick, quick, quick, quick]);
    const { playback } = ss;
    const [result] = await ss.client.createOrders([createBody("amazon-us:111-0000000-0000092")]);
    expect(result).toMatchObject({ success: false, retryable: true });
    expect(result?.orderId).toBeUndefined();
    expect(playback.requests()).toHaveLength(3);
    expect(playback.remaining()).toHaveLength(1);
  }, 30_000);
});
