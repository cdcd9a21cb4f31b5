import { describe, expect, it } from "vitest";
import {
  ebayCarrier,
  looksLikeTrackingNumber,
  normalTracking,
  trackingProblem,
} from "../../src/channels/ebay/carriers.js";
import { describeEbayError } from "../../src/channels/ebay/errors.js";
import { nextPage } from "../../src/channels/ebay/fetch-orders.js";
import { planFulfillment } from "../../src/channels/ebay/fulfillment-plan.js";
import {
  lastModifiedFilter,
  searchableSince,
} from "../../src/channels/ebay/order-filter.js";
import {
  listHidesCancelRequests,
  orderState,
  toMarketplaceOrder,
  unitPrice,
} from "../../src/channels/ebay/order-mapping.js";
import { batches, siteId } from "../../src/channels/ebay/publish-quantities.js";
import {
  reviseOutcomes,
  tokenRejected,
} from "../../src/channels/ebay/quantity-outcomes.js";
import { ebayOrder, type EbayOrder } from "../../src/channels/ebay/schemas.js";
import {
  readReviseAnswer,
  reviseInventoryStatusXml,
} from "../../src/channels/ebay/trading-xml.js";
import type { PackageConfirmation } from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";

const usd = (value: string) => ({ value, currency: "USD" });

/** An order shaped like the Fulfillment API's, with fake data. */
function order(over: Partial<EbayOrder> = {}): EbayOrder {
  return ebayOrder.parse({
    orderId: "05-00000-00005",
    creationDate: "2026-01-10T08:00:00.000Z",
    lastModifiedDate: "2026-01-10T09:30:00.000Z",
    orderFulfillmentStatus: "IN_PROGRESS",
    orderPaymentStatus: "PAID",
    buyer: { username: "test_buyer_5" },
    pricingSummary: {
      priceSubtotal: usd("30.00"),
      deliveryCost: usd("0.0"),
      total: usd("30.00"),
    },
    cancelStatus: { cancelState: "NONE_REQUESTED", cancelRequests: [] },
    fulfillmentStartInstructions: [
      {
        shippingStep: {
          shipTo: {
            fullName: "Test Recipient",
            companyName: "Example Business LLC",
            contactAddress: {
              addressLine1: "1 Example Street",
              city: "Example Town",
              stateOrProvince: "TX",
              postalCode: "75001",
              countryCode: "US",
            },
            primaryPhone: { phoneNumber: "5550100005" },
            email: "masked-5@example.invalid",
          },
          shippingServiceCode: "UPSGround",
        },
        extraVendorField: { kept: true },
      },
    ],
    lineItems: [
      {
        lineItemId: "500000000051",
        sku: "MUG-RED",
        title: "Test Mug",
        quantity: 3,
        lineItemCost: usd("10.00"),
        taxes: [{ amount: usd("0.50") }, { amount: usd("0.25") }],
        lineItemFulfillmentStatus: "FULFILLED",
        lineItemFulfillmentInstructions: {
          shipByDate: "2026-01-12T07:59:59.000Z",
        },
      },
      {
        lineItemId: "500000000052",
        legacyItemId: "110000000052",
        title: "Classic listing without SKU",
        quantity: 2,
        lineItemCost: usd("20.00"),
        lineItemFulfillmentStatus: "NOT_STARTED",
        lineItemFulfillmentInstructions: {
          shipByDate: "2026-01-11T07:59:59.000Z",
        },
      },
    ],
    ...over,
  });
}

