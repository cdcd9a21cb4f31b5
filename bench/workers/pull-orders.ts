import {
  ebayCancelCheckCalls,
  pullMinimum,
  type PullLoad,
} from "../minimums/pull-orders.js";
import {
  FAST_TIME_SCALE,
  PULL_ORDERS,
  PULL_SPLIT,
  PULL_SKU_POOL,
  TARGETS,
} from "../scale.js";
import { BENCH_CHANNELS } from "../scenarios/channels.js";
import { ordersScenario } from "../scenarios/orders.js";
import { callsPerApi, perApiText, total } from "../support/calls.js";
import { fmt } from "../support/measure.js";
import { measurePullCycle } from "../support/pull-cycle.js";
import { bounded, handBack, info } from "../support/results.js";

const NAME = "2 pull-orders";

/** Orders per channel kind in the scenario. */
export function loadOf(orders: ReadonlyArray<{ channel: string }>): PullLoad {
  const load: PullLoad = { amazon: 0, ebay: 0, mirakl: 0, rithum: 0 };
  for (const order of orders) {
    const kind = BENCH_CHANNELS.find((c) => c.id === order.channel)?.kind;
    if (kind !== undefined) load[kind] += 1;
  }
  return load;
}

async function main(): Promise<void> {
  const scenario = ordersScenario(PULL_SPLIT, PULL_SKU_POOL);
  const load = loadOf(scenario.orders);
  const cycle = await measurePullCycle(scenario, FAST_TIME_SCALE, { reread: true });
  const made = callsPerApi(cycle.calls);
  const minimum = pullMinimum(load);
  const ratio = total(made) / total(minimum);
  const pagesOnly = total(pullMinimum(load, { pagesOnly: true }));
  // Re-reading the same window with nothing changed: the list pages again,
  // no cancel check (every eBay order is in ShipStation, unchanged) and no
  // ShipStation call.
  const rereadMade = callsPerApi(cycle.rereadCalls ?? {});
  const rereadMinimum = { ...pullMinimum(load, { pagesOnly: true }), shipstation: 0 };
  const cpuPer1000 = cycle.cpuSeconds / (PULL_ORDERS / 1000);
  await handBack({
    name: NAME,
    rows: [
      info(NAME, "run", `${fmt.count(PULL_ORDERS)} orders, status ${cycle.status}, ${cycle.database}, time scale ${FAST_TIME_SCALE}`),
      bounded(NAME, `API calls ÷ minimum (${total(made)} / ${total(minimum)})`, ratio, TARGETS.callRatio, fmt.ratio),
      info(NAME, "calls made/minimum per API", perApiText(made, minimum)),
      info(NAME, `of which eBay getOrder cancel checks (B24; ebay.md §2): ${fmt.count(ebayCancelCheckCalls(load))}`, `calls ÷ pages alone ${fmt.ratio(total(made) / pagesOnly)}`),
      info(NAME, `same window read again, nothing changed: calls ÷ minimum (${total(rereadMade)} / ${total(rereadMinimum)})`, `${fmt.ratio(total(rereadMade) / total(rereadMinimum))}, status ${cycle.rereadStatus ?? "not run"}`),
      info(NAME, "  per API", perApiText(rereadMade, rereadMinimum)),
      bounded(NAME, "hub CPU per 1,000 orders (sandbox in its own process)", cpuPer1000, TARGETS.cpuSecondsPer1000Orders, fmt.seconds),
      info(NAME, "wall time (rate-limit waits ≈ 0)", fmt.seconds(cycle.wallSeconds)),
      info(NAME, "peak RSS of hub's process", fmt.megabytes(cycle.peakRssMb)),
    ],
    details: { load, minimum, made, cycle },
  });
}

await main();
