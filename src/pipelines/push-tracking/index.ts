import type { ChannelConfig } from "../../config/settings.js";
import type { PipelineResult, RunScope } from "../../runs/run-pipeline.js";
import { advanceCursor, readCursor } from "../../storage/cursors.js";
import {
  markEventFailed,
  markEventRejected,
  markEventsProcessed,
} from "../../storage/repos/tracking-inbox.js";
import { applyTracking, type PackageOutcome } from "./apply.js";
import type { ConnectorLookup } from "./connectors.js";
import { planTracking } from "./plan.js";
import { readTracking, type TrackingRead } from "./read.js";
import {
  countOutcomes,
  describePlan,
  renderTrackingPlan,
  renderTrackingSummary,
} from "./report.js";
import type { ShipmentSource } from "./shipment-source.js";

/** The cursor stream of ShipStation shipments, kept per channel. */
export const SHIPMENTS_STREAM = "shipments";

/** How far back a channel's first run reads, with no cursor yet. */
export const FIRST_RUN_LOOKBACK_DAYS = 7;

/** What the pipeline talks to: ShipStation and the marketplaces. */
export interface PushTrackingDeps {
  source: ShipmentSource;
  connectors: ConnectorLookup;
  /** The run's clock (tests fix it). */
  now?: () => Date;
}

/** Options of one run. */
export interface PushTrackingOptions {
  /** Re-read shipments since this time instead of the cursor. */
  since?: Date;
}

/**
 * `hub push-tracking`: ShipStation labels and fulfillments since the
 * cursor (and waiting shipment events) → tracking on each marketplace,
 * package by package; orders marked shipped once every unit is covered.
 */
export async function runPushTracking(
  scope: RunScope,
  deps: PushTrackingDeps,
  options: PushTrackingOptions = {},
): Promise<PipelineResult> {
  const channels = scope.settings.enabledChannels(scope.channels);
  const ids = channels.map((c) => c.id);
  const now = deps.now?.() ?? new Date();
  const since = options.since ?? (await windowStart(scope, channels, now));

  const read = await readTracking({
    knex: scope.knex,
    source: deps.source,
    logger: scope.logger,
    channels,
    allChannels: scope.settings.channels,
    since,
    until: now,
    now,
  });
  const plan = planTracking({ ...read, now });

  if (scope.dryRun) {
    const counts = countOutcomes(ids, [], plan.ignored);
    return {
      status: "succeeded",
      counts: { channels: counts, planned: plan.steps.length },
      result: {
        dryRun: true,
        since: since.toISOString(),
        plan: describePlan(plan.steps),
        ignored: plan.ignored,
      },
      render: (output) => renderTrackingPlan(output, plan.steps, plan.ignored),
    };
  }

  const outcomes = await applyTracking(plan, {
    knex: scope.knex,
    logger: scope.logger,
    now,
    retryAttempts: scope.settings.int("tracking.retry_attempts", 5),
    quietMinutes: scope.settings.int("alerts.quiet_minutes", 60),
    channels,
    connectors: deps.connectors,
    orders: read.orders,
    returns: read.returns,
  });
  await settleEvents(scope, read.events);
  // Failed pushes live on in tracking_returns, so the cursor may pass them.
  for (const id of ids) await advanceCursor(scope.knex, id, SHIPMENTS_STREAM, now);
  return summarize(ids, outcomes, read, since);
}

/** The earliest selected channel's cursor minus the overlap. */
async function windowStart(
  scope: RunScope,
  channels: readonly ChannelConfig[],
  now: Date,
): Promise<Date> {
  const overlap = scope.settings.int("tracking.overlap_minutes", 15);
  const firstRun = now.getTime() - FIRST_RUN_LOOKBACK_DAYS * 86_400_000;
  let earliest = now.getTime();
  for (const channel of channels) {
    const cursor = await readCursor(scope.knex, channel.id, SHIPMENTS_STREAM);
    earliest = Math.min(earliest, cursor ? cursor.getTime() : firstRun);
  }
  return new Date(earliest - overlap * 60_000);
}

async function settleEvents(
  scope: RunScope,
  events: TrackingRead["events"],
): Promise<void> {
  await markEventsProcessed(scope.knex, events.read);
  for (const failure of events.failed) {
    if (failure.permanent) {
      await markEventRejected(scope.knex, failure.id, failure.error);
    } else {
      await markEventFailed(scope.knex, failure.id, failure.error);
    }
  }
}

const PROBLEMS: ReadonlyArray<PackageOutcome["result"]> = [
  "failed",
  "pending",
  "dead_letter",
];

function summarize(
  ids: readonly string[],
  outcomes: readonly PackageOutcome[],
  read: TrackingRead,
  since: Date,
): PipelineResult {
  const counts = countOutcomes(ids, outcomes, read.ignored);
  const problems = outcomes.filter((o) => PROBLEMS.includes(o.result));
  const eventErrors = read.events.failed.filter((f) => !f.permanent).length;
  const status =
    problems.length === 0 && eventErrors === 0 ? "succeeded" : "partial";
  return {
    status,
    counts: { channels: counts, events: read.events.read.length },
    result: {
      dryRun: false,
      since: since.toISOString(),
      packages: outcomes,
      ignored: read.ignored,
    },
    ...(problems.length
      ? {
          error: problems
            .map((p) => `${p.orderKey} ${p.shipmentKey}: ${p.detail ?? p.result}`)
            .join("; "),
        }
      : {}),
    render: (output) => renderTrackingSummary(output, counts, outcomes),
  };
}