describe("eBay order mapping", () => {
  it("maps an order into hub's model and keeps the raw body", () => {
    const mapped = toMarketplaceOrder("ebay-us", order());
    expect(mapped).toMatchObject({
      channel: "ebay-us",
      orderId: "05-00000-00005",
      state: "partially_shipped",
      vendorStatus: "IN_PROGRESS",
      createdAt: "2026-01-10T08:00:00.000Z",
      updatedAt: "2026-01-10T09:30:00.000Z",
      currency: "USD",
      shippingPrice: "0.00",
      buyer: { name: "Test Recipient", email: "masked-5@example.invalid" },
      shipTo: {
        name: "Test Recipient",
        company: "Example Business LLC",
        street1: "1 Example Street",
        city: "Example Town",
        state: "TX",
        postalCode: "75001",
        country: "US",
        phone: "5550100005",
      },
      requestedService: "UPSGround",
      shipBy: "2026-01-11T07:59:59.000Z",
    });
    expect(mapped.shipTo?.street2).toBeUndefined();
    expect(mapped.lines[0]).toEqual({
      lineId: "500000000051",
      sku: "MUG-RED",
      title: "Test Mug",
      quantity: 3,
      unitPrice: "3.3333",
      tax: "0.75",
    });
    // No seller SKU on a classic listing: left empty for quarantine.
    expect(mapped.lines[1]).toMatchObject({ sku: "", unitPrice: "10.00" });
    expect(JSON.stringify(mapped.raw)).toContain("extraVendorField");
  });

  it("divides the line cost by the quantity", () => {
    const line = order().lineItems[1];
    if (line === undefined) throw new Error("fixture");
    expect(
      unitPrice({ ...line, quantity: 4, lineItemCost: usd("39.98") }),
    ).toBe("9.995");
    expect(
      unitPrice({ ...line, quantity: 2, lineItemCost: usd("39.98") }),
    ).toBe("19.99");
  });

  it("gives each eBay status its hub state", () => {
    const cases: Array<[Partial<EbayOrder>, string]> = [
      [{ orderFulfillmentStatus: "NOT_STARTED" }, "ready"],
      [{ orderFulfillmentStatus: "IN_PROGRESS" }, "partially_shipped"],
      [{ orderFulfillmentStatus: "FULFILLED" }, "shipped"],
      [
        { cancelStatus: { cancelState: "CANCELED", cancelRequests: [] } },
        "cancelled",
      ],
      [
        { cancelStatus: { cancelState: "CANCEL_REQUESTED" } },
        "cancel_requested",
      ],
      [
        {
          orderFulfillmentStatus: "NOT_STARTED",
          orderPaymentStatus: "PENDING",
        },
        "not_ready",
      ],
    ];
    for (const [over, state] of cases) {
      expect(orderState(order(over)).state).toBe(state);
    }
    expect(
      orderState(
        order({
          orderPaymentStatus: "PENDING",
          orderFulfillmentStatus: "NOT_STARTED",
        }),
      ).notReadyReason,
    ).toContain("pending");
  });

  it("reads B24's list body as ready but its single body as cancel_requested", () => {
    const list = order({
      orderFulfillmentStatus: "NOT_STARTED",
      cancelStatus: { cancelRequests: [] },
    });
    const single = order({
      orderFulfillmentStatus: "NOT_STARTED",
      cancelStatus: {
        cancelState: "CANCEL_REQUESTED",
        cancelRequests: [{ cancelRequestState: "REQUESTED" }],
      },
    });
    expect(orderState(list).state).toBe("ready");
    expect(listHidesCancelRequests(list)).toBe(true);
    expect(orderState(single).state).toBe("cancel_requested");
    expect(
      listHidesCancelRequests(order({ orderFulfillmentStatus: "FULFILLED" })),
    ).toBe(false);
  });
});

describe("eBay getOrders filter and paging", () => {
  it("filters by lastmodifieddate only, brackets encoded once on the wire (B24)", () => {
    const since = new Date("2026-01-10T08:00:00Z");
    const until = new Date("2026-01-11T08:00:00Z");
    const filter = lastModifiedFilter(since, until);
    expect(filter).not.toContain("creationdate");
    const wire = new URLSearchParams({ filter }).toString();
    expect(wire).toContain("%5B2026-01-10T08%3A00%3A00.000Z..");
    expect(wire).not.toContain("%255B");
  });

  it("moves a since older than 90 days up to the searchable edge", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const old = new Date("2026-01-01T00:00:00Z");
    const moved = searchableSince(old, now);
    expect(now.getTime() - moved.getTime()).toBeLessThan(90 * 86_400_000);
    const recent = new Date("2026-05-30T00:00:00Z");
    expect(searchableSince(recent, now)).toBe(recent);
  });

  it("follows next, else the offset while total says more remain", () => {
    const orders = [order()];
    expect(
      nextPage({ orders, next: "https://h.invalid/x?offset=2" }, "f"),
    ).toEqual({ path: "https://h.invalid/x?offset=2" });
    expect(nextPage({ orders, offset: 0, total: 5 }, "f")).toMatchObject({
      query: { filter: "f", offset: 1 },
    });
    expect(nextPage({ orders, offset: 4, total: 5 }, "f")).toBeUndefined();
    expect(nextPage({ orders: [], total: 5, next: "x" }, "f")).toBeUndefined();
  });
});

