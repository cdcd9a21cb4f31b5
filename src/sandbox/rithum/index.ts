import type { SandboxWorld, StandIn } from "../contract.js";
import { tokenRoute } from "./access.js";
import { distributionCentersRoute } from "./distribution-centers.js";
import { rithumMalformed, rithumServerError } from "./errors.js";
import { orderRoutes } from "./orders.js";
import { productRoutes } from "./products.js";
import { RithumLedger } from "./state.js";

/** Builds the Rithum stand-in over the shared world. */
export function createRithumStandIn(world: SandboxWorld): StandIn {
  const ledger = new RithumLedger(world);
  return {
    vendor: "rithum",
    routes: [
      tokenRoute(world),
      ...orderRoutes(world, ledger),
      ...productRoutes(world, ledger),
      distributionCentersRoute(world),
    ],
    malformed: rithumMalformed,
    serverError: rithumServerError,
  };
}
