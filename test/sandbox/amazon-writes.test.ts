import { beforeEach, describe, expect, it } from "vitest";
import { createAmazonStandIn } from "../../src/sandbox/amazon/index.js";
import { channelClient, FixtureWorld } from "./amazon-rithum-world.fixture.js";
import { accessToken, CHANNEL, scenario } from "./amazon-scenario.fixture.js";

let world: FixtureWorld;
let call: ReturnType<typeof channelClient>;
let headers: Record<string, string>;

beforeEach(async () => {
  world = new FixtureWorld(scenario(), "2024-05-20T12:00:00Z");
  call = channelClient(createAmazonStandIn(world), CHANNEL);
  headers = { "x-amz-access-token": await accessToken(call) };
});

function confirmation(
  ref: string,
  tracking: string,
  items: Array<{ orderItemId: string; quantity: number }>,
) {
  return {
    marketplaceId: "ATVPDKIKX0DER",
    packageDetail: {
      packageReferenceId: ref,
      carrierCode: "UPS",
      shippingMethod: "UPS Ground",
      trackingNumber: tracking,
      shipDate: "2024-05-20T10:00:00Z",
      orderItems: items,
    },
  };
}

const SPLIT_ORDER =
  "/orders/v0/orders/111-0000000-0000007/shipmentConfirmation";

describe("confirmShipment", () => {
  it("records one tracking per package and ships the order after both", async () => {
    const first = await call("POST", SPLIT_ORDER, {
      headers,
      json: confirmation("1", "1Z999AA10000000701", [
        { orderItemId: "10000000000071", quantity: 1 },
      ]),
    });
    expect(first.status).toBe(204);
    const order = world.order(CHANNEL.id, "111-0000000-0000007");
    expect(order?.status).toBe("partially_shipped");
    expect(order?.updated_at).toBe("2024-05-20T12:00:00.000Z");

    const second = await call("POST", SPLIT_ORDER, {
      headers,
      json: confirmation("2", "1Z999AA10000000702", [
        { orderItemId: "10000000000072", quantity: 2 },
      ]),
    });
    expect(second.status).toBe(204);
    expect(order?.status).toBe("shipped");
    expect(world.received.map((r) => r.tracking)).toMatchObject([
      {
        order_id: "111-0000000-0000007",
        carrier: "UPS",
        service: "UPS Ground",
        tracking_number: "1Z999AA10000000701",
        lines: { "10000000000071": 1 },
      },
      {
        tracking_number: "1Z999AA10000000702",
        lines: { "10000000000072": 2 },
      },
    ]);
    expect(world.received[0]?.channel).toBe(CHANNEL.id);
  });

  it("shows confirmed packages and fulfilled quantities in searchOrders", async () => {
    await call("POST", SPLIT_ORDER, {
      headers,
      json: confirmation("1", "1Z999AA10000000701", [
        { orderItemId: "10000000000071", quantity: 1 },
      ]),
    });
    const answer = await call(
      "GET",
      "/orders/2026-01-01/orders/111-0000000-0000007" +
        "?includedData=PACKAGES,FULFILLMENT",
      { headers },
    );
    expect(answer.body).toMatchObject({
      order: {
        fulfillment: { fulfillmentStatus: "PARTIALLY_SHIPPED" },
        orderItems: [
          { fulfillment: { quantityFulfilled: 1, quantityUnfulfilled: 0 } },
          { fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: 2 } },
        ],
        packages: [
          { packageReferenceId: "1", trackingNumber: "1Z999AA10000000701" },
        ],
      },
    });
  });

  it("refuses a package reference id confirmed before", async () => {
    const body = confirmation("1", "1Z999AA10000000701", [
      { orderItemId: "10000000000071", quantity: 1 },
    ]);
    await call("POST", SPLIT_ORDER, { headers, json: body });
    const again = await call("POST", SPLIT_ORDER, { headers, json: body });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errors: [{ code: "Invalid Input" }] });
    expect(world.received).toHaveLength(1);
  });

  it("refuses items not in the order and more units than remain", async () => {
    const foreign = await call("POST", SPLIT_ORDER, {
      headers,
      json: confirmation("1", "1Z1", [{ orderItemId: "999", quantity: 1 }]),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ errors: [{ code: "Invalid Input" }] });
    const tooMany = await call("POST", SPLIT_ORDER, {
      headers,
      json: confirmation("1", "1Z1", [
        { orderItemId: "10000000000072", quantity: 3 },
      ]),
    });
    expect(tooMany.status).toBe(400);
    expect(world.received).toEqual([]);
  });

  it("answers 404 for an unknown order and 400 for a cancelled one", async () => {
    const unknown = await call(
      "POST",
      "/orders/v0/orders/999-0000000-0000000/shipmentConfirmation",
      { headers, json: confirmation("1", "1Z1", []) },
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ errors: [{ code: "NotFound" }] });
    const cancelled = await call(
      "POST",
      "/orders/v0/orders/111-0000000-0000004/shipmentConfirmation",
      {
        headers,
        json: confirmation("1", "1Z1", [
          { orderItemId: "10000000000041", quantity: 1 },
        ]),
      },
    );
    expect(cancelled.status).toBe(400);
  });

  it("requires carrierCode and declares 2 rps burst 10", async () => {
    const body = confirmation("1", "1Z1", [
      { orderItemId: "10000000000071", quantity: 1 },
    ]);
    const { carrierCode, ...detail } = body.packageDetail;
    void carrierCode;
    const answer = await call("POST", SPLIT_ORDER, {
      headers,
      json: { ...body, packageDetail: detail },
    });
    expect(answer.status).toBe(400);
    expect(answer.route?.rate).toEqual({ perSecond: 2, burst: 10 });
    expect(answer.headers?.["x-amzn-RateLimit-Limit"]).toBe("2");
  });
});

