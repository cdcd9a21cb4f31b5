import { describe, expect, it } from "vitest";
import {
  exposureDropGuard,
  missingFromSnapshot,
  publicationGuard,
  zeroShareGuard,
  type Exposure,
} from "../../src/inventory/publication-guards.js";

/** Ten SKUs showing 4 units on each of two channels: exposure 80. */
const before: Exposure[] = Array.from({ length: 10 }, (_, i) => [
  { sku: `SKU-${i}`, channel: "amazon-us", quantity: 4 },
  { sku: `SKU-${i}`, channel: "ebay-us", quantity: 4 },
]).flat();

/** Publications that set the first `count` SKUs to 0 on both channels. */
function zeroing(count: number): Exposure[] {
  return before.slice(0, count * 2).map((e) => ({ ...e, quantity: 0 }));
}

describe("zero-share guard", () => {
  it("lets a run zero exactly the allowed share", () => {
    expect(zeroShareGuard(before, zeroing(2), 20)).toBeNull();
  });

  it("stops a run zeroing more than the allowed share", () => {
    const reason = zeroShareGuard(before, zeroing(3), 20);
    expect(reason).toMatch(/drop 3 of 10 listed SKUs \(30 %\) to 0/);
    expect(reason).toMatch(/--force/);
  });

  it("does not count a SKU still shown on another channel", () => {
    const amazonOnly = before
      .filter((e) => e.channel === "amazon-us")
      .map((e) => ({ ...e, quantity: 0 }));
    expect(zeroShareGuard(before, amazonOnly, 0)).toBeNull();
  });

  it("ignores SKUs that showed nothing before", () => {
    const fresh = [{ sku: "NEW-1", channel: "amazon-us", quantity: 0 }];
    expect(zeroShareGuard([], fresh, 0)).toBeNull();
  });
});

describe("exposure guard", () => {
  it("lets a run cut exposure by exactly the allowed share", () => {
    // 80 → 40: a 50 % cut.
    const halved = before.map((e) => ({ ...e, quantity: 2 }));
    expect(exposureDropGuard(before, halved, 50)).toBeNull();
  });

  it("stops a run cutting exposure by more than the allowed share", () => {
    const cut = before.map((e, i) => ({ ...e, quantity: i === 0 ? 1 : 2 }));
    expect(exposureDropGuard(before, cut, 50)).toMatch(
      /from 80 to 39 units \(52 %\)/,
    );
  });

  it("counts new listings towards exposure after the run", () => {
    const cut = before.map((e) => ({ ...e, quantity: 1 }));
    const added = [
      ...cut,
      { sku: "NEW-1", channel: "amazon-us", quantity: 30 },
    ];
    expect(exposureDropGuard(before, cut, 50)).not.toBeNull();
    expect(exposureDropGuard(before, added, 50)).toBeNull();
  });

  it("never stops a run that raises exposure", () => {
    const raised = before.map((e) => ({ ...e, quantity: 9 }));
    expect(exposureDropGuard(before, raised, 0)).toBeNull();
  });
});

describe("publication guard", () => {
  const limits = { zeroSharePct: 20, exposureDropPct: 50 };

  it("passes an ordinary run", () => {
    expect(publicationGuard(before, zeroing(1), limits)).toBeNull();
  });

  it("names the zero share first when both limits are broken", () => {
    const reason = publicationGuard(before, zeroing(8), limits);
    expect(reason).toMatch(/guard_zero_share_pct/);
  });

  it("stops on exposure alone", () => {
    const cut = before.map((e) => ({ ...e, quantity: 1 }));
    const reason = publicationGuard(before, cut, limits);
    expect(reason).toMatch(/guard_exposure_drop_pct/);
  });
});

describe("missing is never zero", () => {
  it("lists published SKUs absent from the snapshot, once each", () => {
    const snapshot = new Map([["SKU-1", 5]]);
    const published = ["SKU-2", "SKU-1", "SKU-0", "SKU-2"];
    expect(missingFromSnapshot(published, snapshot)).toEqual([
      "SKU-0",
      "SKU-2",
    ]);
  });
});
