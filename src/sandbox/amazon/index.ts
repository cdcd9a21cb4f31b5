import type { SandboxWorld, StandIn } from "../contract.js";
import { amazonMalformed, amazonServerError } from "./errors.js";
import { feedRoutes } from "./feeds.js";
import { patchListingsItemRoute } from "./listings.js";
import { lwaTokenRoute } from "./lwa.js";
import { orderRoutes } from "./orders.js";
import { PackageLedger } from "./packages.js";
import { confirmShipmentRoute } from "./shipment.js";

/** Builds the Amazon stand-in over the shared world. */
export function createAmazonStandIn(world: SandboxWorld): StandIn {
  const ledger = new PackageLedger();
  return {
    vendor: "amazon",
    routes: [
      lwaTokenRoute(world),
      ...orderRoutes(world, ledger),
      confirmShipmentRoute(world, ledger),
      patchListingsItemRoute(world),
      ...feedRoutes(world),
    ],
    malformed: amazonMalformed,
    serverError: amazonServerError,
  };
}
