import { gzipSync } from "node:zlib";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import {
  amazonCarrier,
  carrierLabel,
} from "../../src/channels/amazon/carriers.js";
import { AmazonClock, latestBefore } from "../../src/channels/amazon/clock.js";
import {
  confirmShipmentBody,
  judgeRefusal,
} from "../../src/channels/amazon/confirm-shipment.js";
import {
  feedOutcomes,
  readCompressedReport,
  listingsFeed,
} from "../../src/channels/amazon/listings-feed.js";
import { patchOutcome } from "../../src/channels/amazon/listings.js";
import { unitFromLineTotal } from "../../src/channels/amazon/money.js";
import {
  MISSING_ADDRESS_REASON,
  toMarketplaceOrder,
} from "../../src/channels/amazon/order-mapping.js";
import {
  searchOrder,
  searchOrdersAnswer,
} from "../../src/channels/amazon/schemas.js";
import type { SearchOrder } from "../../src/channels/amazon/schemas.js";
import {
  searchOrdersQuery,
  upperBound,
} from "../../src/channels/amazon/search-orders.js";
import type { PackageConfirmation } from "../../src/channels/types.js";

/** The shape of the searchOrders model example, with made-up goods. */
const modelShapedAnswer = {
  orders: [
    {
      orderId: "123-4567890-1234567",
      createdTime: "2024-12-25T10:30:00Z",
      lastUpdatedTime: "2024-12-25T14:45:00Z",
      salesChannel: { channelName: "AMAZON", marketplaceId: "ATVPDKIKX0DER" },
      buyer: {
        buyerName: "Test Buyer",
        buyerEmail: "buyer-0001@example.invalid",
      },
      recipient: {
        deliveryAddress: {
          name: "Test Recipient",
          companyName: "Example Co",
          addressLine1: "100 Example Street",
          addressLine2: "Suite 000",
          addressLine3: "",
          city: "Seattle",
          stateOrRegion: "WA",
          postalCode: "98101",
          countryCode: "US",
          phone: "+1 555-010-0000",
          addressType: "COMMERCIAL",
        },
      },
      proceeds: {
        grandTotal: { amount: "154.99", currencyCode: "USD" },
        breakdowns: [
          { type: "ITEM", subtotal: { amount: "149.97", currencyCode: "USD" } },
          { type: "TAX", subtotal: { amount: "0.02", currencyCode: "USD" } },
        ],
      },
      fulfillment: {
        fulfillmentStatus: "SHIPPED",
        fulfilledBy: "MERCHANT",
        fulfillmentServiceLevel: "STANDARD",
        shipByWindow: {
          earliestDateTime: "2024-12-26T00:00:00Z",
          latestDateTime: "2024-12-27T23:59:59Z",
        },
      },
      orderItems: [
        {
          orderItemId: "12345678901234",
          quantityOrdered: 2,
          product: {
            asin: "B000000001",
            title: "Stoneware Mug, Blue",
            sellerSku: "MUG-BLUE",
            price: { unitPrice: { amount: "49.99", currencyCode: "USD" } },
          },
          proceeds: {
            proceedsTotal: { amount: "100.00", currencyCode: "USD" },
            breakdowns: [
              {
                type: "ITEM",
                subtotal: { amount: "99.98", currencyCode: "USD" },
              },
              {
                type: "TAX",
                subtotal: { amount: "0.02", currencyCode: "USD" },
              },
            ],
          },
        },
        {
          orderItemId: "12345678901235",
          quantityOrdered: 1,
          product: {
            asin: "B000000002",
            title: "Dinner Plate, Red",
            sellerSku: "PLATE-RED",
            price: { unitPrice: { amount: "49.99", currencyCode: "USD" } },
          },
        },
      ],
    },
  ],
  pagination: { nextToken: "2YgYW55IGNhcm5hbCBwbGVhc3VyZS4" },
  lastUpdatedBefore: "2024-12-25T15:00:00Z",
};

