import { pacedSeconds } from "../minimums/pacing.js";
import {
  PACED_TIME_SCALE,
  PULL_ORDERS,
  PULL_SPLIT,
  PULL_SKU_POOL,
  TARGETS,
} from "../scale.js";
import { ordersScenario } from "../scenarios/orders.js";
import { fmt } from "../support/measure.js";
import { measurePullCycle } from "../support/pull-cycle.js";
import { bounded, handBack, info } from "../support/results.js";

const NAME = "4 pull-orders paced";

async function main(): Promise<void> {
  const scenario = ordersScenario(PULL_SPLIT, PULL_SKU_POOL);
  const cycle = await measurePullCycle(scenario, PACED_TIME_SCALE);
  const perApi = pacedSeconds(cycle.sandboxRequests);
  const vendor = Object.values(perApi);
  // APIs limit independently, so the slowest one bounds the cycle; one
  // API after another is what a channel-at-a-time run could at best do.
  const parallel = Math.max(0, ...vendor) / PACED_TIME_SCALE;
  const serial = vendor.reduce((a, b) => a + b, 0) / PACED_TIME_SCALE;
  const ratio = parallel > 0 ? cycle.wallSeconds / parallel : Number.NaN;
  const byApi = Object.entries(perApi)
    .filter(([, s]) => s > 0)
    .map(([api, s]) => `${api} ${fmt.seconds(s / PACED_TIME_SCALE)}`)
    .join(", ");
  await handBack({
    name: NAME,
    rows: [
      info(NAME, "run", `${fmt.count(PULL_ORDERS)} orders, status ${cycle.status}, time scale ${PACED_TIME_SCALE} (1 vendor minute = ${fmt.seconds(60 / PACED_TIME_SCALE)})`),
      info(NAME, "wall time of the cycle", fmt.seconds(cycle.wallSeconds)),
      info(NAME, "minimum the limits allow, per API", byApi),
      bounded(NAME, `wall ÷ minimum (APIs paced in parallel, ${fmt.seconds(parallel)})`, ratio, TARGETS.pacedRatio, fmt.ratio),
      info(NAME, `wall ÷ sum of per-API minimums (${fmt.seconds(serial)})`, fmt.ratio(cycle.wallSeconds / serial)),
      info(NAME, "hub CPU in the cycle", fmt.seconds(cycle.cpuSeconds)),
    ],
    details: { perApiVendorSeconds: perApi, parallel, serial, cycle },
  });
}

await main();
