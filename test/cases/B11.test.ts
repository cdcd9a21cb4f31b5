import { describe, expect, it } from "vitest";
import type { PlaybackPair } from "../../src/sandbox/playback/index.js";
import { lwaPair } from "./support/amazon.js";
import { amazonCase } from "./support/amazon-case.js";
import { v2026Order } from "./support/amazon-orders.js";
import { caseJson, caseSequence } from "./support/case-files.js";

interface Clock {
  amazon_server_now_utc: string;
  orders_watermark_utc: string;
}

const frame = amazonCase();

/**
 * The case's accepted read as hub sends it (searchOrders v2026-01-01,
 * lower-case names); the bound placeholder `<= 11:57Z>` is kept from the
 * file. Amazon's time reaches hub through the LWA answer's Date header.
 */
function sequence(clock: Clock): PlaybackPair[] {
  const accepted = caseSequence("B11")[1];
  const query = accepted?.request.query;
  if (!query?.LastUpdatedBefore || !query.LastUpdatedAfter) {
    throw new Error("B11 sequence changed");
  }
  return [
    lwaPair(new Date(clock.amazon_server_now_utc).toUTCString()),
    {
      request: {
        method: "GET",
        path: "/orders/2026-01-01/orders",
        query: {
          marketplaceIds: "ATVPDKIKX0DER",
          lastUpdatedAfter: new Date(query.LastUpdatedAfter).toISOString(),
          lastUpdatedBefore: query.LastUpdatedBefore,
        },
      },
      response: {
        status: 200,
        body: { orders: [v2026Order("111-0000000-0000011", "UNSHIPPED", "2024-05-01T11:45:00Z")] },
      },
    },
  ];
}

describe("case B11: the *Before bound and Amazon's clock", () => {
  it("B11.1/B11.3: the bound sent is <= Amazon time - 2 min, and the read-until is that bound", async () => {
    const clock = caseJson<Clock>("B11", "clock.json");
    const { amazon, playback } = await frame.play(sequence(clock));
    const result = await amazon.fetchOrders({ since: new Date(clock.orders_watermark_utc) });
    expect(playback.unmatched()).toEqual([]);
    expect(playback.remaining()).toEqual([]);
    const read = playback.requests().find((r) => r.method === "GET");
    const sent = new URLSearchParams(read?.rawQuery).get("lastUpdatedBefore") ?? "";
    const amazonNow = Date.parse(clock.amazon_server_now_utc);
    expect(Date.parse(sent)).toBeLessThanOrEqual(amazonNow - 2 * 60_000);
    // The cursor may move to what was queried, never to local "now".
    expect(result.readUntil.toISOString()).toBe(new Date(sent).toISOString());
    expect(result.orders.map((o) => o.orderId)).toEqual(["111-0000000-0000011"]);
  });
});