function order(fields: Record<string, unknown>): SearchOrder {
  return searchOrder.parse({
    orderId: "111-0000000-0000013",
    createdTime: "2024-05-06T08:00:00Z",
    lastUpdatedTime: "2024-05-06T08:25:00Z",
    fulfillment: { fulfillmentStatus: "UNSHIPPED", fulfilledBy: "MERCHANT" },
    orderItems: [
      {
        orderItemId: "13000000000001",
        quantityOrdered: 1,
        product: {
          sellerSku: "LAMP-01",
          title: "Desk Lamp",
          price: { unitPrice: { amount: "24.00", currencyCode: "USD" } },
        },
      },
    ],
    ...fields,
  });
}

const address = {
  name: "Test Buyer",
  addressLine1: "13 Example Street",
  city: "Springfield",
  stateOrRegion: "IL",
  postalCode: "62701",
  countryCode: "US",
};

describe("searchOrders answer → MarketplaceOrder", () => {
  it("maps an answer shaped like the model example", () => {
    const answer = searchOrdersAnswer.parse(modelShapedAnswer);
    const first = answer.orders[0];
    if (!first) throw new Error("fixture has no order");
    const mapped = toMarketplaceOrder("amazon-us", first);
    expect(mapped.state).toBe("shipped");
    expect(mapped.vendorStatus).toBe("SHIPPED");
    expect(mapped.currency).toBe("USD");
    expect(
      mapped.lines.map((l) => [
        l.lineId,
        l.sku,
        l.quantity,
        l.unitPrice,
        l.tax,
      ]),
    ).toEqual([
      ["12345678901234", "MUG-BLUE", 2, "49.99", "0.02"],
      ["12345678901235", "PLATE-RED", 1, "49.99", "0.00"],
    ]);
    expect(mapped.shipTo).toMatchObject({
      name: "Test Recipient",
      company: "Example Co",
      street1: "100 Example Street",
      street2: "Suite 000",
      postalCode: "98101",
      country: "US",
    });
    expect(mapped.shipTo?.street3).toBeUndefined();
    expect(mapped.buyer).toEqual({
      name: "Test Buyer",
      email: "buyer-0001@example.invalid",
    });
    expect(mapped.shipBy).toBe("2024-12-27T23:59:59.000Z");
    expect(mapped.requestedService).toBe("STANDARD");
    expect(answer.pagination?.nextToken).toBe("2YgYW55IGNhcm5hbCBwbGVhc3VyZS4");
  });

  it("parks a Pending order without address or prices as not_ready (B13)", () => {
    const pending = order({
      fulfillment: { fulfillmentStatus: "PENDING" },
      orderItems: [
        {
          orderItemId: "13000000000001",
          quantityOrdered: 1,
          product: { sellerSku: "LAMP-01" },
        },
      ],
    });
    const mapped = toMarketplaceOrder("amazon-us", pending);
    expect(mapped.state).toBe("not_ready");
    expect(mapped.notReadyReason).toMatch(/payment/);
    expect(mapped.shipTo).toBeUndefined();
    expect(mapped.lines[0]?.unitPrice).toBe("0.00");
  });

  it("makes the same order ready once Unshipped with an address (B13)", () => {
    const mapped = toMarketplaceOrder(
      "amazon-us",
      order({ recipient: { deliveryAddress: address } }),
    );
    expect(mapped.state).toBe("ready");
    expect(mapped.shipTo?.street1).toBe("13 Example Street");
    expect(mapped.notReadyReason).toBeUndefined();
  });

  it("never builds a ship-to from city, postcode and country alone (B14)", () => {
    const restricted = order({
      recipient: {
        deliveryAddress: {
          city: "LUTON",
          postalCode: "LU1 1AA",
          countryCode: "GB",
          stateOrRegion: "Bedfordshire",
        },
      },
    });
    const mapped = toMarketplaceOrder("amazon-us", restricted);
    expect(mapped.shipTo).toBeUndefined();
    expect(mapped.state).toBe("not_ready");
    expect(mapped.notReadyReason).toBe(MISSING_ADDRESS_REASON);
    expect(mapped.notReadyReason).toMatch(/missing PII.*role/);
  });

  it("marks a buyer cancel request on an open order (B19)", () => {
    const mapped = toMarketplaceOrder(
      "amazon-us",
      order({
        recipient: { deliveryAddress: address },
        orderItems: [
          {
            orderItemId: "19000000000001",
            quantityOrdered: 1,
            product: { sellerSku: "LAMP-01" },
            cancellation: {
              cancellationRequest: {
                requester: "BUYER",
                cancelReason: "Ordered by mistake",
              },
            },
          },
        ],
      }),
    );
    expect(mapped.state).toBe("cancel_requested");
  });

  it("maps Canceled to cancelled whatever the lines say", () => {
    const mapped = toMarketplaceOrder(
      "amazon-us",
      order({ fulfillment: { fulfillmentStatus: "CANCELLED" } }),
    );
    expect(mapped.state).toBe("cancelled");
  });

  it("derives a unit price from a line total exactly (B38)", () => {
    const mapped = toMarketplaceOrder(
      "amazon-de",
      order({
        recipient: { deliveryAddress: address },
        proceeds: {
          grandTotal: { amount: "30.03", currencyCode: "EUR" },
          breakdowns: [
            {
              type: "SHIPPING",
              subtotal: { amount: "6.25", currencyCode: "EUR" },
            },
          ],
        },
        orderItems: [
          {
            orderItemId: "38000000000001",
            quantityOrdered: 50,
            product: { sellerSku: "SCREW-M8X85" },
            proceeds: {
              breakdowns: [
                {
                  type: "ITEM",
                  subtotal: { amount: "23.78", currencyCode: "EUR" },
                },
                {
                  type: "TAX",
                  subtotal: { amount: "0.00", currencyCode: "EUR" },
                },
              ],
            },
          },
        ],
      }),
    );
    const line = mapped.lines[0];
    expect(line?.unitPrice).toBe("0.4756");
    expect(new Decimal(line?.unitPrice ?? "0").times(50).toFixed(2)).toBe(
      "23.78",
    );
    expect(line?.tax).toBe("0.00");
    expect(mapped.shippingPrice).toBe("6.25");
    expect(mapped.currency).toBe("EUR");
  });

  it("keeps decimal text and turns numbers into exact text (B38.4)", () => {
    expect(unitFromLineTotal({ amount: 30.03, currencyCode: "EUR" }, 1)).toBe(
      "30.03",
    );
    const mapped = toMarketplaceOrder(
      "amazon-us",
      order({
        recipient: { deliveryAddress: address },
        orderItems: [
          {
            orderItemId: "1",
            quantityOrdered: 3,
            product: {
              sellerSku: "X",
              price: { unitPrice: { amount: 0.1, currencyCode: "USD" } },
            },
          },
        ],
      }),
    );
    expect(mapped.lines[0]?.unitPrice).toBe("0.1");
  });

  it("normalises times to UTC", () => {
    const mapped = toMarketplaceOrder(
      "amazon-us",
      order({
        createdTime: "2024-05-06T10:00:00+02:00",
        recipient: { deliveryAddress: address },
      }),
    );
    expect(mapped.createdAt).toBe("2024-05-06T08:00:00.000Z");
  });
});

