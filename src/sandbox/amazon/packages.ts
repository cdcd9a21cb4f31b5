import type { MarketplaceOrder } from "../contract.js";

/** One package confirmed through confirmShipment, as Amazon keeps it. */
export interface AmazonPackage {
  packageReferenceId: string;
  carrier: string;
  shippingService?: string;
  trackingNumber: string;
  shipTime: string;
  createdTime: string;
  /** orderItemId → quantity. */
  items: Record<string, number>;
}

/**
 * Packages per live order record. Kept beside the world rather than in it so
 * a reloaded world starts with none.
 */
export class PackageLedger {
  private readonly byOrder = new WeakMap<
    MarketplaceOrder,
    Map<string, AmazonPackage>
  >();

  /** Packages of one order in confirmation order. */
  packages(order: MarketplaceOrder): AmazonPackage[] {
    return [...(this.byOrder.get(order)?.values() ?? [])];
  }

  /** The package with this reference id, if it was confirmed. */
  find(order: MarketplaceOrder, ref: string): AmazonPackage | undefined {
    return this.byOrder.get(order)?.get(ref);
  }

  add(order: MarketplaceOrder, pkg: AmazonPackage): void {
    const known = this.byOrder.get(order) ?? new Map<string, AmazonPackage>();
    known.set(pkg.packageReferenceId, pkg);
    this.byOrder.set(order, known);
  }

  /** Units of each line already in a package. */
  shippedUnits(order: MarketplaceOrder): Map<string, number> {
    const units = new Map<string, number>();
    for (const pkg of this.packages(order)) {
      for (const [itemId, quantity] of Object.entries(pkg.items)) {
        units.set(itemId, (units.get(itemId) ?? 0) + quantity);
      }
    }
    return units;
  }

  /** Units fulfilled per line: all of them once the scenario says shipped. */
  fulfilledUnits(order: MarketplaceOrder): Map<string, number> {
    const shipped = this.shippedUnits(order);
    const units = new Map<string, number>();
    for (const line of order.lines) {
      const count =
        order.status === "shipped"
          ? line.quantity
          : Math.min(line.quantity, shipped.get(line.line_id) ?? 0);
      units.set(line.line_id, count);
    }
    return units;
  }
}
