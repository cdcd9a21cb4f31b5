import { describe, expect, it } from "vitest";
import type { PlaybackPair } from "../../src/sandbox/playback/index.js";
import { lwaPair } from "./support/amazon.js";
import { amazonCase } from "./support/amazon-case.js";
import { v2026Order } from "./support/amazon-orders.js";
import { caseSequence } from "./support/case-files.js";

const MARKETPLACE = "A1F83G8C2ARO7P";

const frame = amazonCase();

/** The case's token, once encoded, as the byte test of page two. */
function caseToken(): { token: string; encoded: string } {
  const [first, second] = caseSequence("B15");
  const payload = (first?.response.body as { payload: { NextToken: string } }).payload;
  const raw = second?.request.raw_query ?? "";
  const encoded = raw.slice(raw.indexOf("NextToken=") + "NextToken=".length);
  return { token: payload.NextToken, encoded };
}

/**
 * searchOrders v2026-01-01 names it `paginationToken`; page two must carry
 * the case's token encoded exactly once, the bytes of the file's raw_query.
 */
function sequence(token: string): PlaybackPair[] {
  const page = (id: string, next?: string): PlaybackPair["response"] => ({
    status: 200,
    body: {
      orders: [v2026Order(id, "UNSHIPPED", "2024-05-08T06:00:00Z")],
      ...(next ? { pagination: { nextToken: next } } : {}),
    },
  });
  return [
    lwaPair(),
    {
      request: { method: "GET", path: "/orders/2026-01-01/orders", query: { marketplaceIds: MARKETPLACE } },
      response: page("202-0000000-0000151", token),
    },
    {
      request: { method: "GET", path: "/orders/2026-01-01/orders", query: { paginationToken: token } },
      response: page("202-0000000-0000152"),
    },
  ];
}

describe("case B15: NextToken on the wire", () => {
  it("B15.1/B15.2: page two carries the token percent-encoded once; both orders are read", async () => {
    const { token, encoded } = caseToken();
    expect(encoded).toBe("AbC%2BdEf%2FGhI%3D%3D");
    const { amazon, playback } = await frame.play(sequence(token), MARKETPLACE);
    const result = await amazon.fetchOrders({ since: new Date("2024-05-08T00:00:00Z") });
    expect(result.orders.map((o) => o.orderId)).toEqual([
      "202-0000000-0000151",
      "202-0000000-0000152",
    ]);
    const pageTwo = playback.requests().filter((r) => r.method === "GET")[1];
    expect(pageTwo?.rawQuery).toContain(`paginationToken=${encoded}`);
    expect(pageTwo?.rawQuery).not.toContain("%25");
    expect(playback.unmatched()).toEqual([]);
    expect(playback.remaining()).toEqual([]);
  });
});
