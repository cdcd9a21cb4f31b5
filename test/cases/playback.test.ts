import { afterEach, describe, expect, it } from "vitest";
import {
  startPlayback,
  UNMATCHED_STATUS,
  type PlaybackHandle,
} from "../../src/sandbox/playback/index.js";
import { caseSequence } from "./support/case-files.js";

let playback: PlaybackHandle | undefined;
afterEach(async () => {
  await playback?.close();
  playback = undefined;
});

describe("startPlayback", () => {
  it("answers raw_query pairs byte for byte and records each request (B15 file)", async () => {
    playback = await startPlayback(caseSequence("B15"));
    const base = `${playback.url}/orders/v0/orders`;
    const once = await fetch(
      `${base}?MarketplaceIds=A1F83G8C2ARO7P&NextToken=AbC%2BdEf%2FGhI%3D%3D`,
    );
    expect(once.status).toBe(200);
    const twice = await fetch(
      `${base}?MarketplaceIds=A1F83G8C2ARO7P&NextToken=AbC%252BdEf%252FGhI%253D%253D`,
    );
    expect(twice.status).toBe(400);
    // Same decoded value, other bytes: a raw_query pair does not match it.
    const other = await fetch(
      `${base}?MarketplaceIds=A1F83G8C2ARO7P&NextToken=AbC%2bdEf%2fGhI%3d%3d`,
    );
    expect(other.status).toBe(UNMATCHED_STATUS);
    expect(await other.json()).toMatchObject({ path: "/orders/v0/orders" });
    expect(playback.requests().map((r) => r.pairIndex)).toEqual([1, 2, undefined]);
    expect(playback.unmatched()).toHaveLength(1);
    expect(playback.remaining().map((p) => p.request.query)).toEqual([
      { MarketplaceIds: "A1F83G8C2ARO7P", LastUpdatedAfter: "2024-05-08T00:00:00Z" },
    ]);
  });

  it("matches decoded query values, `<= instant` bounds and headers (B11, B14 files)", async () => {
    playback = await startPlayback(caseSequence("B11"));
    const late = new URLSearchParams({
      MarketplaceIds: "ATVPDKIKX0DER",
      LastUpdatedAfter: "2024-05-01T11:30:00Z",
      LastUpdatedBefore: "2024-05-01T11:58:00Z",
    });
    // Too late for pair 2, not the literal of pair 1: nothing matches.
    expect((await fetch(`${playback.url}/orders/v0/orders?${late}`)).status).toBe(
      UNMATCHED_STATUS,
    );
    late.set("LastUpdatedBefore", "2024-05-01T11:56:59Z");
    const ok = await fetch(`${playback.url}/orders/v0/orders?${late}`);
    expect(ok.status).toBe(200);
    expect(playback.remaining()).toHaveLength(1);
    await playback.close();

    playback = await startPlayback(caseSequence("B14"));
    const noToken = await fetch(`${playback.url}/orders/v0/orders`);
    expect(noToken.status).toBe(UNMATCHED_STATUS);
    const withToken = await fetch(`${playback.url}/orders/v0/orders`, {
      headers: { "X-Amz-Access-Token": "Atz.sprdt|FAKE" },
    });
    expect(withToken.status).toBe(200);
    expect(playback.requests()[1]?.headers["x-amz-access-token"]).toBe(
      "Atz.sprdt|FAKE",
    );
  });

  it("serves absolute URLs under /<host> and bodies by subset or prefix (B33, B09 files)", async () => {
    playback = await startPlayback(caseSequence("B33"));
    const token = await fetch(`${playback.url}/accounts.zoho.eu/oauth/v2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&client_id=x",
    });
    expect(await token.json()).toMatchObject({ api_domain: "https://www.zohoapis.eu" });
    expect(playback.remaining()).toHaveLength(3);
    await playback.close();

    playback = await startPlayback(caseSequence("B09"), { basePath: "/ss" });
    const post = (key: string) =>
      fetch(`${playback?.url ?? ""}/ss/orders/createorder`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ orderKey: key, orderNumber: "x" }),
      });
    expect((await post("amazon-us:111-0000000-0000092")).status).toBe(429);
    const again = await post("amazon-us:111-0000000-0000092");
    expect(again.status).toBe(200);
    expect(again.headers.get("x-rate-limit-remaining")).toBe("39");
    expect((await post("amazon-us:111-0000000-0000093")).status).toBe(UNMATCHED_STATUS);
    expect(playback.remaining()).toHaveLength(1);
  });
});