describe("searchOrders window", () => {
  it("asks for merchant orders of the handled statuses by last update", () => {
    const query = searchOrdersQuery(
      "ATVPDKIKX0DER",
      new Date("2024-05-06T08:00:00Z"),
      new Date("2024-05-06T11:57:00Z"),
    );
    expect(query).toMatchObject({
      lastUpdatedAfter: "2024-05-06T08:00:00.000Z",
      lastUpdatedBefore: "2024-05-06T11:57:00.000Z",
      fulfilledBy: "MERCHANT",
      fulfillmentStatuses:
        "PENDING,UNSHIPPED,PARTIALLY_SHIPPED,SHIPPED,CANCELLED",
    });
    expect(query.includedData?.split(",")).toEqual(
      expect.arrayContaining(["RECIPIENT", "FULFILLMENT", "PROCEEDS"]),
    );
    expect(query).not.toHaveProperty("createdAfter");
  });

  it("never reads past the latest bound Amazon allows", () => {
    const latest = new Date("2024-05-06T11:57:00Z");
    const since = new Date("2024-05-06T08:00:00Z");
    expect(upperBound({ since }, latest)).toEqual(latest);
    expect(
      upperBound({ since, until: new Date("2024-05-06T13:00:00Z") }, latest),
    ).toEqual(latest);
    const early = new Date("2024-05-06T10:00:00Z");
    expect(upperBound({ since, until: early }, latest)).toEqual(early);
  });

  it("takes Amazon's time from the Date header, not the local clock (B11)", () => {
    const local = Date.parse("2024-05-06T12:05:00Z");
    const clock = new AmazonClock(() => local);
    clock.observe({ date: "Mon, 06 May 2024 12:00:00 GMT" });
    const bound = clock.latestBefore();
    expect(bound.getTime()).toBeLessThanOrEqual(
      Date.parse("2024-05-06T11:58:00Z"),
    );
    expect(bound.getTime()).toBeGreaterThan(Date.parse("2024-05-06T11:57:00Z"));
    expect(clock.serverNow()?.toISOString()).toBe("2024-05-06T12:00:00.000Z");
  });

  it("keeps a wider margin while Amazon's time is unknown", () => {
    const local = Date.parse("2024-05-06T12:00:00Z");
    expect(latestBefore(local).getTime()).toBeLessThanOrEqual(
      local - 4 * 60_000,
    );
  });
});

