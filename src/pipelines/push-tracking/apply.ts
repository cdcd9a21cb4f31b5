import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type { ChannelConfig } from "../../config/settings.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import {
  clearDeductionsShipped,
  markDeductionsShipped,
} from "../../storage/repos/tracking-deductions.js";
import { setOrderShipStatus } from "../../storage/repos/tracking-orders.js";
import {
  markReturnVoided,
  returnsOfOrders,
  saveReturn,
} from "../../storage/repos/tracking-returns.js";
import type { ConnectorLookup } from "./connectors.js";
import { orderShipState } from "./coverage.js";
import { pushPackage, rowOfStep, type PushResult } from "./push-package.js";
import {
  DONE_STATUSES,
  type HubOrder,
  type PlanStep,
  type TrackingPlan,
  type TrackingReturn,
  type VoidStep,
} from "./types.js";

/** What happened to one package in this run. */
export interface PackageOutcome {
  shipmentKey: string;
  orderKey: string;
  channel: string;
  result: PushResult | "skipped" | "voided" | "voided_after_push";
  detail?: string;
}

/** What apply needs. */
export interface ApplyScope {
  knex: Knex;
  logger: Logger;
  now: Date;
  retryAttempts: number;
  quietMinutes: number;
  channels: readonly ChannelConfig[];
  connectors: ConnectorLookup;
  orders: ReadonlyMap<string, HubOrder>;
  returns: readonly TrackingReturn[];
}

/**
 * Carries out the plan step by step, each side effect recorded, then
 * brings every touched order's shipped state up to date.
 */
export async function applyTracking(
  plan: TrackingPlan,
  scope: ApplyScope,
): Promise<PackageOutcome[]> {
  const outcomes: PackageOutcome[] = [];
  const rows = new Map(scope.returns.map((r) => [r.shipmentKey, r]));
  await readAhead(plan, scope);
  for (const step of plan.steps) {
    outcomes.push(await applyStep(step, rows.get(step.shipmentKey), scope));
  }
  // Every order this run read, not only those it pushed for: a run killed
  // after a push but before this point left its order behind, and the
  // next run, reading the same window, brings it up to date.
  await updateOrders([...scope.orders.keys()], scope);
  return outcomes;
}

/**
 * Lets each marketplace read the orders it is about to confirm in one go
 * (Mirakl: one OR11 a minute, so one call per package would take a minute
 * each). A failure here only means each push reads its own order.
 */
async function readAhead(plan: TrackingPlan, scope: ApplyScope): Promise<void> {
  const byChannel = new Map<string, string[]>();
  for (const step of plan.steps) {
    if (step.kind !== "push") continue;
    byChannel.set(step.channel, [...(byChannel.get(step.channel) ?? []), step.confirmation.orderId]);
  }
  for (const [id, orderIds] of byChannel) {
    const channel = scope.channels.find((c) => c.id === id);
    if (!channel) continue;
    try {
      await scope.connectors(channel).prepareConfirmations?.(orderIds);
    } catch (error) {
      scope.logger.warn(`${id}: could not read the orders ahead (${describeError(error)}); each push reads its own`);
    }
  }
}

async function applyStep(
  step: PlanStep,
  row: TrackingReturn | undefined,
  scope: ApplyScope,
): Promise<PackageOutcome> {
  const base = {
    shipmentKey: step.shipmentKey,
    orderKey: step.orderKey,
    channel: step.channel,
  };
  if (step.kind === "skip") {
    return { ...base, result: "skipped", detail: step.reason };
  }
  if (step.kind === "void") return { ...base, ...(await applyVoid(step, scope)) };
  const channel = scope.channels.find((c) => c.id === step.channel);
  if (!channel) {
    return { ...base, result: "skipped", detail: "channel not in this run" };
  }
  const done = await pushPackage(step, rowOfStep(step, row), {
    knex: scope.knex,
    logger: scope.logger,
    now: scope.now,
    retryAttempts: scope.retryAttempts,
    quietMinutes: scope.quietMinutes,
    channel,
    connector: () => scope.connectors(channel),
  });
  return { ...base, ...done };
}

async function applyVoid(
  step: VoidStep,
  scope: ApplyScope,
): Promise<Pick<PackageOutcome, "result" | "detail">> {
  if (step.record) {
    await saveReturn(scope.knex, step.record);
    return { result: "voided", detail: "voided before its tracking was sent" };
  }
  await markReturnVoided(scope.knex, step.shipmentKey, step.voidedAt);
  if (!step.wasPushed) {
    return { result: "voided", detail: "voided before its tracking was sent" };
  }
  const detail = `label ${step.shipmentKey} (tracking ${step.trackingNumber}) was voided after its tracking reached ${step.channel}; the marketplace may still show that number until a replacement label is pushed or it is corrected by hand`;
  scope.logger.warn("tracking voided after push", {
    orderKey: step.orderKey,
    shipment: step.shipmentKey,
  });
  await raiseAlert(
    scope.knex,
    {
      key: `voided_after_push:${step.shipmentKey}`,
      kind: "voided_after_push",
      subject: `Voided label already pushed for ${step.orderKey}`,
      body: detail,
    },
    scope.quietMinutes,
  );
  return { result: "voided_after_push", detail };
}

/**
 * Shipped when every unit is covered by a non-voided package the
 * marketplace holds; the order's deductions are stamped then. A void that
 * opens a shipped order again takes the stamps back.
 */
async function updateOrders(
  orderKeys: readonly string[],
  scope: ApplyScope,
): Promise<void> {
  const all = await returnsOfOrders(scope.knex, orderKeys);
  for (const orderKey of orderKeys) {
    const order = scope.orders.get(orderKey);
    if (!order || order.status.startsWith("cancelled")) continue;
    const rows = all.filter((r) => r.orderKey === orderKey);
    const state = orderShipState(order, rows);
    const unchanged =
      state !== "shipped" &&
      order.status !== "shipped" &&
      (state === "partially_shipped"
        ? order.status === state
        : order.status !== "partially_shipped");
    if (unchanged) continue;
    // The order's status and its deductions' stamps change together.
    await scope.knex.transaction(async (trx) => {
      if (state === "shipped") {
        const at = lastShipped(rows) ?? scope.now;
        if (order.status !== "shipped") {
          await setOrderShipStatus(trx, orderKey, "shipped", at);
        }
        await markDeductionsShipped(trx, orderKey, at);
        return;
      }
      if (order.status === "shipped") {
        await clearDeductionsShipped(trx, orderKey);
      }
      if (state === "partially_shipped" && order.status !== state) {
        await setOrderShipStatus(trx, orderKey, state, null);
      } else if (
        state === "open" &&
        (order.status === "shipped" || order.status === "partially_shipped")
      ) {
        await setOrderShipStatus(trx, orderKey, "sent", null);
      }
    });
  }
}

function lastShipped(rows: readonly TrackingReturn[]): Date | undefined {
  let last: Date | undefined;
  for (const r of rows) {
    if (r.voidedAt || !DONE_STATUSES.includes(r.status)) continue;
    if (!last || r.shippedAt > last) last = r.shippedAt;
  }
  return last;
}
