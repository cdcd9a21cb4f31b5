import type { MarketplaceOrder } from "../contract.js";
import { distributionCenter } from "./distribution-centers.js";

/** UpdateQuantity's `UpdateType` values; case-sensitive (rithum.md §4). */
export const UPDATE_TYPES = [
  "Absolute",
  "Relative",
  "Available",
  "InStock",
  "UnShipped",
] as const;

export type UpdateType = (typeof UPDATE_TYPES)[number];

/** Units ChannelAdvisor holds back for one SKU from orders it knows. */
export interface Reservations {
  /** Orders whose payment has not cleared yet. */
  pendingPayment: number;
  /** Paid orders not shipped yet. */
  pendingShipment: number;
}

/** Counts a SKU's units in pending and unshipped orders. */
export function reservations(
  orders: MarketplaceOrder[],
  sku: string,
): Reservations {
  const held: Reservations = { pendingPayment: 0, pendingShipment: 0 };
  for (const order of orders) {
    const units = order.lines
      .filter((line) => line.sku === sku)
      .reduce((sum, line) => sum + line.quantity, 0);
    if (order.status === "pending" || order.status === "awaiting_acceptance") {
      held.pendingPayment += units;
    } else if (
      order.status === "unshipped" ||
      order.status === "partially_shipped"
    ) {
      held.pendingShipment += units;
    }
  }
  return held;
}

/**
 * The quantity a centre ends up with. The sandbox has no open listings of
 * its own, so Available is the sent value; InStock also nets out unpaid
 * orders and UnShipped unshipped ones too (rithum.md §4).
 */
export function resultingQuantity(
  type: UpdateType,
  sent: number,
  current: number,
  held: Reservations,
): number {
  switch (type) {
    case "Absolute":
    case "Available":
      return sent;
    case "Relative":
      return Math.max(0, current + sent);
    case "InStock":
      return Math.max(0, sent - held.pendingPayment);
    case "UnShipped":
      return Math.max(0, sent - held.pendingPayment - held.pendingShipment);
  }
}

/** One validated entry of `Updates`. */
export interface DcUpdate {
  dcId: number;
  quantity: number;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `{"Value": {"UpdateType", "Updates": [...]}}`. */
export function readUpdateQuantity(
  body: unknown,
):
  | { ok: true; type: UpdateType; updates: DcUpdate[] }
  | { ok: false; message: string } {
  const value = isFields(body) ? body.Value : undefined;
  if (!isFields(value)) {
    return {
      ok: false,
      message: "The request body must carry a Value object.",
    };
  }
  const type = UPDATE_TYPES.find((t) => t === value.UpdateType);
  if (type === undefined) {
    return {
      ok: false,
      message: `Invalid UpdateType '${String(value.UpdateType)}'.`,
    };
  }
  if (!Array.isArray(value.Updates) || value.Updates.length === 0) {
    return { ok: false, message: "Updates must list at least one entry." };
  }
  const updates: DcUpdate[] = [];
  for (const entry of value.Updates) {
    const dcId = isFields(entry) ? entry.DistributionCenterID : undefined;
    const quantity = isFields(entry) ? entry.Quantity : undefined;
    const dc = typeof dcId === "number" ? distributionCenter(dcId) : undefined;
    if (dc === undefined) {
      return {
        ok: false,
        message: `Unknown DistributionCenterID ${String(dcId)}.`,
      };
    }
    if (dc.IsExternallyManaged) {
      return {
        ok: false,
        message: `Distribution center ${dc.Code} is externally managed and cannot be updated.`,
      };
    }
    if (
      typeof quantity !== "number" ||
      !Number.isInteger(quantity) ||
      (type !== "Relative" && quantity < 0)
    ) {
      return { ok: false, message: `Invalid Quantity for ${dc.Code}.` };
    }
    updates.push({ dcId: dc.ID, quantity });
  }
  return { ok: true, type, updates };
}