const pkg: PackageConfirmation = {
  orderId: "111-0000000-0000007",
  packageRef: "7102",
  carrierCode: "ups",
  serviceCode: "ups_ground",
  trackingNumber: "1Z999AA10000000702",
  shipDate: "2024-05-07T10:30:00-07:00",
  lines: [{ lineId: "10000000000072", sku: "PLATE-RED", quantity: 2 }],
  completesOrder: true,
};

describe("confirmShipment", () => {
  it("maps common carriers and falls back to Other with the name", () => {
    expect(amazonCarrier("ups", {})).toEqual({ carrierCode: "UPS" });
    expect(amazonCarrier("stamps_com", {})).toEqual({ carrierCode: "USPS" });
    expect(amazonCarrier("fedex", {})).toEqual({ carrierCode: "FedEx" });
    expect(amazonCarrier("dhl_express", {})).toEqual({ carrierCode: "DHL" });
    const other = amazonCarrier("acme_couriers", {});
    expect(other).toEqual({
      carrierCode: "Other",
      carrierName: "acme_couriers",
    });
    expect(carrierLabel(other)).toBe("Other (acme_couriers)");
  });

  it("lets the operator's table win", () => {
    expect(amazonCarrier("ups", { ups: "UPSMI" })).toEqual({
      carrierCode: "UPSMI",
    });
    expect(amazonCarrier("acme_couriers", { acme_couriers: "Evri" })).toEqual({
      carrierCode: "Evri",
    });
  });

  it("builds one package with its own reference, items and offset date (B07, B03)", () => {
    const body = confirmShipmentBody(pkg, "ATVPDKIKX0DER", {
      carrierCode: "UPS",
    });
    expect(body).toEqual({
      marketplaceId: "ATVPDKIKX0DER",
      packageDetail: {
        packageReferenceId: "7102",
        carrierCode: "UPS",
        shippingMethod: "ups_ground",
        trackingNumber: "1Z999AA10000000702",
        shipDate: "2024-05-07T10:30:00-07:00",
        orderItems: [{ orderItemId: "10000000000072", quantity: 2 }],
      },
    });
  });

  it("refuses a ship date without an offset", () => {
    expect(() =>
      confirmShipmentBody({ ...pkg, shipDate: "2024-05-07T10:30:00" }, "M", {
        carrierCode: "UPS",
      }),
    ).toThrow(/offset/);
  });

  const shipped = (packages: unknown[], status = "SHIPPED") =>
    searchOrder.parse({
      orderId: pkg.orderId,
      createdTime: "2024-05-06T08:00:00Z",
      lastUpdatedTime: "2024-05-07T18:00:00Z",
      fulfillment: { fulfillmentStatus: status },
      orderItems: [{ orderItemId: "10000000000072", quantityOrdered: 2 }],
      packages,
    });

  it("explains a refused package from the order's packages (B18)", () => {
    const same = {
      packageReferenceId: "7102",
      trackingNumber: pkg.trackingNumber,
    };
    expect(judgeRefusal(pkg, shipped([same]))).toEqual({
      kind: "already_done",
    });
    const other = {
      packageReferenceId: "manual-1",
      trackingNumber: "1Z999AA10000000999",
      packageItems: [{ orderItemId: "10000000000072", quantity: 2 }],
    };
    expect(judgeRefusal(pkg, shipped([other]))).toEqual({
      kind: "mismatch",
      existingTracking: "1Z999AA10000000999",
    });
    expect(judgeRefusal(pkg, shipped([], "CANCELLED"))).toEqual({
      kind: "cancelled",
    });
    expect(judgeRefusal(pkg, shipped([], "UNSHIPPED"))).toEqual({
      kind: "unexplained",
    });
    expect(judgeRefusal(pkg, undefined)).toEqual({ kind: "unexplained" });
  });
});