function listingPatch(quantity: number) {
  return {
    productType: "PRODUCT",
    patches: [
      {
        op: "replace",
        path: "/attributes/fulfillment_availability",
        value: [{ fulfillment_channel_code: "DEFAULT", quantity }],
      },
    ],
  };
}

const LISTING = "/listings/2021-08-01/items/A1FAKESELLER/MUG-BLUE";

describe("patchListingsItem", () => {
  it("records the DEFAULT quantity and answers ACCEPTED", async () => {
    const answer = await call(
      "PATCH",
      `${LISTING}?marketplaceIds=ATVPDKIKX0DER`,
      {
        headers,
        json: listingPatch(7),
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      sku: "MUG-BLUE",
      status: "ACCEPTED",
      issues: [],
    });
    expect(world.quantity(CHANNEL.id, "MUG-BLUE")).toBe(7);
    expect(answer.route?.rate).toEqual({ perSecond: 5, burst: 5 });
  });

  it("applies nothing in VALIDATION_PREVIEW mode", async () => {
    const answer = await call(
      "PATCH",
      `${LISTING}?marketplaceIds=ATVPDKIKX0DER&mode=VALIDATION_PREVIEW`,
      { headers, json: listingPatch(3) },
    );
    expect(answer.body).toMatchObject({ status: "VALID" });
    expect(world.quantity(CHANNEL.id, "MUG-BLUE")).toBeUndefined();
  });

  it("answers INVALID for a negative quantity", async () => {
    const answer = await call(
      "PATCH",
      `${LISTING}?marketplaceIds=ATVPDKIKX0DER`,
      {
        headers,
        json: listingPatch(-1),
      },
    );
    expect(answer.body).toMatchObject({
      status: "INVALID",
      issues: [{ severity: "ERROR" }],
    });
    expect(world.quantity(CHANNEL.id, "MUG-BLUE")).toBeUndefined();
  });

  it("answers BAD_REQUEST without marketplaceIds", async () => {
    const answer = await call("PATCH", LISTING, {
      headers,
      json: listingPatch(1),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ errors: [{ code: "BAD_REQUEST" }] });
  });
});

describe("JSON_LISTINGS_FEED", () => {
  it("runs document, upload, feed and report, applying each message", async () => {
    const contentType = "application/json; charset=UTF-8";
    const doc = await call("POST", "/feeds/2021-06-30/documents", {
      headers,
      json: { contentType },
    });
    expect(doc.status).toBe(201);
    const { feedDocumentId, url } = doc.body as {
      feedDocumentId: string;
      url: string;
    };
    expect(url.startsWith("http://127.0.0.1:4010/ch/amazon-us/")).toBe(true);
    const uploadPath = new URL(url).pathname.replace("/ch/amazon-us", "");

    const feed = {
      header: { sellerId: "A1FAKESELLER", version: "2.0" },
      messages: [
        {
          messageId: 1,
          sku: "MUG-BLUE",
          operationType: "PATCH",
          productType: "PRODUCT",
          patches: listingPatch(4).patches,
        },
        {
          messageId: 2,
          sku: "PLATE-RED",
          operationType: "PARTIAL_UPDATE",
          productType: "PRODUCT",
          attributes: {
            fulfillment_availability: [
              { fulfillment_channel_code: "DEFAULT", quantity: 0 },
            ],
          },
        },
        {
          messageId: 3,
          sku: "NOT-LISTED",
          operationType: "PATCH",
          patches: [],
        },
      ],
    };
    const wrongType = await call("PUT", uploadPath, {
      raw: { contentType: "text/plain", text: JSON.stringify(feed) },
    });
    expect(wrongType.status).toBe(403);
    const uploaded = await call("PUT", uploadPath, {
      raw: { contentType, text: JSON.stringify(feed) },
    });
    expect(uploaded.status).toBe(200);

    const created = await call("POST", "/feeds/2021-06-30/feeds", {
      headers,
      json: {
        feedType: "JSON_LISTINGS_FEED",
        marketplaceIds: ["ATVPDKIKX0DER"],
        inputFeedDocumentId: feedDocumentId,
      },
    });
    expect(created.status).toBe(202);
    const { feedId } = created.body as { feedId: string };
    expect(world.quantity(CHANNEL.id, "MUG-BLUE")).toBe(4);
    expect(world.quantity(CHANNEL.id, "PLATE-RED")).toBe(0);

    const status = await call("GET", `/feeds/2021-06-30/feeds/${feedId}`, {
      headers,
    });
    const feedState = status.body as {
      processingStatus: string;
      resultFeedDocumentId: string;
    };
    expect(feedState.processingStatus).toBe("DONE");
    const result = await call(
      "GET",
      `/feeds/2021-06-30/documents/${feedState.resultFeedDocumentId}`,
      { headers },
    );
    const reportUrl = (result.body as { url: string }).url;
    const report = await call(
      "GET",
      new URL(reportUrl).pathname.replace("/ch/amazon-us", ""),
    );
    expect(JSON.parse(String(report.body))).toMatchObject({
      header: { feedId },
      summary: {
        errors: 1,
        messagesProcessed: 3,
        messagesAccepted: 2,
        messagesInvalid: 1,
      },
      issues: [{ messageId: 3, sku: "NOT-LISTED", severity: "ERROR" }],
    });
  });
});
