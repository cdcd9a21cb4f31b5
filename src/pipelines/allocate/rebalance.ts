import { selectForRebalance } from "../../inventory/publication-plan.js";
import type { PipelineResult, RunScope } from "../../runs/run-pipeline.js";
import {
  readLastPublishedAt,
  readUnfinishedSkus,
} from "../../storage/repos/publications.js";
import { readSkuMovements } from "../../storage/repos/shadow-deductions.js";
import { readShadowSnapshots } from "../../storage/repos/shadow-inventory.js";
import { publishTargets } from "./allocate.js";
import { runEngine, type BaseFigure } from "./engine.js";
import type { ConnectorLookup } from "./publish.js";
import { engineReport } from "./report.js";

/** `hub rebalance` options. */
export interface RebalanceOptions {
  full: boolean;
  force: boolean;
  skus: readonly string[];
}

/** Where rebalance publishes. */
export interface RebalanceDeps {
  connectorFor: ConnectorLookup;
  now?: () => Date;
}

/**
 * Recomputes from shadow stock, without Zoho, every SKU that moved since its
 * last publication or whose last publication did not go through.
 */
export async function runRebalance(
  scope: RunScope,
  options: RebalanceOptions,
  deps: RebalanceDeps,
): Promise<PipelineResult> {
  const now = deps.now ?? (() => new Date());
  const channels = scope.settings.enabledChannels();
  const publishTo = publishTargets(scope, channels);

  const wanted = await rebalanceSkus(scope, options);
  const snapshots = await readShadowSnapshots(scope.knex, wanted ?? undefined);
  const figures = new Map<string, BaseFigure>();
  for (const s of snapshots) {
    figures.set(s.sku, {
      snapshotAvailable: s.snapshotAvailable,
      snapshotAt: s.snapshotAt,
    });
  }
  // A SKU Zoho never gave a figure for has no shadow stock to publish.
  const missing = (wanted ?? []).filter((sku) => !figures.has(sku));

  const engine = await runEngine(
    { ...scope, connectorFor: deps.connectorFor, now },
    {
      figures,
      snapshot: null,
      channels,
      publishTo,
      mode: options.full ? "full" : "changed",
      protect: false,
      guard: true,
      force: options.force,
    },
  );
  return engineReport(
    engine,
    { command: "rebalance", skus: figures.size, missing, rejected: [] },
    scope.dryRun,
  );
}

/** The SKUs to recompute; null means every SKU with shadow stock. */
async function rebalanceSkus(
  scope: RunScope,
  options: RebalanceOptions,
): Promise<string[] | null> {
  if (options.skus.length > 0) return [...new Set(options.skus)].sort();
  if (options.full) return null;
  const published = await readLastPublishedAt(scope.knex);
  const moved = selectForRebalance(
    (await readSkuMovements(scope.knex)).map((m) => ({
      sku: m.sku,
      lastMovementAt: m.lastMovementAt,
      lastPublishedAt: published.get(m.sku) ?? null,
    })),
  );
  const unfinished = await readUnfinishedSkus(scope.knex);
  return [...new Set([...moved, ...unfinished])].sort();
}
