import type { AllocationChannel } from "../../src/inventory/allocation-channel.js";
import {
  planCatalogue,
  type CatalogueInput,
} from "../../src/inventory/catalogue-allocation.js";
import { planPublications } from "../../src/inventory/publication-plan.js";
import {
  PLANNING_CHANNELS,
  PLANNING_RUNS,
  PLANNING_SKUS,
  TARGETS,
} from "../scale.js";
import {
  fmt,
  median,
  peakRssMb,
  rssMb,
  secondsSince,
} from "../support/measure.js";
import { bounded, handBack, info } from "../support/results.js";

const NAME = "1 planning";
/** Every 50th SKU shows a quantity that differs from its new target. */
const STALE_EVERY = 50;

function catalogue(): CatalogueInput {
  const skus: string[] = [];
  const available = new Int32Array(PLANNING_SKUS);
  for (let s = 0; s < PLANNING_SKUS; s += 1) {
    skus.push(`BENCH-${String(s).padStart(6, "0")}`);
    // A spread of stock figures: zero, negative, low and ample.
    available[s] = ((s * 7919) % 400) - 20;
  }
  const ratios = [30, 20, 15, 15, 10, 10];
  const channels: AllocationChannel[] = [];
  for (let c = 0; c < PLANNING_CHANNELS; c += 1) {
    channels.push({ id: `channel-${c + 1}`, ratio: ratios[c] ?? 10 });
  }
  return {
    skus,
    available,
    channels,
    safetyStock: 2,
    lowStockThreshold: 1,
    maxOversellPct: 120,
    minPublishQty: 1,
  };
}

/** What each channel showed before: the old plan, a few SKUs off. */
function previousShown(input: CatalogueInput): Map<string, number> {
  const before = planCatalogue(input);
  const shown = new Map<string, number>();
  const width = before.channelIds.length;
  before.skus.forEach((sku, s) => {
    before.channelIds.forEach((channel, c) => {
      const q = before.quantities[s * width + c] ?? 0;
      shown.set(`${sku}\u0000${channel}`, s % STALE_EVERY === 0 ? q + 1 : q);
    });
  });
  return shown;
}

function planOnce(input: CatalogueInput, shown: Map<string, number>): number {
  const plan = planCatalogue(input);
  const sends = planPublications(
    plan,
    (sku, channel) => shown.get(`${sku}\u0000${channel}`) ?? null,
    "changed",
  );
  return sends.length;
}

async function main(): Promise<void> {
  const input = catalogue();
  const shown = previousShown(input);
  const gc = globalThis.gc;
  gc?.();
  const rssBefore = rssMb();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;

  planOnce(input, shown); // warm-up: JIT and inline caches
  const seconds: number[] = [];
  let sends = 0;
  for (let run = 0; run < PLANNING_RUNS; run += 1) {
    gc?.();
    const start = performance.now();
    sends = planOnce(input, shown);
    seconds.push(secondsSince(start));
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  const time = median(seconds);
  const peak = peakRssMb();
  const pairs = PLANNING_SKUS * PLANNING_CHANNELS;
  await handBack({
    name: NAME,
    rows: [
      bounded(NAME, `time, ${fmt.count(PLANNING_SKUS)} SKUs × ${PLANNING_CHANNELS} channels (median of ${PLANNING_RUNS})`, time, TARGETS.planningSeconds, fmt.seconds),
      bounded(NAME, "peak RSS of the process", peak, TARGETS.planningMegabytes, fmt.megabytes),
      info(NAME, "heap growth during planning (no GC between steps)", fmt.megabytes((heapPeak - heapBefore) / 1024 / 1024)),
      info(NAME, "publications planned (changed pairs)", `${fmt.count(sends)} of ${fmt.count(pairs)}`),
    ],
    details: { seconds, peakRssMb: peak, rssBeforeMb: rssBefore, heapDeltaBytes: heapPeak - heapBefore, sends, gcExposed: gc !== undefined },
  });
}

await main();
