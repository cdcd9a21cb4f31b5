import { describe, expect, it } from "vitest";
import {
  closureReason,
  newDeductions,
  openDeductions,
  shadowAvailable,
  shadowAvailableBySku,
  type ClosureContext,
  type Deduction,
  type PulledLine,
} from "../../src/inventory/shadow-stock.js";

const minute = (m: number): Date => new Date(Date.UTC(2030, 0, 1, 0, m));

function deduction(overrides: Partial<Deduction> = {}): Deduction {
  return {
    orderKey: "ebay-us:E-1",
    line: "1",
    channel: "ebay-us",
    sku: "LAMP-01",
    quantity: 2,
    openedAt: minute(10),
    cancelledAt: null,
    shipmentSeenAt: null,
    ...overrides,
  };
}

const shipped: ClosureContext = {
  mode: "until_shipped",
  settleMinutes: 60,
  now: minute(100),
  snapshotTakenAt: minute(90),
};
const snapshotMode: ClosureContext = { ...shipped, mode: "until_snapshot" };

describe("closing deductions", () => {
  it("closes a cancelled order's deduction in either mode", () => {
    const cancelled = deduction({ cancelledAt: minute(20) });
    expect(closureReason(cancelled, shipped)).toBe("cancelled");
    expect(closureReason(cancelled, snapshotMode)).toBe("cancelled");
  });

  it("until_shipped: closes settle_minutes after the shipment is seen", () => {
    expect(closureReason(deduction(), shipped)).toBeNull();
    const justShipped = deduction({ shipmentSeenAt: minute(41) });
    expect(closureReason(justShipped, shipped)).toBeNull();
    const settled = deduction({ shipmentSeenAt: minute(40) });
    expect(closureReason(settled, shipped)).toBe("settled");
  });

  it("until_shipped: a new snapshot alone closes nothing", () => {
    const late = { ...shipped, snapshotTakenAt: minute(99) };
    expect(closureReason(deduction(), late)).toBeNull();
  });

  it("until_snapshot: closes deductions older than the snapshot only", () => {
    expect(closureReason(deduction(), snapshotMode)).toBe("snapshot");
    const newer = deduction({ openedAt: minute(95) });
    expect(closureReason(newer, snapshotMode)).toBeNull();
    const same = deduction({ openedAt: minute(90) });
    expect(closureReason(same, snapshotMode)).toBeNull();
    const shippedLong = deduction({
      openedAt: minute(95),
      shipmentSeenAt: minute(0),
    });
    expect(closureReason(shippedLong, snapshotMode)).toBeNull();
    const none = { ...snapshotMode, snapshotTakenAt: null };
    expect(closureReason(deduction(), none)).toBeNull();
  });

  it("shadow available subtracts only what stays open", () => {
    const ledger = [
      deduction({ quantity: 4 }),
      deduction({ orderKey: "amazon-us:A-1", cancelledAt: minute(50) }),
      deduction({ orderKey: "amazon-us:A-2", shipmentSeenAt: minute(10) }),
    ];
    const open = openDeductions(ledger, shipped);
    expect(open).toEqual([ledger[0]]);
    expect(shadowAvailable(11, open)).toBe(7);
    expect(shadowAvailable(1, open)).toBe(-3);
  });
});

describe("opening deductions", () => {
  const line = (orderKey: string, extra: Partial<PulledLine> = {}) => ({
    orderKey,
    line: "1",
    channel: "amazon-us",
    sku: "LAMP-01",
    quantity: 1,
    cancelled: false,
    ...extra,
  });

  it("opens one per order line, never for a line already deducted", () => {
    const lines = [
      line("amazon-us:A-1"),
      line("amazon-us:A-1"),
      line("amazon-us:A-1", { line: "2" }),
      line("amazon-us:A-2"),
    ];
    const opened = newDeductions(
      lines,
      new Set(["amazon-us:A-2#1"]),
      minute(5),
    );
    expect(opened.map((d) => `${d.orderKey}/${d.line}`)).toEqual([
      "amazon-us:A-1/1",
      "amazon-us:A-1/2",
    ]);
    expect(
      opened.every((d) => d.openedAt.getTime() === minute(5).getTime()),
    ).toBe(true);
  });

  it("opens none for a line cancelled before it was first pulled", () => {
    const opened = newDeductions(
      [line("amazon-us:A-3", { cancelled: true })],
      new Set(),
      minute(5),
    );
    expect(opened).toEqual([]);
  });
});

describe("shadow available per SKU", () => {
  it("gives no figure to a SKU missing from the snapshot", () => {
    const snapshot = new Map([
      ["LAMP-01", 11],
      ["TOWEL-GRY", 51],
    ]);
    const open = [
      { sku: "LAMP-01", quantity: 4 },
      { sku: "TOWEL-GRY", quantity: 2 },
      { sku: "TOWEL-GRY", quantity: 1 },
      { sku: "GONE-01", quantity: 3 },
    ];
    const shadow = shadowAvailableBySku(snapshot, open);
    expect(Object.fromEntries(shadow)).toEqual({
      "LAMP-01": 7,
      "TOWEL-GRY": 48,
    });
  });
});
