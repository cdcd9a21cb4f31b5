import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AllocationChannel } from "../../src/inventory/allocation-channel.js";
import { planCatalogue } from "../../src/inventory/catalogue-allocation.js";
import {
  allocateSku,
  type SkuRuleInput,
} from "../../src/inventory/quantity-rule.js";

const channelArb = fc.record({
  ratio: fc.integer({ min: 0, max: 100 }),
  group: fc.constantFrom(null, "g1", "g2"),
});

const inputArb: fc.Arbitrary<SkuRuleInput> = fc.record({
  available: fc.integer({ min: -50, max: 1_000_000 }),
  safetyStock: fc.integer({ min: 0, max: 20 }),
  channels: fc
    .array(channelArb, { minLength: 1, maxLength: 6 })
    .map((list): AllocationChannel[] =>
      list.map((c, i) => ({ id: `ch-${i}`, ...c })),
    ),
  maxOversellPct: fc.integer({ min: 100, max: 1000 }),
  minPublishQty: fc.integer({ min: 0, max: 5 }),
  protected: fc.boolean(),
});

/** One entry per participant: ungrouped channels and each group's first. */
function participantsOf(input: SkuRuleInput): AllocationChannel[] {
  const seen = new Set<string>();
  return input.channels.filter((channel) => {
    if (channel.group === null || channel.group === undefined) return true;
    if (seen.has(channel.group)) return false;
    seen.add(channel.group);
    return true;
  });
}

describe("quantity rule properties", () => {
  it("never shows a negative quantity or more than sellable", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const sellable = Math.max(0, input.available - input.safetyStock);
        const allocation = allocateSku(input);
        expect(allocation.sellable).toBe(sellable);
        for (const share of allocation.channels) {
          expect(share.quantity).toBeGreaterThanOrEqual(0);
          expect(share.quantity).toBeLessThanOrEqual(sellable);
        }
      }),
    );
  });

  it("never shows more in total than sellable × min(R, cap) / 100", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const allocation = allocateSku(input);
        const participants = participantsOf(input);
        const ratioSum = participants.reduce((sum, c) => sum + c.ratio, 0);
        const cap = input.protected ? 100 : input.maxOversellPct;
        const scaled = allocation.sellable * Math.min(ratioSum, cap);
        const bound = (scaled - (scaled % 100)) / 100;
        const byId = new Map(allocation.channels.map((c) => [c.channel, c]));
        const shown = participants.reduce(
          (sum, c) => sum + (byId.get(c.id)?.quantity ?? 0),
          0,
        );
        expect(allocation.ratioSum).toBe(ratioSum);
        expect(allocation.total).toBe(bound);
        expect(shown).toBeLessThanOrEqual(bound);
        // Largest remainder hands out every unit unless min publish drops some.
        if (input.minPublishQty === 0) expect(shown).toBe(bound);
      }),
    );
  });

  it("keeps each share within one unit of its exact proportion", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const allocation = allocateSku({ ...input, minPublishQty: 0 });
        const { total, ratioSum } = allocation;
        for (const share of allocation.channels) {
          if (ratioSum === 0) {
            expect(share.quantity).toBe(0);
            continue;
          }
          const exact = total * share.ratio;
          const scaled = share.quantity * ratioSum;
          expect(scaled).toBeLessThan(exact + ratioSum);
          expect(scaled).toBeGreaterThan(exact - ratioSum);
        }
      }),
    );
  });

  it("gives every member of a group the same quantity", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const allocation = allocateSku(input);
        const byGroup = new Map<string, number>();
        for (const share of allocation.channels) {
          if (share.group === null) continue;
          const first = byGroup.get(share.group);
          if (first === undefined) byGroup.set(share.group, share.quantity);
          else expect(share.quantity).toBe(first);
        }
      }),
    );
  });

  it("is deterministic and agrees with the catalogue plan", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = allocateSku(input);
        expect(allocateSku(input)).toEqual(first);
        const plan = planCatalogue({
          skus: ["SKU-1"],
          available: [input.available],
          channels: input.channels,
          safetyStock: input.safetyStock,
          maxOversellPct: input.maxOversellPct,
          minPublishQty: input.minPublishQty,
          // Protection in a catalogue follows the threshold.
          lowStockThreshold: input.protected ? Number.MAX_SAFE_INTEGER : -1,
        });
        const quantities = first.channels.map((c) => c.quantity);
        expect(Array.from(plan.quantities)).toEqual(quantities);
      }),
    );
  });
});
