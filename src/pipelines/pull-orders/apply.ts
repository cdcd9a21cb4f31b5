import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type { ChannelConnector, MarketplaceOrder } from "../../channels/types.js";
import { describeError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import type { ShipStationClient } from "../../shipstation/client.js";
import type { CreateOrderBody } from "../../shipstation/wire.js";
import {
  closeOrderDeductions,
  openDeductions,
} from "../../storage/repos/order-deductions.js";
import {
  markSending,
  recordSendResult,
  recordSent,
  saveMapping,
  type MappingStatus,
} from "../../storage/repos/order-mappings.js";
import { quarantineOrder, resolveQuarantine, resolveQuarantines } from "../../storage/repos/quarantine.js";
import type { PlannedOrder } from "./plan.js";

export interface ApplyDeps {
  knex: Knex;
  shipstation: ShipStationClient;
  connector: ChannelConnector;
  logger: Logger;
  storeId: number;
  quietMinutes: number;
}

/** What applying one channel's plan did. */
export interface ChannelApplied {
  counts: Record<string, number>;
  /** Orders whose work is undone: the cursor must not pass them. */
  undone: MarketplaceOrder[];
  /** SKUs that got new deductions (protection is checked for them). */
  deductedSkus: Set<string>;
  /** SKUs whose units came back (cancellations). */
  releasedSkus: Set<string>;
}

/**
 * Carries out one channel's plan. Every step is recorded before the next
 * one: deductions and mapping rows first, then ShipStation, then the
 * answers. A run stopped anywhere is finished by the next run without a
 * duplicate (order keys, line keys and the `sending` mark see to it).
 */
export async function applyChannelPlan(
  planned: readonly PlannedOrder[],
  deps: ApplyDeps,
): Promise<ChannelApplied> {
  const out: ChannelApplied = {
    counts: {},
    undone: [],
    deductedSkus: new Set(),
    releasedSkus: new Set(),
  };
  const count = (what: string): void => {
    out.counts[what] = (out.counts[what] ?? 0) + 1;
  };

  const fresh = await openDeductions(deps.knex, planned.flatMap((p) => p.deduct));
  for (const line of fresh) out.deductedSkus.add(line.sku);

  const sends: PlannedOrder[] = [];
  for (const item of planned) {
    const log = deps.logger.child({ orderKey: item.orderKey });
    try {
      const sent = await applyOne(item, deps, log, out);
      if (sent) sends.push(item);
      else count(item.decision.kind);
    } catch (error) {
      count("failed");
      out.undone.push(item.order);
      log.error(`${item.decision.kind} failed: ${describeError(error)}`);
    }
  }
  await sendToShipStation(sends, deps, out, count);
  return out;
}

/** Applies every decision but sends; returns true for a send. */
async function applyOne(
  item: PlannedOrder,
  deps: ApplyDeps,
  log: Logger,
  out: ChannelApplied,
): Promise<boolean> {
  const { order, orderKey, decision } = item;
  const save = (status: MappingStatus, reason: string | null = null) =>
    saveMapping(deps.knex, order, orderKey, { status, parkReason: reason });
  const release = async (): Promise<void> => {
    for (const sku of await closeOrderDeductions(deps.knex, orderKey, "cancelled")) {
      out.releasedSkus.add(sku);
    }
  };

  switch (decision.kind) {
    case "send":
      return true;
    case "unchanged":
      return false;
    case "park":
      await save("parked", decision.reason);
      await resolveQuarantine(deps.knex, orderKey);
      log.info(`parked: ${decision.reason}`);
      return false;
    case "ignore":
      await save("ignored", decision.reason);
      return false;
    case "quarantine":
      await quarantine(item, decision.reason, deps);
      log.warn(`quarantined: ${decision.reason}`);
      return false;
    case "record_cancelled":
      await save("cancelled");
      await resolveQuarantine(deps.knex, orderKey);
      await release();
      log.info("cancelled before it was sent; units given back");
      return false;
    case "cancel_after_ship":
      await save("cancelled_after_ship");
      await raiseAlert(deps.knex, {
        key: `cancel-after-ship:${orderKey}`,
        kind: "cancel_after_ship",
        subject: `Order ${orderKey} was cancelled after it shipped`,
        body: `The marketplace cancelled ${orderKey}, but hub has already seen it shipped. Nothing was changed in ShipStation; arrange the return or refund by hand.`,
      }, deps.quietMinutes);
      log.warn("cancelled on the marketplace after it shipped: alert raised");
      return false;
    case "accept": {
      if (!deps.connector.acceptOrder) {
        await save("parked", "awaiting acceptance on the marketplace");
        return false;
      }
      await deps.connector.acceptOrder(order, decision.decisions);
      const refused = Object.values(decision.decisions).filter((ok) => !ok).length;
      await save("parked", refused > 0
        ? `accepted with ${refused} line(s) refused for lack of stock; waiting for the marketplace`
        : "accepted; waiting for the marketplace to release the address");
      log.info(`accepted on the marketplace (${refused} line(s) refused)`);
      return false;
    }
    case "cancel":
    case "hold":
      await changeInShipStation(item, deps, log, release);
      return false;
  }
}

async function quarantine(item: PlannedOrder, reason: string, deps: ApplyDeps): Promise<void> {
  const isNew = await quarantineOrder(deps.knex, {
    orderKey: item.orderKey,
    channel: item.order.channel,
    reason,
    raw: item.order.raw,
  });
  await saveMapping(deps.knex, item.order, item.orderKey, { status: "quarantined", parkReason: reason });
  if (isNew) {
    await raiseAlert(deps.knex, {
      key: `quarantine:${item.orderKey}`,
      kind: "quarantine",
      subject: `Order ${item.orderKey} is quarantined`,
      body: `hub cannot send ${item.orderKey} to ShipStation: ${reason}. Fix it on the marketplace (hub picks it up when it changes) or enter it by hand; \`hub status\` lists quarantined orders.`,
    }, deps.quietMinutes);
  }
}

/** Cancels or holds an order that is open in ShipStation. */
async function changeInShipStation(
  item: PlannedOrder,
  deps: ApplyDeps,
  log: Logger,
  release: () => Promise<void>,
): Promise<void> {
  const { order, orderKey, decision } = item;
  const found = await deps.shipstation.findOrdersByKey([orderKey], deps.storeId);
  const existing = found.get(orderKey);
  if (decision.kind === "cancel") {
    await release();
    if (!existing) {
      await saveMapping(deps.knex, order, orderKey, { status: "cancelled" });
      log.info("cancelled; it was never in ShipStation");
      return;
    }
    const change = await deps.shipstation.cancelOrder(existing.orderId, "Cancelled on the marketplace.");
    if (!change.changed && change.order.orderStatus === "shipped") {
      await saveMapping(deps.knex, order, orderKey, { status: "cancelled_after_ship" });
      await raiseAlert(deps.knex, {
        key: `cancel-after-ship:${orderKey}`,
        kind: "cancel_after_ship",
        subject: `Order ${orderKey} was cancelled after it shipped`,
        body: `The marketplace cancelled ${orderKey}, but ShipStation shows it shipped. Nothing was changed; arrange the return or refund by hand.`,
      }, deps.quietMinutes);
      return;
    }
    await saveMapping(deps.knex, order, orderKey, { status: "cancelled", shipstationOrderId: existing.orderId });
    log.info("cancelled in ShipStation; units given back");
    return;
  }
  if (decision.kind !== "hold") return;
  if (!existing) {
    await saveMapping(deps.knex, order, orderKey, { status: "parked", parkReason: "buyer asked to cancel" });
    return;
  }
  await deps.shipstation.holdOrder(existing.orderId, decision.note);
  await saveMapping(deps.knex, order, orderKey, { status: "on_hold", parkReason: "buyer asked to cancel" });
  log.warn("put on hold in ShipStation: the buyer asked to cancel");
}

/**
 * Creates or updates orders in ShipStation. Orders left `sending` by a run
 * that stopped before recording the answer are looked up first and adopted
 * if ShipStation has them (case B01); the rest are marked `sending`, then
 * sent in batches, then each answer recorded.
 */
async function sendToShipStation(
  sends: readonly PlannedOrder[],
  deps: ApplyDeps,
  out: ChannelApplied,
  count: (what: string) => void,
): Promise<void> {
  if (sends.length === 0) return;
  const unconfirmed = sends.filter(
    (s) => s.decision.kind === "send" && s.decision.why === "unconfirmed",
  );
  const adopted = unconfirmed.length
    ? await deps.shipstation.findOrdersByKey(unconfirmed.map((s) => s.orderKey), deps.storeId)
    : new Map();
  const toSend: PlannedOrder[] = [];
  for (const item of sends) {
    if (item.decision.kind !== "send") continue;
    const existing = adopted.get(item.orderKey);
    if (existing) {
      await recordSendResult(deps.knex, item.orderKey, {
        ok: true,
        shipstationOrderId: existing.orderId,
        contentHash: item.decision.hash,
      });
      count("adopted");
      deps.logger.info("adopted the order ShipStation already had", { orderKey: item.orderKey, orderId: existing.orderId });
      continue;
    }
    toSend.push(item);
  }
  if (toSend.length === 0) return;
  await markSending(deps.knex, toSend);

  const results = await deps.shipstation.createOrders(
    toSend.map((s) => (s.decision.kind === "send" ? s.decision.body : null) as CreateOrderBody),
  );
  const byKey = new Map(results.map((r) => [r.orderKey, r]));
  const sent: Array<{ orderKey: string; shipstationOrderId: number; contentHash: string }> = [];
  for (const item of toSend) {
    if (item.decision.kind !== "send") continue;
    const result = byKey.get(item.orderKey);
    if (result?.success && result.orderId) {
      sent.push({ orderKey: item.orderKey, shipstationOrderId: result.orderId, contentHash: item.decision.hash });
      count(item.decision.why === "changed" ? "updated" : "created");
      deps.logger.info(`${item.decision.why === "changed" ? "updated" : "created"} in ShipStation`, { orderKey: item.orderKey, orderId: result.orderId });
      continue;
    }
    const error = result?.errorMessage ?? "no answer from ShipStation";
    if (result && result.retryable === false && result.errorMessage) {
      // ShipStation refused this order's content: sending it again as it
      // is cannot succeed, so it waits in quarantine for a person.
      await quarantine(item, `ShipStation refused it: ${error}`, deps);
      count("quarantined");
      continue;
    }
    await recordSendResult(deps.knex, item.orderKey, { ok: false, error });
    count("failed");
    out.undone.push(item.order);
    deps.logger.error(`not sent to ShipStation: ${error}`, { orderKey: item.orderKey });
  }
  await recordSent(deps.knex, sent);
  await resolveQuarantines(deps.knex, sent.map((s) => s.orderKey));
}
