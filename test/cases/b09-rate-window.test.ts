import { afterEach, describe, expect, it } from "vitest";
import {
  startPlayback,
  type PlaybackHandle,
} from "../../src/sandbox/playback/index.js";
import { b09Sequence } from "./support/sequences.js";
import { createBody, shipStationAt } from "./support/shipstation.js";

let playback: PlaybackHandle | undefined;
let restore: (() => void) | undefined;
afterEach(async () => {
  restore?.();
  await playback?.close();
  playback = undefined;
});

describe("B09: the ShipStation rate window is obeyed before a 429", () => {
  it("B09.1: after X-Rate-Limit-Remaining 0 the next ShipStation call waits X-Rate-Limit-Reset (12 s)", async () => {
    playback = await startPlayback(b09Sequence());
    const ss = shipStationAt(playback.url);
    restore = ss.restore;
    await ss.client.createOrders([createBody("amazon-us:111-0000000-0000091")]);
    await ss.client.createOrders([createBody("amazon-us:111-0000000-0000092")]);
    const [emptied, next] = playback.requests();
    expect((next?.at ?? 0) - (emptied?.at ?? 0)).toBeGreaterThanOrEqual(12_000 - 20);
  }, 60_000);

  it("B09.4: the wait after Remaining 0 is shared by every ShipStation call (shipments too)", async () => {
    const [emptying] = b09Sequence();
    if (!emptying) throw new Error("B09 sequence changed");
    const noShipments = {
      request: { method: "GET", path: "/shipments" },
      response: { status: 200, body: { shipments: [], total: 0, page: 1, pages: 0 } },
    };
    playback = await startPlayback([emptying, noShipments, noShipments]);
    const ss = shipStationAt(playback.url);
    restore = ss.restore;
    await ss.client.createOrders([createBody("amazon-us:111-0000000-0000091")]);
    await ss.client.listShipments({ since: new Date("2024-05-02T00:00:00Z") });
    const [emptied, next] = playback.requests();
    expect(next?.path).toBe("/shipments");
    expect((next?.at ?? 0) - (emptied?.at ?? 0)).toBeGreaterThanOrEqual(12_000 - 20);
  }, 60_000);
});
