import type { MarketplaceOrder, OrderLine } from "../../channels/types.js";
import type { DeductionLine } from "../../storage/repos/order-deductions.js";
import type { OrderMapping } from "../../storage/repos/order-mappings.js";
import { validateOrder } from "./validate.js";

/** What to do with one pulled order. */
export type OrderDecision =
  | { kind: "send"; why: "new" | "changed" | "unconfirmed" | "retry"; body: unknown; hash: string }
  | { kind: "unchanged" }
  | { kind: "park"; reason: string }
  | { kind: "accept"; decisions: Record<string, boolean> }
  | { kind: "quarantine"; reason: string }
  /** Cancelled on the marketplace while open in ShipStation. */
  | { kind: "cancel" }
  /** Buyer asked to cancel (eBay, Amazon): hold in ShipStation with a note. */
  | { kind: "hold"; note: string }
  /** Cancelled before hub ever sent it: only record and give units back. */
  | { kind: "record_cancelled" }
  /** Cancelled after it shipped: nothing to undo, the operator is told. */
  | { kind: "cancel_after_ship" }
  | { kind: "ignore"; reason: string };

export interface PlannedOrder {
  order: MarketplaceOrder;
  orderKey: string;
  decision: OrderDecision;
  /** Lines to deduct from shadow stock now (never twice: keyed by line). */
  deduct: DeductionLine[];
  /** True when the order's open deductions are to be given back. */
  release: boolean;
}

export interface PlanInput {
  channel: string;
  storeId: number;
  autoAccept: boolean;
  orders: readonly MarketplaceOrder[];
  mappings: ReadonlyMap<string, OrderMapping>;
  /** `<order key>#<line id>` of deductions that exist already. */
  deducted: ReadonlySet<string>;
  /** Shadow available per SKU, for auto-accept; absent = unknown SKU. */
  shadowAvailable: ReadonlyMap<string, number>;
  /** The ShipStation body of an order and its content hash (pure). */
  render: (order: MarketplaceOrder, storeId: number) => { body: unknown; hash: string };
}

const OPEN_IN_SHIPSTATION = new Set(["sending", "sent", "failed", "on_hold"]);
const SHIPPED = new Set(["shipped", "partially_shipped", "cancelled_after_ship"]);

/** The order key: the ShipStation orderKey and hub's key everywhere. */
export function orderKeyOf(channel: string, orderId: string): string {
  return `${channel}:${orderId}`;
}

/**
 * Keeps one version of each order: windows overlap and a page may repeat an
 * order, so the latest update wins.
 */
export function latestVersions(orders: readonly MarketplaceOrder[]): MarketplaceOrder[] {
  const byId = new Map<string, MarketplaceOrder>();
  for (const order of orders) {
    const seen = byId.get(order.orderId);
    if (!seen || Date.parse(order.updatedAt) >= Date.parse(seen.updatedAt)) {
      byId.set(order.orderId, order);
    }
  }
  return [...byId.values()];
}

/** Decides, without any I/O, what happens to every order of one channel. */
export function planChannel(input: PlanInput): PlannedOrder[] {
  return latestVersions(input.orders).map((order) => {
    const orderKey = orderKeyOf(input.channel, order.orderId);
    const mapping = input.mappings.get(orderKey);
    const decision = decide(order, mapping, input);
    const deduct = holdsStock(order, decision)
      ? newDeductions(order, orderKey, input.deducted, decision)
      : [];
    const release =
      decision.kind === "cancel" || decision.kind === "record_cancelled";
    return { order, orderKey, decision, deduct, release };
  });
}