describe("quantities", () => {
  it("reads a patch answer per SKU", () => {
    expect(patchOutcome("A", { status: "ACCEPTED", issues: [] })).toEqual({
      sku: "A",
      status: "sent",
    });
    const invalid = patchOutcome("B", {
      status: "INVALID",
      issues: [
        {
          code: "90000900",
          message: "The attributes are invalid.",
          severity: "ERROR",
        },
      ],
    });
    expect(invalid.status).toBe("refused");
    expect(invalid.error).toMatch(/90000900 The attributes are invalid/);
  });

  it("numbers feed messages and maps report issues back to SKUs", () => {
    const updates = [
      { sku: "MUG-BLUE", quantity: 4 },
      { sku: "GONE-SKU", quantity: 0 },
    ];
    const feed = listingsFeed("A1TESTSELLER", "PRODUCT", updates);
    expect(feed).toMatchObject({
      header: { sellerId: "A1TESTSELLER", version: "2.0" },
      messages: [
        { messageId: 1, sku: "MUG-BLUE", operationType: "PATCH" },
        { messageId: 2, sku: "GONE-SKU", operationType: "PATCH" },
      ],
    });
    const outcomes = feedOutcomes(updates, {
      issues: [
        {
          messageId: 2,
          sku: "GONE-SKU",
          code: "90000900",
          severity: "ERROR",
          message: "not listed",
        },
        {
          messageId: 1,
          sku: "MUG-BLUE",
          code: "18448",
          severity: "WARNING",
          message: "incomplete",
        },
      ],
    });
    expect(outcomes).toEqual([
      { sku: "MUG-BLUE", status: "sent" },
      { sku: "GONE-SKU", status: "refused", error: "90000900 not listed" },
    ]);
  });

  it("unpacks a GZIP report, and names a broken one instead of throwing", () => {
    const report = { issues: [{ messageId: 1, code: "90000900", severity: "ERROR", message: "x" }] };
    expect(readCompressedReport(gzipSync(JSON.stringify(report)))).toMatchObject(report);
    expect(readCompressedReport(Buffer.from("not gzip"))).toMatch(/cannot be unpacked/);
    expect(readCompressedReport(gzipSync("<xml/>"))).toMatch(/not JSON/);
    expect(readCompressedReport(gzipSync(JSON.stringify({ issues: "none" })))).toMatch(/not a JSON_LISTINGS_FEED report/);
  });
});
