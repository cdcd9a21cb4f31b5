import { createConnector } from "../../channels/registry.js";
import type { MarketplaceOrder, OrderFetch } from "../../channels/types.js";
import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError, describeError } from "../../errors.js";
import { HttpContext } from "../../http/http-context.js";
import type { PipelineResult, RunScope } from "../../runs/run-pipeline.js";
import { ShipStationClient } from "../../shipstation/client.js";
import { contentHash, toCreateOrderBody } from "../../shipstation/order-mapping.js";
import { advanceCursor, readCursor } from "../../storage/cursors.js";
import { deductionKeys, shadowAvailableOf } from "../../storage/repos/order-deductions.js";
import { heldOrders, loadMappings, sentSince } from "../../storage/repos/order-mappings.js";
import { applyChannelPlan } from "./apply.js";
import { orderKeyOf, planChannel, type PlannedOrder } from "./plan.js";
import { protectLowStock } from "./protection.js";
import { renderPullSummary, type ChannelReport } from "./report.js";

export interface PullOptions {
  /** Re-read orders updated since this time (back-fill). */
  since?: Date;
  /** Replay one order: `<channel>:<order id>`. */
  order?: string;
}

const STREAM = "orders";

/** `hub pull-orders`: every enabled channel's new orders into ShipStation. */
export async function runPullOrders(
  scope: RunScope,
  options: PullOptions,
): Promise<PipelineResult> {
  const replay = options.order ? parseOrderKey(options.order) : undefined;
  const channels = scope.settings.enabledChannels(
    replay ? [replay.channel] : scope.channels,
  );
  const http = new HttpContext(scope.logger);
  const shipstation = new ShipStationClient(http, scope.settings);
  // Channels are pulled side by side: each waits on its own marketplace's
  // rate limit, and those waits overlap instead of adding up. ShipStation's
  // limit is one throttle shared by all of them.
  const reports = await Promise.all(
    channels.map((channel) => pullChannel(scope, channel, shipstation, http, options, replay?.orderId)),
  );
  const deducted = new Set<string>(reports.flatMap((r) => [...r.deductedSkus]));

  const protection =
    scope.dryRun || deducted.size === 0
      ? { protectedSkus: [], failed: [] as string[] }
      : await protectLowStock(scope, http, [...deducted]);

  const failedChannels = reports.filter((r) => r.error || r.undone > 0);
  const status =
    failedChannels.length === 0 && protection.failed.length === 0
      ? "succeeded"
      : failedChannels.length === reports.length && reports.length > 0
        ? "failed"
        : "partial";
  const counts: Record<string, unknown> = {
    channels: Object.fromEntries(reports.map((r) => [r.channel, r.counts])),
    protected: protection.protectedSkus.length,
    apiCalls: http.callCounts(),
  };
  return {
    status,
    counts,
    result: {
      dryRun: scope.dryRun,
      channels: reports.map(({ deductedSkus: _skus, ...rest }) => rest),
      protectedSkus: protection.protectedSkus,
    },
    ...(failedChannels.length
      ? { error: failedChannels.map((r) => `${r.channel}: ${r.error ?? `${r.undone} order(s) not sent`}`).join("; ") }
      : {}),
    render: (output) => renderPullSummary(output, reports, scope.dryRun),
  };
}