function decide(
  order: MarketplaceOrder,
  mapping: OrderMapping | undefined,
  input: PlanInput,
): OrderDecision {
  const status = mapping?.status;
  if (order.state === "cancelled") {
    if (!mapping || status === "parked" || status === "quarantined" || status === "ignored") {
      return { kind: "record_cancelled" };
    }
    if (status === "cancelled") return { kind: "unchanged" };
    if (status && SHIPPED.has(status)) {
      return status === "cancelled_after_ship" ? { kind: "unchanged" } : { kind: "cancel_after_ship" };
    }
    return { kind: "cancel" };
  }
  if (status && SHIPPED.has(status)) return { kind: "unchanged" };
  if (status === "cancelled") {
    // A marketplace does not revive a cancelled order; a stale page might.
    return { kind: "unchanged" };
  }
  if (order.state === "cancel_requested") {
    if (status && OPEN_IN_SHIPSTATION.has(status) && mapping?.shipstationOrderId) {
      if (status === "on_hold") return { kind: "unchanged" };
      const note = "Buyer asked to cancel on the marketplace: do not ship; cancel or release by hand.";
      return { kind: "hold", note };
    }
    return { kind: "park", reason: "buyer asked to cancel; waiting for the marketplace to decide" };
  }
  if (order.state === "shipped") {
    return mapping ? { kind: "unchanged" } : { kind: "ignore", reason: "already shipped when hub first saw it" };
  }
  if (order.state === "not_ready") {
    return { kind: "park", reason: order.notReadyReason ?? `not ready (${order.vendorStatus})` };
  }
  if (order.state === "awaiting_acceptance") {
    if (input.autoAccept && status !== "parked") {
      return { kind: "accept", decisions: acceptance(order, input.shadowAvailable) };
    }
    return { kind: "park", reason: "awaiting acceptance on the marketplace" };
  }
  const verdict = validateOrder(order);
  if (!verdict.ok) {
    return verdict.action === "quarantine"
      ? { kind: "quarantine", reason: verdict.reason }
      : { kind: "park", reason: verdict.reason };
  }
  const rendered = input.render(order, input.storeId);
  if (!mapping || !status || status === "parked" || status === "quarantined" || status === "ignored") {
    return { kind: "send", why: "new", ...rendered };
  }
  if (status === "sending") return { kind: "send", why: "unconfirmed", ...rendered };
  if (status === "failed") return { kind: "send", why: "retry", ...rendered };
  if (mapping.contentHash === rendered.hash && status === "sent") return { kind: "unchanged" };
  return { kind: "send", why: "changed", ...rendered };
}

/**
 * Mirakl auto-accept: a line is accepted when shadow stock covers it, lines
 * of one SKU counted together; a SKU hub has no stock figure for cannot be
 * promised, so its lines are refused.
 */
function acceptance(
  order: MarketplaceOrder,
  shadowAvailable: ReadonlyMap<string, number>,
): Record<string, boolean> {
  const left = new Map(shadowAvailable);
  const decisions: Record<string, boolean> = {};
  for (const line of order.lines) {
    const available = left.get(line.sku);
    const ok = available !== undefined && available >= line.quantity;
    decisions[line.lineId] = ok;
    if (ok && available !== undefined) left.set(line.sku, available - line.quantity);
  }
  return decisions;
}

/** Orders that hold stock: every open order, whatever hub does with it. */
function holdsStock(order: MarketplaceOrder, decision: OrderDecision): boolean {
  if (order.state === "cancelled" || order.state === "shipped") return false;
  return decision.kind !== "ignore" && decision.kind !== "quarantine";
}

function newDeductions(
  order: MarketplaceOrder,
  orderKey: string,
  deducted: ReadonlySet<string>,
  decision: OrderDecision,
): DeductionLine[] {
  const refused =
    decision.kind === "accept"
      ? new Set(Object.entries(decision.decisions).filter(([, ok]) => !ok).map(([id]) => id))
      : new Set<string>();
  return order.lines
    .filter((line: OrderLine) => !deducted.has(`${orderKey}#${line.lineId}`))
    .filter((line) => !refused.has(line.lineId) && line.quantity > 0 && line.sku !== "")
    .map((line) => ({
      orderKey,
      lineId: line.lineId,
      channel: order.channel,
      sku: line.sku,
      quantity: line.quantity,
    }));
}
