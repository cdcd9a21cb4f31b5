import type { Scenario, ScenarioItem } from "../../src/sandbox/contract.js";
import { BENCH_CHANNELS } from "./channels.js";

/** A catalogue of `count` SKUs with ample, varied stock and no orders. */
export function catalogueScenario(count: number): Scenario {
  const items: ScenarioItem[] = Array.from({ length: count }, (_, i) => ({
    sku: `CAT-${String(i).padStart(6, "0")}`,
    name: `Catalogue Item ${i}`,
    available: 40 + ((i * 7919) % 400),
    rate: "10.00",
  }));
  return { channels: BENCH_CHANNELS, items, orders: [] };
}

/** Every SKU at this step changes; 1/step of the catalogue. */
export function changedSkus(
  items: readonly ScenarioItem[],
  share: number,
): ScenarioItem[] {
  const step = Math.max(1, Math.round(1 / share));
  return items.filter((_, i) => i % step === 0);
}
