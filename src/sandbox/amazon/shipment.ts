import type { Route, SandboxWorld } from "../contract.js";
import { marketplaceId } from "./channel-options.js";
import { invalidInput, notFound } from "./errors.js";
import type { PackageLedger } from "./packages.js";
import { AMAZON_RATES } from "./rates.js";
import { checkPackage, readConfirmation } from "./shipment-plan.js";
import { spApiRoute } from "./sp-api-route.js";

/** confirmShipment of Orders v0: one call per package, 204 on success. */
export function confirmShipmentRoute(
  world: SandboxWorld,
  ledger: PackageLedger,
): Route {
  return spApiRoute(world, {
    method: "POST",
    path: "/orders/v0/orders/:orderId/shipmentConfirmation",
    rate: AMAZON_RATES.confirmShipment,
    handle(req, channel) {
      const orderId = req.params.orderId ?? "";
      const order = world.order(channel.id, orderId);
      if (order === undefined) {
        return notFound(`No order was found for orderId ${orderId}.`);
      }
      const read = readConfirmation(req.body);
      // The v0 model answers bad input with the spaced code (amazon.md §3a).
      if (!read.ok) return invalidInput(read.message, "Invalid Input");
      const pkg = read.value;
      if (pkg.marketplaceId !== marketplaceId(channel)) {
        return invalidInput(
          `Order ${orderId} does not belong to marketplace ${pkg.marketplaceId}.`,
          "Invalid Input",
        );
      }
      // Repeats are not documented as idempotent (amazon.md §6): refuse them
      // so a client that re-sends a package finds out.
      if (ledger.find(order, pkg.packageReferenceId) !== undefined) {
        return invalidInput(
          `packageReferenceId ${pkg.packageReferenceId} was already confirmed for order ${orderId}.`,
          "Invalid Input",
        );
      }
      const after = checkPackage(order, pkg.items, ledger.shippedUnits(order));
      if (!after.ok) return invalidInput(after.message, "Invalid Input");

      const receivedAt = world.now().toISOString();
      const carrier =
        pkg.carrierCode === "Other" && pkg.carrierName !== undefined
          ? pkg.carrierName
          : pkg.carrierCode;
      ledger.add(order, {
        packageReferenceId: pkg.packageReferenceId,
        carrier,
        ...(pkg.shippingMethod !== undefined && {
          shippingService: pkg.shippingMethod,
        }),
        trackingNumber: pkg.trackingNumber,
        shipTime: pkg.shipDate,
        createdTime: receivedAt,
        items: pkg.items,
      });
      world.recordTracking(channel.id, {
        order_id: order.order_id,
        carrier,
        ...(pkg.shippingMethod !== undefined && {
          service: pkg.shippingMethod,
        }),
        tracking_number: pkg.trackingNumber,
        lines: { ...pkg.items },
        received_at: receivedAt,
        raw: req.body,
      });
      order.status = after.value;
      world.touch(order);
      return { status: 204 };
    },
  });
}