const channel = Settings.fromEntries([
  ["channels.ebay-us.kind", "ebay"],
  ["channels.ebay-us.carrier.my_courier", "DHL"],
]).channels[0];

describe("eBay carriers and tracking (B21)", () => {
  it("maps ShipStation carriers through defaults and overrides", () => {
    if (channel === undefined) throw new Error("fixture");
    expect(ebayCarrier(channel, "ups")).toBe("UPS");
    expect(ebayCarrier(channel, "stamps_com")).toBe("USPS");
    expect(ebayCarrier(channel, "fedex")).toBe("FedEx");
    expect(ebayCarrier(channel, "my_courier")).toBe("DHL");
    expect(() => ebayCarrier(channel, "unknown_co")).toThrow(ConfigError);
    expect(() => ebayCarrier(channel, "unknown_co")).toThrow(
      "channels.ebay-us.carrier.unknown_co",
    );
  });

  it("tells tracking numbers from carrier names", () => {
    expect(looksLikeTrackingNumber("1Z999AA10000002101")).toBe(true);
    expect(looksLikeTrackingNumber("UPS")).toBe(false);
    expect(trackingProblem("UPS")).toBe("it is a carrier name");
    expect(trackingProblem("FedEx")).toBe("it is a carrier name");
    expect(trackingProblem("1Z999AA1-0000")).toBeDefined();
    expect(trackingProblem("ABCDEFGHIJ")).toBe("it has no digit");
    expect(
      trackingProblem(normalTracking("9400 1000 0000 0000 0000 00")),
    ).toBeUndefined();
  });
});

function pkg(lines: PackageConfirmation["lines"]): PackageConfirmation {
  return {
    orderId: "05-00000-00005",
    packageRef: "8001",
    carrierCode: "ups",
    trackingNumber: "1Z999AA10000000555",
    shipDate: "2026-01-11T10:00:00+01:00",
    lines,
    completesOrder: false,
  };
}

describe("eBay fulfillment planning", () => {
  const existing = [
    {
      fulfillmentId: "1Z999AA10000000551",
      shipmentTrackingNumber: "1Z999AA10000000551",
      shippingCarrierCode: "UPS",
      lineItems: [{ lineItemId: "500000000051", quantity: 3 }],
    },
  ];

  it("creates a package for lines with units left", () => {
    const decision = planFulfillment(
      pkg([{ lineId: "500000000052", sku: "", quantity: 2 }]),
      order(),
      existing,
      "UPS",
      "1Z999AA10000000555",
    );
    expect(decision).toEqual({
      action: "create",
      body: {
        lineItems: [{ lineItemId: "500000000052", quantity: 2 }],
        shippedDate: "2026-01-11T09:00:00.000Z",
        shippingCarrierCode: "UPS",
        trackingNumber: "1Z999AA10000000555",
      },
    });
  });

  it("finds the same tracking already there", () => {
    const decision = planFulfillment(
      pkg([{ lineId: "500000000051", sku: "MUG-RED", quantity: 3 }]),
      order(),
      existing,
      "UPS",
      "1z999aa10000000551",
    );
    expect(decision).toEqual({ action: "already_done", carrier: "UPS" });
  });

  it("calls lines shipped under another tracking a mismatch (B18)", () => {
    const decision = planFulfillment(
      pkg([
        { lineId: "500000000051", sku: "MUG-RED", quantity: 1 },
        { lineId: "500000000052", sku: "", quantity: 1 },
      ]),
      order(),
      existing,
      "UPS",
      "1Z999AA10000000555",
    );
    expect(decision).toEqual({
      action: "mismatch",
      existingTracking: "1Z999AA10000000551",
    });
  });

  it("ships a replacement for a voided label in its place, counting the voided package out (B06)", () => {
    // The voided label's package covers the whole line, and eBay calls the
    // line FULFILLED because of it.
    const fulfilled = order();
    const lines = [{ lineId: "500000000051", sku: "MUG-RED", quantity: 3 }];
    const replacement = { ...pkg(lines), replacesTracking: ["1Z999AA1 0000000551"] };
    expect(
      planFulfillment(replacement, fulfilled, existing, "UPS", "1Z999AA10000000555"),
    ).toMatchObject({
      action: "create",
      body: { lineItems: [{ lineItemId: "500000000051", quantity: 3 }] },
    });
    // Without the void known, the same package is a mismatch (B18).
    expect(
      planFulfillment(pkg(lines), fulfilled, existing, "UPS", "1Z999AA10000000555"),
    ).toEqual({ action: "mismatch", existingTracking: "1Z999AA10000000551" });
    // A replacement never frees units a live package holds.
    const twice = [
      ...existing,
      { ...existing[0], fulfillmentId: "1Z999AA10000000552", shipmentTrackingNumber: "1Z999AA10000000552", lineItems: [{ lineItemId: "500000000052", quantity: 2 }] },
    ];
    expect(
      planFulfillment(
        { ...pkg([{ lineId: "500000000052", sku: "", quantity: 2 }]), replacesTracking: ["1Z999AA10000000551"] },
        order(),
        twice,
        "UPS",
        "1Z999AA10000000555",
      ),
    ).toMatchObject({ action: "mismatch" });
  });

  it("refuses lines the order does not have and cancelled orders", () => {
    expect(
      planFulfillment(
        pkg([{ lineId: "999", sku: "X", quantity: 1 }]),
        order(),
        [],
        "UPS",
        "1Z999AA10000000555",
      ),
    ).toMatchObject({ action: "refuse", retryable: false });
    expect(
      planFulfillment(
        pkg([{ lineId: "500000000052", sku: "", quantity: 1 }]),
        order({ cancelStatus: { cancelState: "CANCELED" } }),
        [],
        "UPS",
        "1Z999AA10000000555",
      ),
    ).toMatchObject({ action: "refuse", retryable: false });
  });
});

