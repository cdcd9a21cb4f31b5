import type { ShownNow } from "../../inventory/publication-plan.js";
import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type { ChannelConfig, Settings } from "../../config/settings.js";
import type { PublicationMode } from "../../inventory/publication-plan.js";
import type { ShadowMode } from "../../inventory/shadow-stock.js";
import type { Logger } from "../../log/logger.js";
import {
  readLastSent,
  readLatestPublications,
} from "../../storage/repos/publications.js";
import {
  closeDeductions,
  readDeductionsOpenedAfter,
  readOpenDeductions,
} from "../../storage/repos/shadow-deductions.js";
import {
  writeShadowSnapshots,
  type SnapshotFigure,
} from "../../storage/repos/shadow-inventory.js";
import { chainRows, type ChainRow } from "./chain.js";
import { heldBySku, planClosures } from "./closures.js";
import {
  guardPlan,
  planAllocation,
  type AllocationPlan,
  type PlanInput,
} from "./plan.js";
import {
  publishPlanned,
  type ConnectorLookup,
  type PublicationOutcome,
} from "./publish.js";
import { ruleInputs } from "./rule-inputs.js";
import { earliestSent, pairKey, shownNowLookup } from "./shown.js";
import { summarise, type ChannelSummary } from "./summary.js";

/** What the shared allocation engine needs from a run. */
export interface EngineDeps {
  knex: Knex;
  settings: Settings;
  logger: Logger;
  runId: number;
  dryRun: boolean;
  connectorFor: ConnectorLookup;
  now(): Date;
}

/** One SKU's base figure and when it was taken. */
export interface BaseFigure {
  snapshotAvailable: number;
  snapshotAt: Date | null;
}

/** What to allocate and how. */
export interface EngineRequest {
  /** The base figure of every SKU to plan; no others are touched. */
  figures: ReadonlyMap<string, BaseFigure>;
  /** A fresh Zoho snapshot to reset shadow stock to (allocate only). */
  snapshot: { figures: SnapshotFigure[]; at: Date } | null;
  /** Every enabled channel: ratios are shared out over all of them. */
  channels: readonly ChannelConfig[];
  /** The channels this run publishes to. */
  publishTo: readonly string[];
  mode: PublicationMode;
  protect: boolean;
  /** Check the guards (protection lowers stock on purpose and skips them). */
  guard: boolean;
  force: boolean;
  /** Suffix of the publication id, so two engines in one run differ. */
  publicationSuffix?: string;
}

/** What the engine did. */
export interface EngineResult {
  plan: AllocationPlan;
  summary: ChannelSummary[];
  outcomes: PublicationOutcome[];
  /** Set when a guard stopped the run before sending. */
  stoppedBy: string | null;
  closed: number;
  /** The chain of every pair (dry runs only). */
  rows: ChainRow[] | null;
}

/**
 * Plans every SKU from its base figure less open deductions, then (unless a
 * dry run) resets shadow stock, closes deductions and publishes what differs
 * from what each channel shows now.
 */
export async function runEngine(
  deps: EngineDeps,
  request: EngineRequest,
): Promise<EngineResult> {
  const { input, closures } = await readPlanInput(deps, request);
  const plan = planAllocation(input);
  const stoppedBy = request.guard
    ? guardPlan(input, plan, guardLimits(deps.settings))
    : null;
  const empty = { plan, outcomes: [], closed: 0 };

  if (deps.dryRun) {
    const rows = chainRows(input, plan);
    return { ...empty, summary: summarise(request.publishTo, plan, []), stoppedBy, rows };
  }
  if (stoppedBy !== null && !request.force) {
    await alertStopped(deps, stoppedBy);
    return { ...empty, summary: summarise(request.publishTo, plan, []), stoppedBy, rows: null };
  }
  if (stoppedBy !== null) deps.logger.warn(`guard overridden by --force: ${stoppedBy}`);

  const at = deps.now();
  await deps.knex.transaction(async (trx) => {
    if (request.snapshot) {
      await writeShadowSnapshots(trx, request.snapshot.figures, request.snapshot.at);
    }
    await closeDeductions(trx, closures, at);
  });
  const outcomes = await publishPlanned(
    {
      knex: deps.knex,
      logger: deps.logger,
      channels: request.channels,
      connectorFor: deps.connectorFor,
      publicationId: `run-${deps.runId}${request.publicationSuffix ?? ""}`,
      retryAttempts: deps.settings.int("inventory.retry_attempts"),
      quietMinutes: deps.settings.int("alerts.quiet_minutes"),
      now: deps.now,
    },
    plan.send,
  );
  return {
    plan,
    summary: summarise(request.publishTo, plan, outcomes),
    outcomes,
    stoppedBy: null,
    closed: closures.length,
    rows: null,
  };
}

async function readPlanInput(
  deps: EngineDeps,
  request: EngineRequest,
): Promise<{ input: PlanInput; closures: Array<{ id: number; reason: string }> }> {
  const { knex, settings } = deps;
  const skus = [...request.figures.keys()].sort();
  const rule = ruleInputs(settings, request.channels);
  const { open, closures } = planClosures(await readOpenDeductions(knex, skus), {
    mode: settings.string("inventory.shadow_mode") as ShadowMode,
    settleMinutes: settings.int("inventory.settle_minutes"),
    now: deps.now(),
    snapshotAt: (sku) => request.figures.get(sku)?.snapshotAt ?? null,
  });
  const held = heldBySku(open);

  const lastSent = await readLastSent(knex, skus);
  const since = earliestSent(lastSent);
  const sales = since ? await readDeductionsOpenedAfter(knex, since, skus) : [];
  const latest = new Map(
    (await readLatestPublications(knex, skus)).map((row) => [
      pairKey(row.sku, row.channel),
      row,
    ]),
  );
  const input: PlanInput = {
    rule,
    stock: skus.map((sku) => ({
      sku,
      snapshotAvailable: request.figures.get(sku)?.snapshotAvailable ?? 0,
      held: held.get(sku) ?? 0,
    })),
    publishTo: request.publishTo,
    protect: request.protect,
    mode: request.mode,
    shown: unlessUnconfirmed(shownNowLookup(lastSent, sales, rule.channels), latest),
    latest,
    retryAttempts: settings.int("inventory.retry_attempts"),
  };
  return { input, closures };
}

/**
 * A publication left `sending` by a run that died may or may not have
 * reached the marketplace: what the channel shows is unknown, so the
 * target is sent again (quantities are absolute: repeating one is safe).
 */
function unlessUnconfirmed(
  shown: ShownNow,
  latest: ReadonlyMap<string, { status: string }>,
): ShownNow {
  return (sku, channel) =>
    latest.get(pairKey(sku, channel))?.status === "sending" ? null : shown(sku, channel);
}

function guardLimits(settings: Settings) {
  return {
    zeroSharePct: settings.int("inventory.guard_zero_share_pct"),
    exposureDropPct: settings.int("inventory.guard_exposure_drop_pct"),
  };
}

async function alertStopped(deps: EngineDeps, reason: string): Promise<void> {
  deps.logger.error(`publication stopped: ${reason}`);
  await raiseAlert(
    deps.knex,
    {
      key: "publication-stopped",
      kind: "publication_stopped",
      subject: "hub stopped a stock publication",
      body: `Nothing was sent: the run ${reason}.`,
    },
    deps.settings.int("alerts.quiet_minutes"),
  );
}
