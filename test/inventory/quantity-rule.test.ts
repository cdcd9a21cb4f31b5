import { describe, expect, it } from "vitest";
import type { AllocationChannel } from "../../src/inventory/allocation-channel.js";
import { planCatalogue } from "../../src/inventory/catalogue-allocation.js";
import { allocateSku } from "../../src/inventory/quantity-rule.js";

const IDS = ["amazon-us", "ebay-us", "mirakl-acme"] as const;

interface Example {
  id: string;
  ratios: readonly [number, number, number];
  available: number;
  maxOversellPct?: number;
  minPublishQty?: number;
  safetyStock?: number;
  result: readonly [number, number, number];
  /** The figures the "why" column of INVENTORY.md names. */
  why?: {
    sellable?: number;
    ratioSum?: number;
    total?: number;
    floors?: readonly number[];
    /** Remainders as numerators over R. */
    remainders?: readonly number[];
  };
}

// INVENTORY.md, worked examples A1–A12, with exactly its numbers.
const EXAMPLES: readonly Example[] = [
  {
    id: "A1",
    ratios: [50, 30, 20],
    available: 11,
    result: [5, 3, 2],
    why: { sellable: 10, ratioSum: 100, total: 10 },
  },
  { id: "A2", ratios: [50, 30, 20], available: 1, result: [0, 0, 0] },
  {
    id: "A3",
    ratios: [50, 30, 20],
    available: -3,
    result: [0, 0, 0],
    why: { sellable: 0 },
  },
  {
    id: "A4",
    ratios: [50, 30, 20],
    available: 2,
    result: [1, 0, 0],
    why: { total: 1, remainders: [50, 30, 20] },
  },
  {
    id: "A5",
    ratios: [50, 30, 20],
    available: 4,
    result: [1, 1, 1],
    why: { total: 3, floors: [1, 0, 0], remainders: [50, 90, 60] },
  },
  {
    id: "A6",
    ratios: [80, 60, 40],
    available: 11,
    result: [7, 5, 3],
    why: { ratioSum: 180, total: 15, floors: [6, 5, 3] },
  },
  {
    id: "A7",
    ratios: [80, 60, 40],
    available: 3,
    result: [1, 1, 1],
    why: { total: 3, floors: [1, 1, 0] },
  },
  {
    id: "A8",
    ratios: [100, 100, 100],
    available: 11,
    result: [5, 5, 5],
    why: { total: 15 },
  },
  {
    id: "A9",
    ratios: [100, 100, 100],
    maxOversellPct: 300,
    available: 11,
    result: [10, 10, 10],
    why: { total: 30 },
  },
  { id: "A10", ratios: [50, 50, 0], available: 2, result: [1, 0, 0] },
  {
    id: "A11",
    ratios: [50, 30, 20],
    minPublishQty: 2,
    available: 4,
    result: [0, 0, 0],
  },
  {
    id: "A12",
    ratios: [50, 30, 20],
    safetyStock: 0,
    available: 1,
    result: [1, 0, 0],
    why: { sellable: 1 },
  },
];

function channelsOf(ratios: readonly number[]): AllocationChannel[] {
  return IDS.map((id, i) => ({ id, ratio: ratios[i] ?? 0 }));
}

function allocateExample(example: Example) {
  return allocateSku({
    available: example.available,
    safetyStock: example.safetyStock ?? 1,
    channels: channelsOf(example.ratios),
    maxOversellPct: example.maxOversellPct ?? 150,
    minPublishQty: example.minPublishQty ?? 0,
    protected: false,
  });
}

