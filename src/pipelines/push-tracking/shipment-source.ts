import type { ShippedPackage } from "./types.js";

/** A ShipStation order as matching needs it (split children, B07). */
export interface SourceOrder {
  orderId: number;
  orderKey: string | undefined;
  parentId: number | undefined;
}

/** Where push-tracking reads packages from: ShipStation, or a test fake. */
export interface ShipmentSource {
  /** Labels created or voided in [since, until), with items, every page. */
  listShipments(since: Date, until: Date): Promise<ShippedPackage[]>;
  /** Orders marked shipped without a label, created in [since, until). */
  listFulfillments(since: Date, until: Date): Promise<ShippedPackage[]>;
  /** The labels a stored SHIP_NOTIFY event's resource_url names. */
  shipmentsOfEvent(resourceUrl: string): Promise<ShippedPackage[]>;
  /** One order; undefined when ShipStation has none. */
  getOrder(orderId: number): Promise<SourceOrder | undefined>;
}