async function pullChannel(
  scope: RunScope,
  channel: ChannelConfig,
  shipstation: ShipStationClient,
  http: HttpContext,
  options: PullOptions,
  replayOrderId: string | undefined,
): Promise<ChannelReport & { deductedSkus: Set<string> }> {
  const logger = scope.logger.child({ channel: channel.id });
  const report: ChannelReport & { deductedSkus: Set<string> } = {
    channel: channel.id,
    counts: {},
    undone: 0,
    deductedSkus: new Set<string>(),
    orders: [],
  };
  try {
    if (channel.storeId === undefined) {
      throw new ConfigError(`channel ${channel.id} has no ShipStation store: run \`hub config set channels.${channel.id}.store_id <id>\``);
    }
    const connector = createConnector({ channel, knex: scope.knex, http, logger });
    const fetched = await fetchOrders(scope, channel, connector, options, replayOrderId);
    const keys = fetched.orders.map((o) => orderKeyOf(channel.id, o.orderId));
    const autoAccept = channel.values.auto_accept === true;
    const planned = planChannel({
      channel: channel.id,
      storeId: channel.storeId,
      autoAccept,
      orders: fetched.orders,
      mappings: await loadMappings(scope.knex, keys),
      deducted: await deductionKeys(scope.knex, keys),
      shadowAvailable: autoAccept
        ? await shadowAvailableOf(scope.knex, [...new Set(fetched.orders.flatMap((o) => o.lines.map((l) => l.sku)))])
        : new Map(),
      render: (order, storeId) => {
        const body = toCreateOrderBody(order, storeId);
        return { body, hash: contentHash(body) };
      },
    });
    report.orders = planned.map(describePlanned);
    if (scope.dryRun) {
      for (const p of planned) report.counts[p.decision.kind] = (report.counts[p.decision.kind] ?? 0) + 1;
      return report;
    }
    const applied = await applyChannelPlan(planned, {
      knex: scope.knex,
      shipstation,
      connector,
      logger,
      storeId: channel.storeId,
      quietMinutes: scope.settings.int("alerts.quiet_minutes"),
    });
    report.counts = applied.counts;
    report.undone = applied.undone.length;
    report.deductedSkus = applied.deductedSkus;
    if (!replayOrderId && fetched.readUntil) {
      // Re-read orders are found again by the recheck, not by the window.
      const undone = applied.undone.filter((o) => !fetched.rechecked?.has(o.orderId));
      await advanceCursor(scope.knex, channel.id, STREAM, cursorAfter(fetched.readUntil, undone));
    }
    logger.info(`pulled ${planned.length} order(s)`, { counts: applied.counts });
  } catch (error) {
    logger.error(`pull failed: ${describeError(error)}`);
    return { ...report, error: describeError(error) };
  }
  return report;
}

async function fetchOrders(
  scope: RunScope,
  channel: ChannelConfig,
  connector: ReturnType<typeof createConnector>,
  options: PullOptions,
  replayOrderId: string | undefined,
): Promise<{ orders: MarketplaceOrder[]; readUntil?: Date; rechecked?: ReadonlySet<string> }> {
  if (replayOrderId) {
    const order = await connector.fetchOrder(replayOrderId);
    if (!order) {
      throw new ConfigError(`${channel.id} has no order ${replayOrderId}: check the order id`);
    }
    return { orders: [order] };
  }
  const cursor = await readCursor(scope.knex, channel.id, STREAM);
  const overlapMs = scope.settings.int("orders.overlap_minutes") * 60_000;
  const lookbackMs = scope.settings.int("orders.initial_lookback_days") * 86_400_000;
  const since =
    options.since ??
    (cursor ? new Date(cursor.getTime() - overlapMs) : new Date(Date.now() - lookbackMs));
  const sent = await sentSince(scope.knex, channel.id, since);
  const fetched: OrderFetch = await connector.fetchOrders({ since, sent });
  if (!connector.recheckOrders) return fetched;
  const held = await heldOrders(scope.knex, channel.id, new Date());
  if (held.waiting.length === 0 && !held.openSince) return fetched;
  const listed = new Set(fetched.orders.map((o) => o.orderId));
  const rechecked = (await connector.recheckOrders(held)).filter((o) => !listed.has(o.orderId));
  return {
    orders: [...fetched.orders, ...dedupeById(rechecked)],
    readUntil: fetched.readUntil,
    rechecked: new Set(rechecked.map((o) => o.orderId)),
  };
}

function dedupeById(orders: readonly MarketplaceOrder[]): MarketplaceOrder[] {
  return [...new Map(orders.map((o) => [o.orderId, o])).values()];
}

/**
 * The cursor never moves past an order whose work is undone: it stops at
 * the earliest such order's update time, so the next run reads it again.
 */
export function cursorAfter(readUntil: Date, undone: readonly MarketplaceOrder[]): Date {
  let at = readUntil.getTime();
  for (const order of undone) at = Math.min(at, Date.parse(order.updatedAt));
  return new Date(at);
}

function describePlanned(p: PlannedOrder): ChannelReport["orders"][number] {
  const d = p.decision;
  const reason =
    d.kind === "park" || d.kind === "quarantine" || d.kind === "ignore"
      ? d.reason
      : d.kind === "send"
        ? d.why
        : d.kind === "hold"
          ? d.note
          : undefined;
  return {
    orderKey: p.orderKey,
    action: d.kind,
    ...(reason ? { reason } : {}),
    deduct: p.deduct.reduce((n, l) => n + l.quantity, 0),
  };
}

/** Splits `<channel>:<order id>`, or a ConfigError for anything else. */
export function parseOrderKey(key: string): { channel: string; orderId: string } {
  const at = key.indexOf(":");
  if (at <= 0 || at === key.length - 1) {
    throw new ConfigError(`--order ${key} is not an order key: give <channel>:<order id>, e.g. amazon-us:111-0000000-0000001`);
  }
  return { channel: key.slice(0, at), orderId: key.slice(at + 1) };
}
