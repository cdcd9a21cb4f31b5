import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type {
  ChannelConnector,
  ConfirmationResult,
} from "../../channels/types.js";
import { timeScale } from "../../config/env.js";
import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError, describeError, UpstreamError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import { saveReturn } from "../../storage/repos/tracking-returns.js";
import { nextAttemptAt } from "./retry.js";
import type { PushStep, TrackingReturn } from "./types.js";

/** How one push ended, as the summary counts it. */
export type PushResult =
  | "pushed"
  | "already_done"
  | "mismatch"
  | "held"
  | "pending"
  | "failed"
  | "dead_letter";

/** What pushing needs besides the step. */
export interface PushScope {
  knex: Knex;
  logger: Logger;
  now: Date;
  retryAttempts: number;
  quietMinutes: number;
  channel: ChannelConfig;
  /** Throws when the channel's connector cannot be built. */
  connector: () => ChannelConnector;
}

/** The row of a step before its push: what is known of the package. */
export function rowOfStep(
  step: PushStep,
  existing: TrackingReturn | undefined,
): TrackingReturn {
  const lines: Record<string, number> = {};
  for (const l of step.confirmation.lines) lines[l.lineId] = l.quantity;
  return {
    shipmentKey: step.shipmentKey,
    packageRef: step.confirmation.packageRef,
    orderKey: step.orderKey,
    channel: step.channel,
    shipstationOrderId: step.shipstationOrderId,
    trackingNumber: step.confirmation.trackingNumber,
    carrierCode: step.carrierCode,
    serviceCode: step.serviceCode,
    carrierSent: existing?.carrierSent,
    lines,
    status: existing?.status ?? "pending",
    attempts: step.attempts,
    lastError: existing?.lastError,
    nextAttemptAt: existing?.nextAttemptAt,
    shippedAt: step.shippedAt,
    voidedAt: undefined,
    pushedAt: existing?.pushedAt,
  };
}

/**
 * Confirms one package on its marketplace and records the outcome. Never
 * throws for the marketplace's answer: one order's failure stays its own.
 */
export async function pushPackage(
  step: PushStep,
  row: TrackingReturn,
  scope: PushScope,
): Promise<{ result: PushResult; detail?: string }> {
  const log = scope.logger.child({
    channel: step.channel,
    orderKey: step.orderKey,
    shipment: step.shipmentKey,
  });
  await saveReturn(scope.knex, row);
  try {
    const connector = scope.connector();
    const hold = await cancelRequested(step, scope, connector);
    if (hold) return await held(step, row, scope, hold);
    const answer = await connector.confirmPackage(step.confirmation);
    const done = await recordAnswer(step, row, answer, scope);
    log.info(`tracking ${done.result}`, { tracking: row.trackingNumber });
    return done;
  } catch (error) {
    const outcome = await recordFailure(step, row, error, scope);
    log.warn(`tracking ${outcome.result}`, { error: outcome.detail });
    return outcome;
  }
}

/**
 * eBay's order list hides buyers' cancel requests; only the single order
 * shows them (case B24), so eBay orders are read again before pushing.
 */
async function cancelRequested(
  step: PushStep,
  scope: PushScope,
  connector: ChannelConnector,
): Promise<string | undefined> {
  if (scope.channel.kind !== "ebay") return undefined;
  const fresh = await connector.fetchOrder(step.confirmation.orderId);
  if (fresh?.state === "cancel_requested") {
    return "the buyer asked to cancel this order";
  }
  if (fresh?.state === "cancelled") return "the order is cancelled";
  return undefined;
}

async function held(
  step: PushStep,
  row: TrackingReturn,
  scope: PushScope,
  reason: string,
): Promise<{ result: PushResult; detail: string }> {
  const detail = `${reason} on ${step.channel}: tracking not sent; settle the cancel request, the package is already shipped`;
  await saveReturn(scope.knex, { ...row, status: "held", lastError: detail });
  await raiseAlert(
    scope.knex,
    {
      key: `cancel_after_ship:${step.orderKey}`,
      kind: "cancel_after_ship",
      subject: `Shipped order ${step.orderKey} has a cancel request`,
      body: detail,
    },
    scope.quietMinutes,
  );
  return { result: "held", detail };
}

async function recordAnswer(
  step: PushStep,
  row: TrackingReturn,
  answer: ConfirmationResult,
  scope: PushScope,
): Promise<{ result: PushResult; detail?: string }> {
  const base = {
    ...row,
    status: answer.outcome,
    attempts: row.attempts + 1,
    carrierSent: answer.carrierSent,
    nextAttemptAt: undefined,
    pushedAt: scope.now,
  };
  if (answer.outcome !== "mismatch") {
    await saveReturn(scope.knex, { ...base, lastError: undefined });
    const replaced = step.confirmation.replacesTracking;
    return replaced === undefined
      ? { result: answer.outcome }
      : {
          result: answer.outcome,
          detail: `in place of voided tracking ${replaced.join(", ")}, which ${step.channel} may still show`,
        };
  }
  const detail = `${step.channel} already has tracking ${answer.existingTracking} for order ${step.confirmation.orderId}, not ${row.trackingNumber}: correct it by hand on the marketplace`;
  await saveReturn(scope.knex, { ...base, lastError: detail });
  await raiseAlert(
    scope.knex,
    {
      key: `tracking_mismatch:${step.shipmentKey}`,
      kind: "tracking_mismatch",
      subject: `Tracking mismatch on ${step.orderKey}`,
      body: detail,
    },
    scope.quietMinutes,
  );
  return { result: "mismatch", detail };
}

async function recordFailure(
  step: PushStep,
  row: TrackingReturn,
  error: unknown,
  scope: PushScope,
): Promise<{ result: PushResult; detail: string }> {
  const message = describeError(error);
  if (error instanceof ConfigError) {
    // The operator must act (map the carrier); the package waits for them
    // without using up its attempts.
    await saveReturn(scope.knex, { ...row, status: "pending", lastError: message });
    return { result: "pending", detail: message };
  }
  const attempts = row.attempts + 1;
  const permanent = error instanceof UpstreamError && !error.details.retryable;
  if (permanent || attempts >= scope.retryAttempts) {
    const reason = permanent
      ? `refused by ${step.channel}: ${message}`
      : `failed ${attempts} times, last: ${message}`;
    await saveReturn(scope.knex, {
      ...row,
      status: "dead_letter",
      attempts,
      lastError: reason,
      nextAttemptAt: undefined,
    });
    await raiseAlert(
      scope.knex,
      {
        key: `dead_letter:tracking:${step.shipmentKey}`,
        kind: "dead_letter",
        subject: `Tracking for ${step.orderKey} not delivered`,
        body: `Package ${step.shipmentKey} (tracking ${row.trackingNumber}) was not accepted by ${step.channel}: ${reason}. Push it by hand on the marketplace.`,
      },
      scope.quietMinutes,
    );
    return { result: "dead_letter", detail: reason };
  }
  await saveReturn(scope.knex, {
    ...row,
    status: "failed",
    attempts,
    lastError: message,
    nextAttemptAt: nextAttemptAt(scope.now, attempts, Math.random, timeScale()),
  });
  return { result: "failed", detail: message };
}
