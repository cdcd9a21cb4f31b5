import { describe, expect, it } from "vitest";
import { b09Sequence } from "./support/sequences.js";
import { createBody, shipStationCase } from "./support/shipstation.js";

const frame = shipStationCase();

describe("B09: the ShipStation rate window is obeyed before a 429", () => {
  it("B09.1: after X-Rate-Limit-Remaining 0 the next ShipStation call waits X-Rate-Limit-Reset (12 s)", async () => {
    const ss = await frame.play(b09Sequence());
    const { playback } = ss;
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
    const ss = await frame.play([emptying, noShipments, noShipments]);
    const { playback } = ss;
    await ss.client.createOrders([createBody("amazon-us:111-0000000-0000091")]);
    await ss.client.listShipments({ since: new Date("2024-05-02T00:00:00Z") });
    const [emptied, next] = playback.requests();
    expect(next?.path).toBe("/shipments");
    expect((next?.at ?? 0) - (emptied?.at ?? 0)).toBeGreaterThanOrEqual(12_000 - 20);
  }, 60_000);
});
