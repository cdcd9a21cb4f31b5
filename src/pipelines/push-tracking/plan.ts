import { pacificIso } from "../../shipstation/pacific-time.js";
import {
  addUnits,
  coversOrder,
  packageLines,
  type LineUnits,
} from "./coverage.js";
import {
  DONE_STATUSES,
  type HubOrder,
  type IgnoredPackage,
  type MatchedPackage,
  type PlanStep,
  type PushStep,
  type TrackingPlan,
  type TrackingReturn,
} from "./types.js";

/** Everything the plan is computed from, already read. */
export interface PlanInput {
  packages: readonly MatchedPackage[];
  ignored: readonly IgnoredPackage[];
  /** The hub orders of every package and row below, by order key. */
  orders: ReadonlyMap<string, HubOrder>;
  /** Every tracking_returns row of those orders. */
  returns: readonly TrackingReturn[];
  now: Date;
}

/** Hub orders that must not receive tracking any more. */
const CLOSED_ORDER_STATUSES = ["cancelled", "cancelled_after_ship"];

/** One package of one order: what ShipStation says and what hub recorded. */
interface Entry {
  shipmentKey: string;
  pkg: MatchedPackage | undefined;
  row: TrackingReturn | undefined;
  createdAt: Date;
}

/**
 * Decides, without I/O, what happens to each package: push it, record its
 * void, or leave it (and why). Orders are planned one by one, their
 * packages oldest first, so "no items = the rest of the order" and
 * `completesOrder` follow the order the warehouse shipped in.
 */
export function planTracking(input: PlanInput): TrackingPlan {
  const steps: PlanStep[] = [];
  for (const [orderKey, entries] of entriesByOrder(input)) {
    const order = input.orders.get(orderKey);
    if (order) steps.push(...planOrder(order, entries, input.now));
  }
  return { steps, ignored: [...input.ignored] };
}

function entriesByOrder(input: PlanInput): Map<string, Entry[]> {
  const byKey = new Map<string, Entry>();
  for (const row of input.returns) {
    byKey.set(row.shipmentKey, {
      shipmentKey: row.shipmentKey,
      pkg: undefined,
      row,
      createdAt: row.shippedAt,
    });
  }
  for (const pkg of input.packages) {
    const row = byKey.get(pkg.shipmentKey)?.row;
    byKey.set(pkg.shipmentKey, {
      shipmentKey: pkg.shipmentKey,
      pkg,
      row,
      createdAt: pkg.createdAt,
    });
  }
  const out = new Map<string, Entry[]>();
  for (const entry of byKey.values()) {
    const orderKey = entry.row?.orderKey ?? entry.pkg?.matchedOrderKey;
    if (!orderKey) continue;
    out.set(orderKey, [...(out.get(orderKey) ?? []), entry]);
  }
  for (const list of out.values()) {
    list.sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        a.shipmentKey.localeCompare(b.shipmentKey),
    );
  }
  return out;
}

function isVoided(entry: Entry): boolean {
  return Boolean(
    entry.pkg?.voided || entry.row?.voidedAt || entry.row?.status === "voided",
  );
}

/** True when a recorded package is due another attempt now. */
export function isDue(row: TrackingReturn, now: Date): boolean {
  if (row.status === "pending" || row.status === "held") return true;
  if (row.status !== "failed") return false;
  return !row.nextAttemptAt || row.nextAttemptAt.getTime() <= now.getTime();
}

function planOrder(order: HubOrder, entries: Entry[], now: Date): PlanStep[] {
  const steps: PlanStep[] = [];
  // Units some live package claims (for "no items = the rest"), and units
  // the marketplace holds or will after this run (for completesOrder).
  const claimed: LineUnits = {};
  const confirmed: LineUnits = {};
  for (const { row } of entries) {
    if (!row || row.voidedAt || row.status === "voided") continue;
    addUnits(claimed, row.lines);
    if (DONE_STATUSES.includes(row.status)) addUnits(confirmed, row.lines);
  }
  const closed = CLOSED_ORDER_STATUSES.includes(order.status);
  const replaced = voidedAfterPush(entries);
  for (const entry of entries) {
    if (repeatsLabel(entry, entries)) continue;
    const step = isVoided(entry)
      ? voidStep(order, entry)
      : packageStep(order, entry, { claimed, confirmed, closed, now, replaced });
    if (step) steps.push(step);
  }
  return steps;
}

/** A voided label whose tracking the marketplace already holds. */
interface ReplacedLabel {
  trackingNumber: string;
  lines: LineUnits;
}

function voidedAfterPush(entries: readonly Entry[]): ReplacedLabel[] {
  const out: ReplacedLabel[] = [];
  for (const entry of entries) {
    const { row } = entry;
    if (!isVoided(entry) || !row || !DONE_STATUSES.includes(row.status)) continue;
    out.push({ trackingNumber: row.trackingNumber, lines: row.lines });
  }
  return out;
}

/** The voided, already pushed labels that shipped some of these lines. */
function replacedBy(
  lines: LineUnits,
  replaced: readonly ReplacedLabel[],
  trackingNumber: string,
): string[] {
  const numbers = replaced
    .filter((r) => r.trackingNumber !== trackingNumber)
    .filter((r) => Object.keys(r.lines).some((lineId) => lineId in lines))
    .map((r) => r.trackingNumber);
  return [...new Set(numbers)];
}

/**
 * A fulfillment carrying a tracking number one of the order's labels
 * already has is that label seen a second time.
 */
