import type { SandboxStateView } from "../sandbox/index.js";

/** One line of the demo's final verdict. */
export interface VerdictCheck {
  check: string;
  ok: boolean;
  detail: string;
}

interface ShipmentView {
  orderKey?: string;
  trackingNumber?: string;
  voided?: boolean;
}

/**
 * ShipStation holds each order hub should have sent exactly once: the
 * scenario's ready orders plus the demo's own.
 */
export function checkOrders(
  state: SandboxStateView,
  expectedPerChannel: ReadonlyMap<string, number>,
): VerdictCheck[] {
  const keys = state.shipstation.orders.map((o) => String(o.orderKey));
  const duplicates = keys.filter((k, i) => keys.indexOf(k) !== i);
  const checks: VerdictCheck[] = [
    {
      check: "no order twice in ShipStation",
      ok: duplicates.length === 0,
      detail: duplicates.length ? `duplicated: ${duplicates.join(", ")}` : `${keys.length} orders, each once`,
    },
  ];
  for (const [channel, expected] of expectedPerChannel) {
    const held = keys.filter((k) => k.startsWith(`${channel}:`)).length;
    checks.push({
      check: `${channel}: ready orders in ShipStation`,
      ok: held === expected,
      detail: `${held} of ${expected}`,
    });
  }
  return checks;
}

/**
 * Every package's tracking reached its marketplace once; a voided label's
 * never did. Mirakl and Rithum confirm a whole order once, so there an
 * order only needs one of its packages' numbers.
 */
export function checkTracking(state: SandboxStateView): VerdictCheck[] {
  const checks: VerdictCheck[] = [];
  const shipments = state.shipstation.shipments as ShipmentView[];
  for (const [channel, view] of Object.entries(state.channels)) {
    const received = view.orders.flatMap((o) => o.tracking.map((t) => t.tracking_number));
    const mine = shipments.filter((s) => s.orderKey?.startsWith(`${channel}:`));
    const live = mine.filter((s) => !s.voided).map((s) => String(s.trackingNumber));
    const voided = mine.filter((s) => s.voided).map((s) => String(s.trackingNumber));
    const twice = received.filter((t, i) => received.indexOf(t) !== i);
    const wholeOrders = view.kind === "mirakl" || view.kind === "rithum";
    const shippedOrders = new Set(mine.filter((s) => !s.voided).map((s) => s.orderKey)).size;
    const confirmedOrders = view.orders.filter((o) => o.tracking.length > 0).length;
    const missing = wholeOrders
      ? confirmedOrders >= shippedOrders
        ? []
        : [`${shippedOrders - confirmedOrders} order(s) without tracking`]
      : live.filter((t) => !received.includes(t));
    const wrong = voided.filter((t) => received.includes(t));
    const ok = missing.length === 0 && twice.length === 0 && wrong.length === 0 && (live.length === 0 || received.length > 0);
    checks.push({
      check: `${channel}: tracking per package`,
      ok,
      detail: ok
        ? `${received.length} tracking number(s) for ${live.length} live package(s)`
        : [
            missing.length ? `missing ${missing.join(", ")}` : "",
            twice.length ? `twice ${twice.join(", ")}` : "",
            wrong.length ? `voided label pushed ${wrong.join(", ")}` : "",
          ].filter(Boolean).join("; "),
    });
  }
  return checks;
}

/** Each marketplace holds the quantity hub last published for each SKU. */
export function checkQuantities(
  state: SandboxStateView,
  published: ReadonlyArray<{ channel: string; sku: string; quantity: number }>,
): VerdictCheck[] {
  const byChannel = new Map<string, Array<{ sku: string; quantity: number }>>();
  for (const p of published) {
    const list = byChannel.get(p.channel) ?? [];
    list.push(p);
    byChannel.set(p.channel, list);
  }
  return [...byChannel].map(([channel, list]) => {
    const shown = state.channels[channel]?.quantities ?? {};
    const off = list.filter((p) => shown[p.sku] !== p.quantity);
    return {
      check: `${channel}: quantities published`,
      ok: off.length === 0 && list.length > 0,
      detail: off.length
        ? `differs for ${off.slice(0, 5).map((p) => `${p.sku} (hub ${p.quantity}, marketplace ${String(shown[p.sku])})`).join(", ")}`
        : `${list.length} SKU(s) as published`,
    };
  });
}