const B25_ANSWER = `<?xml version="1.0" encoding="UTF-8"?>
<ReviseInventoryStatusResponse xmlns="urn:ebay:apis:eBLBaseComponents">
  <Ack>Failure</Ack>
  <Errors>
    <ShortMessage>Quantity is not valid.</ShortMessage>
    <LongMessage>The quantity must be a valid number greater than 0.</LongMessage>
    <SeverityCode>Error</SeverityCode>
  </Errors>
</ReviseInventoryStatusResponse>`;

const PARTIAL_ANSWER = `<ReviseInventoryStatusResponse xmlns="urn:ebay:apis:eBLBaseComponents">
  <Ack>PartialFailure</Ack>
  <Errors>
    <ShortMessage>FixedPrice item ended.</ShortMessage>
    <LongMessage>You are not allowed to revise an ended item.</LongMessage>
    <ErrorCode>21916750</ErrorCode>
    <SeverityCode>Error</SeverityCode>
    <ErrorParameters ParamID="0"><Value>TRAY-TEAK</Value></ErrorParameters>
  </Errors>
  <InventoryStatus><SKU>MUG-RED</SKU><ItemID>110000000009</ItemID><Quantity>5</Quantity></InventoryStatus>
</ReviseInventoryStatusResponse>`;

describe("eBay Trading quantities", () => {
  it("builds 1–4 InventoryStatus nodes with escaped SKUs", () => {
    const xml = reviseInventoryStatusXml([
      { sku: "A&B<1>", quantity: 2 },
      { sku: "MUG-RED", quantity: 0 },
    ]);
    expect(xml).toContain("<SKU>A&amp;B&lt;1&gt;</SKU>");
    expect(xml.match(/<InventoryStatus>/g)).toHaveLength(2);
    expect(
      batches([1, 2, 3, 4, 5, 6, 7, 8, 9], 4).map((b) => b.length),
    ).toEqual([4, 4, 1]);
    expect(siteId("EBAY_GB")).toBe("3");
    expect(siteId(undefined)).toBe("0");
  });

  it("turns B25's refusal of 0 into a refused outcome with the fix", () => {
    const answer = readReviseAnswer(B25_ANSWER);
    if (answer === undefined) throw new Error("not read");
    const [outcome] = reviseOutcomes([{ sku: "LAMP-01", quantity: 0 }], answer);
    expect(outcome?.status).toBe("refused");
    expect(outcome?.error).toContain("enable out-of-stock control");
    // The same complaint about a positive number is an ordinary failure.
    const [other] = reviseOutcomes([{ sku: "LAMP-01", quantity: 3 }], answer);
    expect(other).toMatchObject({ status: "failed", retryable: false });
  });

  it("attributes a partial failure to the SKU it names", () => {
    const answer = readReviseAnswer(PARTIAL_ANSWER);
    if (answer === undefined) throw new Error("not read");
    const outcomes = reviseOutcomes(
      [
        { sku: "MUG-RED", quantity: 5 },
        { sku: "TRAY-TEAK", quantity: 1 },
      ],
      answer,
    );
    expect(outcomes[0]).toEqual({ sku: "MUG-RED", status: "sent" });
    expect(outcomes[1]).toMatchObject({
      sku: "TRAY-TEAK",
      status: "failed",
      retryable: false,
    });
    expect(outcomes[1]?.error).toContain("21916750");
  });

  it("knows a usage limit is temporary and a dead token needs a refresh", () => {
    const limit = readReviseAnswer(
      B25_ANSWER.replace(
        "<ShortMessage>Quantity is not valid.",
        "<ErrorCode>518</ErrorCode><ShortMessage>Call usage limit",
      ).replace(
        "The quantity must be a valid number greater than 0.",
        "Try again later.",
      ),
    );
    if (limit === undefined) throw new Error("not read");
    expect(
      reviseOutcomes([{ sku: "A1", quantity: 2 }], limit)[0],
    ).toMatchObject({ status: "failed", retryable: true });
    const token = readReviseAnswer(
      B25_ANSWER.replace(
        "<SeverityCode>",
        "<ErrorCode>21916984</ErrorCode><SeverityCode>",
      ),
    );
    if (token === undefined) throw new Error("not read");
    expect(tokenRejected(token)).toBe(true);
    expect(readReviseAnswer('{"not":"xml"}')).toBeUndefined();
  });
});