function repeatsLabel(entry: Entry, entries: readonly Entry[]): boolean {
  if (entry.row || entry.pkg?.source !== "fulfillment") return false;
  const tracking = entry.pkg.trackingNumber;
  return entries.some(
    (other) =>
      other !== entry &&
      !isVoided(other) &&
      (other.row?.trackingNumber ?? other.pkg?.trackingNumber) === tracking,
  );
}

function voidStep(order: HubOrder, entry: Entry): PlanStep | undefined {
  const { row, pkg } = entry;
  if (row?.voidedAt) return undefined;
  const voidedAt = pkg?.voidedAt ?? pkg?.createdAt ?? new Date(0);
  const base = {
    kind: "void" as const,
    orderKey: order.orderKey,
    channel: order.channel,
    shipmentKey: entry.shipmentKey,
    voidedAt,
  };
  if (row) {
    return {
      ...base,
      trackingNumber: row.trackingNumber,
      wasPushed: DONE_STATUSES.includes(row.status),
      record: undefined,
    };
  }
  if (!pkg) return undefined;
  return {
    ...base,
    trackingNumber: pkg.trackingNumber,
    wasPushed: false,
    record: newReturn(order, pkg, {}, "voided", voidedAt),
  };
}

interface Tally {
  claimed: LineUnits;
  confirmed: LineUnits;
  closed: boolean;
  now: Date;
  replaced: readonly ReplacedLabel[];
}

function packageStep(
  order: HubOrder,
  entry: Entry,
  tally: Tally,
): PlanStep | undefined {
  const { row, pkg } = entry;
  const skip = (reason: string): PlanStep => ({
    kind: "skip",
    orderKey: order.orderKey,
    channel: order.channel,
    shipmentKey: entry.shipmentKey,
    reason,
  });
  if (row) {
    if (DONE_STATUSES.includes(row.status) || row.status === "dead_letter") {
      return undefined;
    }
    if (tally.closed) return skip(`the order is ${order.status} in hub`);
    if (!isDue(row, tally.now)) {
      const at = row.nextAttemptAt?.toISOString() ?? "later";
      return skip(`waiting to retry at ${at}`);
    }
    return pushStep(order, fromRow(row), row.lines, row.attempts, tally);
  }
  if (!pkg) return undefined;
  if (pkg.returnLabel) return skip("a return label, not a shipment");
  if (tally.closed) return skip(`the order is ${order.status} in hub`);
  if (!pkg.trackingNumber) return skip("ShipStation has no tracking number");
  const lines = packageLines(order, pkg.items, tally.claimed);
  if (Object.keys(lines).length === 0) {
    return skip("none of its items is an open line of the order");
  }
  addUnits(tally.claimed, lines);
  return pushStep(order, pkg, lines, 0, tally);
}

/** The parts of a package a push needs, from ShipStation or a stored row. */
interface PackageFacts {
  shipmentKey: string;
  packageRef: string;
  shipstationOrderId: number;
  trackingNumber: string;
  carrierCode: string;
  serviceCode: string | undefined;
  createdAt: Date;
}

function fromRow(row: TrackingReturn): PackageFacts {
  return {
    shipmentKey: row.shipmentKey,
    packageRef: row.packageRef,
    shipstationOrderId: row.shipstationOrderId ?? 0,
    trackingNumber: row.trackingNumber,
    carrierCode: row.carrierCode,
    serviceCode: row.serviceCode,
    createdAt: row.shippedAt,
  };
}

function pushStep(
  order: HubOrder,
  facts: PackageFacts,
  lines: LineUnits,
  attempts: number,
  tally: Tally,
): PushStep {
  addUnits(tally.confirmed, lines);
  const sku = (lineId: string): string =>
    order.lines.find((l) => l.lineId === lineId)?.sku ?? "";
  const replaces = replacedBy(lines, tally.replaced, facts.trackingNumber);
  return {
    kind: "push",
    orderKey: order.orderKey,
    channel: order.channel,
    shipmentKey: facts.shipmentKey,
    shipstationOrderId: facts.shipstationOrderId,
    carrierCode: facts.carrierCode,
    serviceCode: facts.serviceCode,
    shippedAt: facts.createdAt,
    attempts,
    confirmation: {
      orderId: order.marketplaceOrderId,
      packageRef: facts.packageRef,
      carrierCode: facts.carrierCode,
      ...(facts.serviceCode ? { serviceCode: facts.serviceCode } : {}),
      trackingNumber: facts.trackingNumber,
      // ShipStation's wall time is Pacific: the offset makes it one instant
      // for every marketplace (case B03).
      shipDate: pacificIso(facts.createdAt),
      lines: Object.entries(lines).map(([lineId, quantity]) => ({
        lineId,
        sku: sku(lineId),
        quantity,
      })),
      completesOrder: coversOrder(order, tally.confirmed),
      ...(replaces.length > 0 ? { replacesTracking: replaces } : {}),
    },
  };
}

/** A new tracking_returns row for a package of an order. */
export function newReturn(
  order: HubOrder,
  pkg: MatchedPackage,
  lines: LineUnits,
  status: TrackingReturn["status"],
  voidedAt?: Date,
): TrackingReturn {
  return {
    shipmentKey: pkg.shipmentKey,
    packageRef: pkg.packageRef,
    orderKey: order.orderKey,
    channel: order.channel,
    shipstationOrderId: pkg.shipstationOrderId,
    trackingNumber: pkg.trackingNumber,
    carrierCode: pkg.carrierCode,
    serviceCode: pkg.serviceCode,
    carrierSent: undefined,
    lines,
    status,
    attempts: 0,
    lastError: undefined,
    nextAttemptAt: undefined,
    shippedAt: pkg.createdAt,
    voidedAt,
    pushedAt: undefined,
  };
}
