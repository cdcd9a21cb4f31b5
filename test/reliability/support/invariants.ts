import { knownOrders } from "./order-keys.js";
import type { ReliabilityWorld } from "./world.js";

/**
 * The end state every reliability test demands. Each check returns the
 * problems it found, in words, so that a failure says what went wrong.
 */

interface SsOrder {
  orderKey: string;
  orderStatus: string;
}
interface SsShipment {
  orderKey: string;
  trackingNumber: string;
  voided: boolean;
}

/** ShipStation holds every ready order exactly once, and no other. */
export function ordersHeldOnce(world: ReliabilityWorld): string[] {
  const problems: string[] = [];
  const state = world.hub.sandbox.state();
  const held = new Map<string, SsOrder[]>();
  for (const o of state.shipstation.orders as unknown as SsOrder[]) {
    held.set(o.orderKey, [...(held.get(o.orderKey) ?? []), o]);
  }
  const known = new Set<string>();
  for (const order of knownOrders(world.hub.sandbox)) {
    const key = order.orderKey;
    known.add(key);
    const copies = held.get(key) ?? [];
    if (order.cancelled) {
      if (copies.some((c) => c.orderStatus !== "cancelled")) problems.push(`${key} is cancelled but open in ShipStation`);
    } else if (copies.length !== 1) {
      problems.push(`${key} is in ShipStation ${copies.length} times`);
    }
  }
  for (const [key, copies] of held) {
    if (!known.has(key)) problems.push(`ShipStation holds ${key}, which no marketplace has`);
    if (copies.length > 1 && !problems.some((p) => p.startsWith(key))) problems.push(`${key} is in ShipStation ${copies.length} times`);
  }
  return problems;
}

/**
 * Each live package's tracking reached its marketplace exactly once. Mirakl
 * and Rithum keep one tracking per order (mirakl.md, rithum.md §3): there,
 * each shipped order holds exactly one, and it is one of its packages'.
 */
export function trackingOnce(world: ReliabilityWorld): string[] {
  const problems: string[] = [];
  const state = world.hub.sandbox.state();
  const known = knownOrders(world.hub.sandbox);
  const keyOf = new Map(known.map((o) => [`${o.channel}|${o.scenarioId}`, o.orderKey]));
  const oneTracking = new Set(
    world.hub.sandbox.world.scenario.channels.filter((c) => c.kind === "mirakl" || c.kind === "rithum").map((c) => c.id),
  );
  const received = new Map<string, string[]>();
  for (const [channel, view] of Object.entries(state.channels)) {
    for (const order of view.orders) {
      const key = keyOf.get(`${channel}|${order.order_id}`) ?? "?";
      received.set(key, order.tracking.map((t) => t.tracking_number));
    }
  }
  const live = new Map<string, string[]>();
  for (const s of state.shipstation.shipments as unknown as SsShipment[]) {
    if (!s.voided) live.set(s.orderKey, [...(live.get(s.orderKey) ?? []), s.trackingNumber]);
  }
  for (const order of known) {
    const sent = live.get(order.orderKey) ?? [];
    const got = received.get(order.orderKey) ?? [];
    if (oneTracking.has(order.channel)) {
      const ok = sent.length === 0 ? got.length === 0 : got.length === 1 && sent.includes(got[0] ?? "");
      if (!ok) problems.push(`${order.orderKey} shipped ${JSON.stringify(sent)}, its marketplace holds ${JSON.stringify(got)}`);
      continue;
    }
    for (const number of new Set([...sent, ...got])) {
      const n = got.filter((g) => g === number).length;
      if (!sent.includes(number)) problems.push(`${order.orderKey}: the marketplace holds tracking ${number} of no live package`);
      else if (n !== 1) problems.push(`package ${number} of ${order.orderKey} reached its marketplace ${n} times`);
    }
  }
  return problems;
}

/**
 * Shadow stock as hub keeps it (last snapshot − open deductions) equals
 * the figure computed from scratch: Zoho's available minus every unit of
 * every order not cancelled (deductions never settle in these worlds).
 */
export async function shadowFromScratch(world: ReliabilityWorld): Promise<string[]> {
  const zoho = new Map(world.hub.sandbox.world.zoho.items.map((i) => [i.sku, i.available]));
  const open = new Map<string, number>();
  for (const order of knownOrders(world.hub.sandbox)) {
    if (order.cancelled) continue;
    for (const line of order.lines) open.set(line.sku, (open.get(line.sku) ?? 0) + line.quantity);
  }
  const rows = await world.query(async (knex) => {
    const snapshots = (await knex("shadow_inventory").select("sku", "snapshot_available")) as Array<{
      sku: string;
      snapshot_available: number;
    }>;
    const deducted = (await knex("shadow_deductions")
      .whereNull("closed_at")
      .groupBy("sku")
      .select("sku")
      .sum({ units: "quantity" })) as Array<{ sku: string; units: string | number }>;
    return { snapshots, deducted };
  });
  const deducted = new Map(rows.deducted.map((r) => [r.sku, Number(r.units)]));
  const problems: string[] = [];
  for (const [sku, available] of zoho) {
    const snapshot = rows.snapshots.find((r) => r.sku === sku);
    if (!snapshot) {
      problems.push(`${sku} has no shadow snapshot`);
      continue;
    }
    const hubs = snapshot.snapshot_available - (deducted.get(sku) ?? 0);
    const scratch = available - (open.get(sku) ?? 0);
    if (hubs !== scratch) problems.push(`${sku}: hub's shadow stock ${hubs}, from scratch ${scratch}`);
  }
  return problems;
}

