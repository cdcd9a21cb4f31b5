import { HttpContext } from "../../src/http/http-context.js";
import { runAllocate } from "../../src/pipelines/allocate/allocate.js";
import { registryConnectors } from "../../src/pipelines/allocate/connectors.js";
import type { ChannelSummary } from "../../src/pipelines/allocate/summary.js";
import { zohoStockSource } from "../../src/pipelines/allocate/zoho-stock.js";
import { runPipeline } from "../../src/runs/run-pipeline.js";
import { allocateMinimum, type AllocateLoad } from "../minimums/allocate.js";
import {
  ALLOCATE_CHANGED_SHARE,
  ALLOCATE_SKUS,
  FAST_TIME_SCALE,
  TARGETS,
} from "../scale.js";
import { catalogueScenario, changedSkus } from "../scenarios/catalogue.js";
import { BENCH_CHANNELS } from "../scenarios/channels.js";
import { acceptingConnectors } from "../support/accepting-connectors.js";
import { callsPerApi, perApiText, total } from "../support/calls.js";
import { createBenchDatabase } from "../support/database.js";
import { applyEnv, benchContext, prepareDatabase } from "../support/hub.js";
import { cpuSecondsSince, fmt, peakRssMb, secondsSince } from "../support/measure.js";
import { bounded, handBack, info } from "../support/results.js";
import { startSandboxProcess } from "../support/sandbox-process.js";

const NAME = "3 allocate";
/** How much each changed SKU's Zoho figure moves. */
const STOCK_STEP = 37;

interface Measured {
  status: string;
  calls: Record<string, number>;
  bytesSent: number;
  summary: ChannelSummary[];
  wallSeconds: number;
  cpuSeconds: number;
}

type Ctx = ReturnType<typeof benchContext>;

/** One allocate run; `accepting` records publications without calls. */
async function allocate(ctx: Ctx, accepting: boolean): Promise<Measured> {
  let http: HttpContext | undefined;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outcome = await runPipeline(ctx, { command: "allocate", channel: null, args: {} }, (scope) => {
    http = new HttpContext(scope.logger);
    const registry = registryConnectors(scope.knex, http, scope.logger);
    return runAllocate(
      scope,
      { full: false, force: accepting, fromInbox: false, skus: [] },
      {
        stock: zohoStockSource(http, scope.settings, scope.knex),
        connectorFor: accepting ? acceptingConnectors(registry) : registry,
      },
    );
  });
  const wallSeconds = secondsSince(start);
  const cpuSeconds = cpuSecondsSince(cpu);
  const result = outcome.result as { channels?: ChannelSummary[] };
  return {
    status: outcome.status,
    calls: http?.callCounts() ?? {},
    bytesSent: (http?.clients ?? []).reduce((n, c) => n + c.stats.bytesSent, 0),
    summary: result.channels ?? [],
    wallSeconds,
    cpuSeconds,
  };
}

function loadOf(summary: readonly ChannelSummary[]): AllocateLoad {
  const load: AllocateLoad = { skus: ALLOCATE_SKUS, amazon: 0, ebay: 0, mirakl: 0, rithum: 0 };
  for (const row of summary) {
    const kind = BENCH_CHANNELS.find((c) => c.id === row.channel)?.kind;
    if (kind !== undefined) load[kind] += row.sent + row.failed;
  }
  return load;
}

async function main(): Promise<void> {
  const scenario = catalogueScenario(ALLOCATE_SKUS);
  const changed = changedSkus(scenario.items, ALLOCATE_CHANGED_SHARE);
  const sandbox = await startSandboxProcess(scenario, FAST_TIME_SCALE);
  const db = await createBenchDatabase();
  try {
    await prepareDatabase(db.target, scenario);
    applyEnv({ ...sandbox.env, HUB_TIME_SCALE: String(FAST_TIME_SCALE) });
    const ctx = benchContext(db.target);
    const seeded = await allocate(ctx, true);
    // First change: the measured run is the first to publish these SKUs
    // on Rithum, so it looks their ProductIDs up (and keeps them).
    for (const item of changed) {
      await sandbox.setStock(item.sku, item.available + STOCK_STEP);
    }
    const first = await allocate(ctx, false);
    // Second change of the same SKUs: the steady state of an hourly run,
    // where every SKU has been published before.
    for (const item of changed) {
      await sandbox.setStock(item.sku, item.available + 2 * STOCK_STEP);
    }
    const run = await allocate(ctx, false);
    const made = callsPerApi(run.calls);
    const load = loadOf(run.summary);
    const minimum = allocateMinimum(load);
    const pairs = load.amazon + load.ebay + load.mirakl + load.rithum;
    const firstMade = callsPerApi(first.calls);
    const firstMinimum = allocateMinimum(loadOf(first.summary));
    await handBack({
      name: NAME,
      rows: [
        info(NAME, "run", `${fmt.count(ALLOCATE_SKUS)} SKUs, ${fmt.count(changed.length)} changed in Zoho, ${fmt.count(pairs)} pairs sent, status ${run.status}, ${db.label}, time scale ${FAST_TIME_SCALE}`),
        bounded(NAME, `API calls ÷ minimum (${total(made)} / ${total(minimum)})`, total(made) / total(minimum), TARGETS.callRatio, fmt.ratio),
        info(NAME, "calls made/minimum per API", perApiText(made, minimum)),
        info(NAME, "request bytes sent", fmt.bytes(run.bytesSent)),
        info(NAME, "wall time (rate-limit waits ≈ 0)", fmt.seconds(run.wallSeconds)),
        info(NAME, "hub CPU time", fmt.seconds(run.cpuSeconds)),
        info(NAME, `first publication of those SKUs (Rithum ProductID look-ups, once per SKU): calls ÷ minimum (${total(firstMade)} / ${total(firstMinimum)})`, `${fmt.ratio(total(firstMade) / total(firstMinimum))}, status ${first.status}, wall ${fmt.seconds(first.wallSeconds)}`),
        info(NAME, "peak RSS of hub's process (all three runs)", fmt.megabytes(peakRssMb())),
      ],
      details: { load, minimum, made, run, first: { made: firstMade, minimum: firstMinimum, status: first.status, wallSeconds: first.wallSeconds }, seeded: { status: seeded.status, summary: seeded.summary, calls: seeded.calls, wallSeconds: seeded.wallSeconds } },
    });
  } finally {
    await sandbox.stop();
    await db.drop();
  }
}

await main();
