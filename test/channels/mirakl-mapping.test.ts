import { describe, expect, it } from "vitest";
import { describeMiraklError } from "../../src/channels/mirakl/api.js";
import { miraklTracking } from "../../src/channels/mirakl/carriers.js";
import {
  ALPHA3_TO_ALPHA2,
  alpha2Of,
  isIsoAlpha2,
} from "../../src/channels/mirakl/countries.js";
import { decimalString, sumAmounts } from "../../src/channels/mirakl/money.js";
import { toMarketplaceOrder } from "../../src/channels/mirakl/order-mapping.js";
import { chunks } from "../../src/channels/mirakl/orders.js";
import { miraklOrder } from "../../src/channels/mirakl/schemas.js";
import { planMiraklShipment } from "../../src/channels/mirakl/shipment-plan.js";
import { mapMiraklState } from "../../src/channels/mirakl/states.js";
import { importOutcomes } from "../../src/channels/mirakl/stock-import.js";
import {
  parseErrorReport,
  stockCsv,
} from "../../src/channels/mirakl/stock-csv.js";
import type { PackageConfirmation } from "../../src/channels/types.js";
import { Settings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";

function rawOrder(state: string, country = "FRA"): Record<string, unknown> {
  return {
    order_id: "MKP-0000040-A",
    order_state: state,
    created_date: "2026-03-01T10:00:00Z",
    last_updated_date: "2026-03-01T11:00:00Z",
    currency_iso_code: "EUR",
    shipping_price: 4.9,
    shipping_type_label: "Standard",
    shipping_deadline: "2026-03-04T23:59:59.999Z",
    customer: {
      firstname: "Test",
      lastname: "Buyer",
      shipping_address: {
        firstname: "Test",
        lastname: "Buyer",
        street_1: "1 Example Street",
        city: "Exampleville",
        zip_code: "75001",
        country_iso_code: country,
        phone: "555-0140",
      },
    },
    customer_notification_email: "notify-0040@example.invalid",
    order_lines: [
      {
        order_line_id: "MKP-0000040-A-1",
        order_line_state: state,
        offer_sku: "LAMP-01",
        product_title: "Lamp",
        quantity: 3,
        price_unit: 10.1,
        taxes: [{ amount: 0.1 }, { amount: 0.2 }],
      },
      {
        order_line_id: "MKP-0000040-A-2",
        order_line_state: "REFUSED",
        offer_sku: "MUG-BLUE",
        quantity: 1,
        price_unit: 5,
      },
    ],
  };
}

function map(raw: Record<string, unknown>) {
  return toMarketplaceOrder("mirakl-acme", miraklOrder.parse(raw), raw);
}

describe("ISO 3166 table", () => {
  it("holds every assigned country once, each a real alpha-2 region", () => {
    expect(ALPHA3_TO_ALPHA2.size).toBe(249);
    expect(new Set(ALPHA3_TO_ALPHA2.values()).size).toBe(249);
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    for (const [alpha3, alpha2] of ALPHA3_TO_ALPHA2) {
      expect(alpha3).toMatch(/^[A-Z]{3}$/);
      expect(names.of(alpha2), alpha3).not.toBe(alpha2);
    }
  });

  it("converts alpha-3 and knows nothing it should not", () => {
    expect(alpha2Of("USA")).toBe("US");
    expect(alpha2Of("deu")).toBe("DE");
    expect(alpha2Of("GBR")).toBe("GB");
    expect(alpha2Of("XKX")).toBeUndefined();
    expect(isIsoAlpha2("FR")).toBe(true);
    expect(isIsoAlpha2("ZZ")).toBe(false);
  });
});

describe("Mirakl order mapping", () => {
  it("maps an order in SHIPPING with its address, lines and money", () => {
    const order = map(rawOrder("SHIPPING"));
    expect(order).toMatchObject({
      orderId: "MKP-0000040-A",
      state: "ready",
      vendorStatus: "SHIPPING",
      shippingPrice: "4.90",
      requestedService: "Standard",
      shipBy: "2026-03-04T23:59:59.999Z",
      buyer: { name: "Test Buyer", email: "notify-0040@example.invalid" },
      shipTo: { name: "Test Buyer", country: "FR", phone: "555-0140" },
    });
    // The refused line is not to be shipped; taxes add up exactly.
    expect(order.lines).toEqual([
      {
        lineId: "MKP-0000040-A-1",
        sku: "LAMP-01",
        title: "Lamp",
        quantity: 3,
        unitPrice: "10.10",
        tax: "0.30",
      },
    ]);
  });

  it("keeps an unknown country code as sent", () => {
    expect(map(rawOrder("SHIPPING", "XKX")).shipTo?.country).toBe("XKX");
    expect(map(rawOrder("SHIPPING", "BE")).shipTo?.country).toBe("BE");
  });

  it("does not use an address shown before SHIPPING", () => {
    const order = map(rawOrder("WAITING_ACCEPTANCE"));
    expect(order.state).toBe("awaiting_acceptance");
    expect(order.shipTo).toBeUndefined();
    expect(order.notReadyReason).toContain("no shipping address yet");
  });

  it("keeps every line of a cancelled order", () => {
    expect(map(rawOrder("CANCELED")).lines).toHaveLength(2);
  });

  it.each([
    ["WAITING_ACCEPTANCE", "awaiting_acceptance"],
    ["WAITING_DEBIT", "not_ready"],
    ["WAITING_DEBIT_PAYMENT", "not_ready"],
    ["STAGING", "not_ready"],
    ["SHIPPING", "ready"],
    ["SHIPPED", "shipped"],
    ["TO_COLLECT", "shipped"],
    ["RECEIVED", "shipped"],
    ["CLOSED", "shipped"],
    ["CANCELED", "cancelled"],
    ["REFUSED", "cancelled"],
    ["SOMETHING_NEW", "not_ready"],
  ])("maps %s to %s", (vendor, state) => {
    expect(mapMiraklState(vendor).state).toBe(state);
  });

  it("writes money as decimal strings without float drift", () => {
    expect(decimalString(55)).toBe("55.00");
    expect(decimalString("0.125")).toBe("0.125");
    expect(decimalString(null)).toBe("0.00");
    expect(sumAmounts([0.1, 0.2, "0.3"])).toBe("0.60");
  });
});

function pkg(over: Partial<PackageConfirmation> = {}): PackageConfirmation {
  return {
    orderId: "MKP-0000027-A",
    packageRef: "9001",
    carrierCode: "ups",
    trackingNumber: "1Z999AA10000002701",
    shipDate: "2026-03-02T10:00:00Z",
    lines: [],
    completesOrder: true,
    ...over,
  };
}

describe("case B26: what a confirmation does per order state", () => {
  it("sends tracking then ship in SHIPPING, ship only for the last package", () => {
    expect(planMiraklShipment("SHIPPING", null, pkg())).toEqual({
      action: "send",
      ship: true,
    });
    expect(
      planMiraklShipment("SHIPPING", null, pkg({ completesOrder: false })),
    ).toEqual({
      action: "send",
      ship: false,
    });
  });

  it.each(["SHIPPED", "RECEIVED", "CLOSED", "TO_COLLECT"])(
    "records %s with our tracking as already done",
    (state) => {
      expect(planMiraklShipment(state, "1Z999AA10000002701", pkg())).toEqual({
        action: "already_done",
      });
    },
  );

  it("reports another tracking on a shipped order as a mismatch (case B18)", () => {
    expect(planMiraklShipment("SHIPPED", "1Z999AA10000002801", pkg())).toEqual({
      action: "mismatch",
      existingTracking: "1Z999AA10000002801",
    });
  });

  it("puts a replacement in place of a voided label's tracking with OR23 alone (case B06)", () => {
    const replacement = pkg({ completesOrder: false, replacesTracking: ["1Z999AA10000002801"] });
    expect(planMiraklShipment("SHIPPED", "1Z999AA10000002801", replacement)).toEqual({
      action: "send",
      ship: false,
    });
    // A different number than the voided one is still someone else's.
    expect(planMiraklShipment("SHIPPED", "1Z999AA10000002802", replacement)).toEqual({
      action: "already_done",
    });
    expect(
      planMiraklShipment("SHIPPED", "1Z999AA10000002802", { ...replacement, completesOrder: true }),
    ).toMatchObject({ action: "mismatch" });
  });

  it.each(["WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT"])(
    "defers %s",
    (state) => {
      const plan = planMiraklShipment(state, null, pkg());
      expect(plan.action).toBe("defer");
    },
  );

  it.each(["CANCELED", "REFUSED"])("refuses %s", (state) => {
    expect(planMiraklShipment(state, null, pkg()).action).toBe("refuse");
  });
});

describe("STO01 file and outcomes", () => {
  it("writes the documented CSV, one line per SKU, never negative (case B25)", () => {
    const csv = stockCsv([
      { sku: "SKU-0001", quantity: 12 },
      { sku: 'ODD"SKU', quantity: -3 },
      { sku: "SKU-0001", quantity: 7 },
    ]);
    expect(csv).toBe(
      '"offer-sku";"quantity";"warehouse-code";"update-delete"\n' +
        '"SKU-0001";"7";"";"update"\n' +
        '"ODD""SKU";"0";"";"update"\n',
    );
  });

  it("reads the error report by column name", () => {
    const report = parseErrorReport(
      '"error-line";"offer-sku";"error-message"\n"3";"GHOST;SKU";"The offer does not exist"\n',
    );
    expect([...report]).toEqual([["GHOST;SKU", "The offer does not exist"]]);
  });

  it("turns an import result into per-SKU outcomes", () => {
    const done = {
      status: "COMPLETE",
      lines_in_error: 1,
      has_error_report: true,
    };
    expect(
      importOutcomes(["A", "B"], done, new Map([["B", "unknown offer"]])),
    ).toEqual([
      { sku: "A", status: "sent" },
      { sku: "B", status: "refused", error: "unknown offer" },
    ]);
    const unexplained = importOutcomes(
      ["A"],
      { ...done, lines_in_error: 2 },
      new Map(),
    );
    expect(unexplained[0]).toMatchObject({ status: "failed", retryable: true });
    expect(
      importOutcomes(["A"], { status: "FAILED" }, new Map())[0],
    ).toMatchObject({ status: "failed" });
  });
});

describe("Mirakl carriers and errors", () => {
  const channel = Settings.fromEntries([
    ["channels.mirakl-acme.kind", "mirakl"],
    ["channels.mirakl-acme.carrier.fedex", "FEDEX-EU"],
  ]).channels[0];

  it("maps by override, default, then name and URL", () => {
    if (!channel) throw new Error("no channel");
    expect(miraklTracking(channel, "fedex", "T1")).toEqual({
      carrier_code: "FEDEX-EU",
      tracking_number: "T1",
    });
    expect(miraklTracking(channel, "stamps_com", "T2")).toEqual({
      carrier_code: "USPS",
      tracking_number: "T2",
    });
    const other = miraklTracking(channel, "canada_post", "A B");
    expect(other).toMatchObject({
      carrier_name: "Canada Post",
      tracking_number: "A B",
    });
    expect("carrier_url" in other && other.carrier_url).toContain("A%20B");
    expect(() => miraklTracking(channel, "acme_courier", "T3")).toThrow(
      ConfigError,
    );
  });

  it("reads codes from Mirakl error bodies", () => {
    expect(
      describeMiraklError(400, {
        message: "ORDER_INVALID_STATE: order is SHIPPED",
        status: 400,
      }),
    ).toEqual({
      code: "ORDER_INVALID_STATE",
      message: "ORDER_INVALID_STATE: order is SHIPPED",
    });
    expect(describeMiraklError(400, { status: 400 })).toEqual({
      message: "HTTP 400 without detail",
    });
    expect(describeMiraklError(500, "boom")).toEqual({ message: "boom" });
  });

  it("chunks id look-ups by 100 (case B28)", () => {
    const ids = Array.from({ length: 150 }, (_, i) => `MKP-${i}`);
    expect(chunks(ids).map((c) => c.length)).toEqual([100, 50]);
  });
});