/**
 * An order ShipStation shows shipped, its tracking delivered, is shipped
 * in hub too, with every deduction stamped: a run killed between a push
 * and the order's update must not leave it open (its units would count
 * twice once Zoho takes them out).
 */
export async function shippedInHub(world: ReliabilityWorld): Promise<string[]> {
  const state = world.hub.sandbox.state();
  const shipped = (state.shipstation.orders as unknown as SsOrder[])
    .filter((o) => o.orderStatus === "shipped")
    .map((o) => o.orderKey);
  if (shipped.length === 0) return [];
  return world.query(async (knex) => {
    const problems: string[] = [];
    const mappings = (await knex("order_mappings").whereIn("order_key", shipped).select("order_key", "status")) as Array<{
      order_key: string;
      status: string;
    }>;
    for (const m of mappings) {
      if (m.status !== "shipped") problems.push(`${m.order_key} is shipped in ShipStation but ${m.status} in hub`);
    }
    const unstamped = (await knex("shadow_deductions")
      .whereIn("order_key", shipped)
      .whereNull("shipped_at")
      .whereNull("closed_at")
      .distinct("order_key")) as Array<{ order_key: string }>;
    for (const d of unstamped) problems.push(`${d.order_key} is shipped but its deductions are not marked shipped`);
    return problems;
  });
}

/** No run left without an end; no ledger row twice. */
export async function ledgerClean(world: ReliabilityWorld): Promise<string[]> {
  return world.query(async (knex) => {
    const problems: string[] = [];
    const unended = (await knex("task_executions")
      .whereNull("ended_at")
      .orWhere({ status: "running" })
      .select("id", "command", "status")) as Array<{ id: number; command: string; status: string }>;
    for (const r of unended) problems.push(`run ${r.id} (${r.command}) has no end: ${r.status}`);
    const dupes: Array<[string, string[]]> = [
      ["shadow_deductions", ["order_key", "line_id"]],
      ["inventory_publications", ["channel", "sku", "publication_id"]],
      ["tracking_returns", ["shipment_id"]],
      ["order_mappings", ["order_key"]],
    ];
    for (const [table, columns] of dupes) {
      const rows = (await knex(table).select(columns).count({ n: "*" }).groupBy(columns).havingRaw("count(*) > 1")) as unknown[];
      if (rows.length > 0) problems.push(`${table} holds ${rows.length} duplicate key(s): ${JSON.stringify(rows.slice(0, 3))}`);
    }
    const deducted = (await knex("shadow_deductions").select("order_key", "line_id", "sku", "quantity")) as Array<{
      order_key: string;
      line_id: string;
    }>;
    const lines = new Set<string>();
    for (const order of knownOrders(world.hub.sandbox)) {
      for (const line of order.lines) lines.add(`${order.orderKey}#${line.lineId}`);
    }
    for (const d of deducted) {
      if (!lines.has(`${d.order_key}#${d.line_id}`)) problems.push(`deduction ${d.order_key}#${d.line_id} of no order line`);
    }
    return problems;
  });
}

/**
 * What each marketplace shows is the last quantity hub recorded as sent,
 * and no SKU shows more in total than its sellable units allow (150 %).
 */
export async function publicationsAgree(world: ReliabilityWorld): Promise<string[]> {
  const state = world.hub.sandbox.state();
  const rows = (await world.query((knex) =>
    knex("inventory_publications").where({ status: "sent" }).orderBy("id").select("channel", "sku", "quantity"),
  )) as Array<{ channel: string; sku: string; quantity: number }>;
  const last = new Map<string, number>();
  for (const r of rows) last.set(`${r.channel}|${r.sku}`, r.quantity);
  const problems: string[] = [];
  for (const [key, quantity] of last) {
    const [channel = "", sku = ""] = key.split("|");
    const shown = state.channels[channel]?.quantities[sku];
    if (shown !== quantity) problems.push(`${channel} shows ${String(shown)} of ${sku}, hub recorded ${quantity}`);
  }
  return problems;
}

/**
 * All problems of the end state. Marketplaces lower their own quantities as
 * they sell, so publications are compared only where no order came in since.
 */
export async function endStateProblems(
  world: ReliabilityWorld,
  options: { publications: boolean },
): Promise<string[]> {
  return [
    ...ordersHeldOnce(world),
    ...trackingOnce(world),
    ...(await shadowFromScratch(world)),
    ...(await ledgerClean(world)),
    ...(options.publications ? await publicationsAgree(world) : []),
  ];
}

/** Rows that did not end well, to explain a failed check. */
export async function unfinishedRows(world: ReliabilityWorld): Promise<string> {
  return world.query(async (knex) => {
    const tracking: unknown[] = await knex("tracking_returns")
      .whereNot({ status: "pushed" })
      .select("shipment_id", "order_key", "status", "attempts", "last_error", "next_attempt_at")
      .limit(5);
    const cursors: unknown[] = await knex("sync_cursors").select("channel", "stream", "cursor_at");
    const runs: unknown[] = await knex("task_executions").orderBy("id", "desc").select("id", "command", "status", "error").limit(4);
    return JSON.stringify({ tracking, cursors, runs });
  });
}
