import type { PackageConfirmation } from "../../channels/types.js";

/**
 * One physical package as ShipStation reports it: a label (shipment) or an
 * order marked shipped without a label (fulfillment).
 */
export interface ShippedPackage {
  /** tracking_returns.shipment_id: the shipmentId, or `f<fulfillmentId>`. */
  shipmentKey: string;
  /** Amazon packageReferenceId: the ShipStation id as a string. */
  packageRef: string;
  source: "label" | "fulfillment";
  shipstationOrderId: number;
  /** Absent on fulfillments; a generated key on split children (B07). */
  orderKey: string | undefined;
  storeId: number | undefined;
  trackingNumber: string;
  carrierCode: string;
  serviceCode: string | undefined;
  createdAt: Date;
  voided: boolean;
  voidedAt: Date | undefined;
  returnLabel: boolean;
  /** Empty = every unit of the order not shipped yet. */
  items: PackageItem[];
}

/** One shipment item: lineItemKey is the marketplace line id. */
export interface PackageItem {
  lineItemKey: string | undefined;
  sku: string | undefined;
  quantity: number;
}

/** A package matched to the hub order it belongs to. */
export interface MatchedPackage extends ShippedPackage {
  matchedOrderKey: string;
}

/** A package left out because hub did not create its order. */
export interface IgnoredPackage {
  shipmentKey: string;
  /** The channel its store belongs to, when known. */
  channel: string | undefined;
  reason: string;
}

/** One line of a hub order, as pull-orders stored it. */
export interface HubOrderLine {
  lineId: string;
  sku: string;
  quantity: number;
}

/** A hub order (order_mappings row) as push-tracking needs it. */
export interface HubOrder {
  orderKey: string;
  channel: string;
  marketplaceOrderId: string;
  status: string;
  shipstationOrderId: number | undefined;
  lines: HubOrderLine[];
}

/** Where one package's push stands (tracking_returns.status). */
export type ReturnStatus =
  | "pending"
  | "held"
  | "pushed"
  | "already_done"
  | "mismatch"
  | "failed"
  | "dead_letter"
  | "voided";

/** One tracking_returns row. */
export interface TrackingReturn {
  shipmentKey: string;
  packageRef: string;
  orderKey: string;
  channel: string;
  shipstationOrderId: number | undefined;
  trackingNumber: string;
  carrierCode: string;
  serviceCode: string | undefined;
  carrierSent: string | undefined;
  /** Marketplace line id → units in this package. */
  lines: Record<string, number>;
  status: ReturnStatus;
  attempts: number;
  lastError: string | undefined;
  nextAttemptAt: Date | undefined;
  shippedAt: Date;
  voidedAt: Date | undefined;
  pushedAt: Date | undefined;
}

/** Statuses after which the marketplace holds this package's tracking. */
export const DONE_STATUSES: readonly ReturnStatus[] = [
  "pushed",
  "already_done",
  "mismatch",
];

/** One package to confirm on its marketplace. */
export interface PushStep {
  kind: "push";
  orderKey: string;
  channel: string;
  shipmentKey: string;
  shipstationOrderId: number;
  carrierCode: string;
  serviceCode: string | undefined;
  shippedAt: Date;
  /** Attempts made before this one. */
  attempts: number;
  confirmation: PackageConfirmation;
}

/** A voided label: recorded, never pushed; an alert if already pushed. */
export interface VoidStep {
  kind: "void";
  orderKey: string;
  channel: string;
  shipmentKey: string;
  trackingNumber: string;
  voidedAt: Date;
  /** True when its tracking already reached the marketplace (B06). */
  wasPushed: boolean;
  /** Set when no row exists yet: what to record. */
  record: TrackingReturn | undefined;
}

/** A package not pushed in this run, and why. */
export interface SkipStep {
  kind: "skip";
  orderKey: string;
  channel: string;
  shipmentKey: string;
  reason: string;
}

export type PlanStep = PushStep | VoidStep | SkipStep;

/** What one run will do. */
export interface TrackingPlan {
  steps: PlanStep[];
  ignored: IgnoredPackage[];
}