describe("quantity rule, INVENTORY.md A1–A12", () => {
  it.each(EXAMPLES)("$id", (example) => {
    const allocation = allocateExample(example);
    const quantities = allocation.channels.map((c) => c.quantity);
    expect(quantities).toEqual(example.result);
    expect(allocation.channels.map((c) => c.channel)).toEqual(IDS);

    const why = example.why ?? {};
    if (why.sellable !== undefined) {
      expect(allocation.sellable).toBe(why.sellable);
    }
    if (why.ratioSum !== undefined) {
      expect(allocation.ratioSum).toBe(why.ratioSum);
    }
    if (why.total !== undefined) expect(allocation.total).toBe(why.total);
    if (why.floors !== undefined) {
      expect(allocation.channels.map((c) => c.floorShare)).toEqual(why.floors);
    }
    if (why.remainders !== undefined) {
      const remainders = allocation.channels.map((c) => c.remainder);
      expect(remainders).toEqual(why.remainders);
    }
  });

  it("A6 and A7 give the left-over unit to the largest remainder", () => {
    const a6 = allocateExample(exampleById("A6"));
    expect(a6.channels.map((c) => c.bonusUnit)).toEqual([true, false, false]);
    // 15 × 80 mod 180 = 120: the .667 of the table.
    expect(a6.channels[0]?.remainder).toBe(120);
    const a7 = allocateExample(exampleById("A7"));
    expect(a7.channels.map((c) => c.bonusUnit)).toEqual([false, false, true]);
    expect(a7.channels[2]?.remainder).toBe(120);
  });

  it("A10 breaks a tie on remainder and ratio by configuration order", () => {
    const a10 = allocateExample(exampleById("A10"));
    expect(a10.channels.map((c) => c.remainder)).toEqual([50, 50, 0]);
    expect(a10.channels.map((c) => c.bonusUnit)).toEqual([true, false, false]);
  });

  it("a tie on remainder goes to the larger ratio before the first", () => {
    // T 1 over 20/40/40 (R 100, A10's rule with a ratio in between):
    // remainders 20/40/40, the two 40s tie and ebay-us is listed first.
    const tie = allocateSku({
      available: 2,
      safetyStock: 1,
      channels: channelsOf([20, 40, 40]),
      maxOversellPct: 150,
      minPublishQty: 0,
      protected: false,
    });
    expect(tie.channels.map((c) => c.quantity)).toEqual([0, 1, 0]);
  });

  it("A11 marks each share under min publish as zeroed", () => {
    const a11 = allocateExample(exampleById("A11"));
    const shares = a11.channels.map((c) => c.floorShare + Number(c.bonusUnit));
    expect(shares).toEqual([1, 1, 1]);
    expect(a11.channels.every((c) => c.belowMinPublish)).toBe(true);
  });

  it("caps a protected SKU at 100 % of sellable", () => {
    const input = {
      available: 11,
      safetyStock: 1,
      channels: channelsOf([80, 60, 40]),
      maxOversellPct: 150,
      minPublishQty: 0,
    };
    const open = allocateSku({ ...input, protected: false });
    const held = allocateSku({ ...input, protected: true });
    expect(open.cap).toBe(150);
    expect(held.cap).toBe(100);
    expect(held.total).toBe(10);
    expect(held.channels.map((c) => c.quantity)).toEqual([5, 3, 2]);
  });

  it("allocates a quantity group once, with its first member's ratio", () => {
    // amazon-us and amazon-ca share one quantity on one unified account.
    const allocation = allocateSku({
      available: 11,
      safetyStock: 1,
      channels: [
        { id: "amazon-us", ratio: 50, group: "amazon-na" },
        { id: "ebay-us", ratio: 30 },
        { id: "amazon-ca", ratio: 90, group: "amazon-na" },
        { id: "mirakl-acme", ratio: 20 },
      ],
      maxOversellPct: 150,
      minPublishQty: 0,
      protected: false,
    });
    expect(allocation.ratioSum).toBe(100);
    expect(allocation.channels.map((c) => c.quantity)).toEqual([5, 3, 5, 2]);
    expect(allocation.channels[2]?.ratio).toBe(50);
  });

  it("refuses a ratio outside 0–100 and a fractional stock figure", () => {
    const base = exampleById("A1");
    expect(() =>
      allocateSku({
        available: 11,
        safetyStock: 1,
        channels: channelsOf([101, 0, 0]),
        maxOversellPct: 150,
        minPublishQty: 0,
        protected: false,
      }),
    ).toThrow(/ratio 101/);
    expect(() => allocateExample({ ...base, available: 10.5 })).toThrow(
      /available 10.5/,
    );
  });
});

describe("catalogue plan", () => {
  it("plans A1–A12 as one catalogue with SKU overrides", () => {
    const plain = EXAMPLES.filter(
      (e) => e.maxOversellPct === undefined && e.minPublishQty === undefined,
    );
    const ratioOverrides = new Map(
      plain.map((e) => [
        e.id,
        new Map(IDS.map((id, i) => [id, e.ratios[i] ?? 0])),
      ]),
    );
    const safetyStockOverrides = new Map(
      plain.flatMap((e) =>
        e.safetyStock === undefined ? [] : [[e.id, e.safetyStock] as const],
      ),
    );
    const plan = planCatalogue({
      skus: plain.map((e) => e.id),
      available: plain.map((e) => e.available),
      channels: channelsOf([50, 30, 20]),
      safetyStock: 1,
      safetyStockOverrides,
      ratioOverrides,
      maxOversellPct: 150,
      minPublishQty: 0,
      lowStockThreshold: 1,
    });
    expect(plan.channelIds).toEqual(IDS);
    plain.forEach((example, s) => {
      const row = Array.from(plan.quantities.subarray(s * 3, s * 3 + 3));
      expect(row, example.id).toEqual(example.result);
    });
  });

  it("plans A9 and A11 with their own global settings", () => {
    for (const id of ["A9", "A11"]) {
      const example = exampleById(id);
      const plan = planCatalogue({
        skus: [id],
        available: [example.available],
        channels: channelsOf(example.ratios),
        safetyStock: 1,
        maxOversellPct: example.maxOversellPct ?? 150,
        minPublishQty: example.minPublishQty ?? 0,
        lowStockThreshold: 1,
      });
      expect(Array.from(plan.quantities), id).toEqual(example.result);
    }
  });

  it("plans a SKU at or below the low-stock threshold with cap 100", () => {
    const plan = planCatalogue({
      skus: ["LOW", "HIGH"],
      available: [11, 11],
      channels: channelsOf([80, 60, 40]),
      safetyStock: 1,
      safetyStockOverrides: new Map([["HIGH", 6]]),
      maxOversellPct: 150,
      minPublishQty: 0,
      lowStockThreshold: 10,
    });
    // LOW: sellable 10 ≤ 10, T 10; HIGH: sellable 5 ≤ 10, T 5.
    expect(Array.from(plan.protected)).toEqual([1, 1]);
    expect(Array.from(plan.quantities)).toEqual([5, 3, 2, 2, 2, 1]);
  });
});

function exampleById(id: string): Example {
  const example = EXAMPLES.find((e) => e.id === id);
  if (example === undefined) throw new Error(`no example ${id}`);
  return example;
}