describe("eBay error normaliser", () => {
  it("reads the REST envelope and the OAuth shape", () => {
    expect(
      describeEbayError(429, {
        errors: [{ errorId: 2001, message: "Too many requests" }],
      }),
    ).toEqual({ code: "2001", message: "Too many requests" });
    const withParams = describeEbayError(400, {
      errors: [
        {
          errorId: 32100,
          message: "Invalid Order Id",
          parameters: [{ name: "orderId", value: "x" }],
        },
      ],
    });
    expect(withParams.message).toContain("orderId=x");
    expect(
      describeEbayError(400, {
        error: "invalid_grant",
        error_description: "bad",
      }),
    ).toEqual({ code: "invalid_grant", message: "invalid_grant: bad" });
  });
});

describe("token URL safety", () => {
  it("refuses a channel whose API URL is overridden but whose token URL is not", async () => {
    const { channelTokenUrl } = await import("../../src/channels/endpoints.js");
    const { Settings } = await import("../../src/config/settings.js");
    const settings = Settings.fromEntries([
      ["channels.ebay-x.store_id", 1],
      ["channels.ebay-x.kind", "ebay"],
      ["channels.ebay-x.endpoint", "http://127.0.0.1:9/ch/ebay-x"],
    ]);
    const channel = settings.channels[0];
    if (!channel) throw new Error("no channel");
    const saved = process.env.HUB_CHANNEL_EBAY_X_TOKEN_URL;
    delete process.env.HUB_CHANNEL_EBAY_X_TOKEN_URL;
    try {
      expect(() => channelTokenUrl(channel, "https://vendor.example.invalid/token")).toThrow(/HUB_CHANNEL_EBAY_X_TOKEN_URL/);
      process.env.HUB_CHANNEL_EBAY_X_TOKEN_URL = "http://127.0.0.1:9/token";
      expect(channelTokenUrl(channel, "https://vendor.example.invalid/token")).toBe("http://127.0.0.1:9/token");
    } finally {
      if (saved === undefined) delete process.env.HUB_CHANNEL_EBAY_X_TOKEN_URL;
      else process.env.HUB_CHANNEL_EBAY_X_TOKEN_URL = saved;
    }
  });
});
