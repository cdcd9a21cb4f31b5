import type { SandboxWorld, StandIn } from "../contract.js";
import { acceptRoute } from "./accept.js";
import { carriersRoute } from "./carriers.js";
import { malformed, serverError } from "./errors.js";
import { listOrdersRoute } from "./list-orders.js";
import { offerRoutes } from "./offers.js";
import { shippingRoutes } from "./shipping.js";
import { stockImportRoutes } from "./stock-imports.js";

/** Builds the Mirakl (MMP seller API) stand-in over the shared world. */
export function createMiraklStandIn(world: SandboxWorld): StandIn {
  return {
    vendor: "mirakl",
    routes: [
      listOrdersRoute(world),
      acceptRoute(world),
      ...shippingRoutes(world),
      carriersRoute(),
      ...stockImportRoutes(world),
      ...offerRoutes(world),
    ],
    malformed,
    serverError,
  };
}
