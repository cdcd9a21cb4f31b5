import type {
  Route,
  SandboxRequest,
  SandboxWorld,
  StandIn,
} from "../contract.js";
import type { Clock } from "../rate-limit.js";
import { FixedWindow, headerSeconds } from "../rate-limit.js";
import {
  invalidOrganization,
  malformed,
  notAuthorized,
  rateLimited,
  serverError,
} from "./errors.js";
import { itemRoutes } from "./items-routes.js";
import {
  ZOHO_ORGANIZATION_ID,
  ZOHO_TOKEN_SCOPE,
  type ZohoState,
} from "./state.js";

export { createZohoAccountsStandIn } from "./accounts.js";

/** Zoho Inventory allows 100 requests per minute per organization. */
export const ZOHO_LIMIT_PER_MINUTE = 100;

/** Options of the Zoho API stand-in. */
export interface ZohoOptions {
  timeScale: number;
  clock?: Clock;
}

function bearer(header: string | undefined): string | undefined {
  return /^Zoho-oauthtoken\s+(\S+)$/.exec(header ?? "")?.[1];
}

/**
 * Builds the Zoho Inventory API stand-in: token, then organization, then
 * the organization's minute window, as one shared limit for every route.
 */
export function createZohoStandIn(
  world: SandboxWorld,
  state: ZohoState,
  options: ZohoOptions,
): StandIn {
  const window = new FixedWindow(
    ZOHO_LIMIT_PER_MINUTE,
    60,
    options.timeScale,
    options.clock,
  );
  const guard = (route: Route): Route => ({
    ...route,
    throttled: (retryAfter) => rateLimited(headerSeconds(retryAfter)),
    handle: (req: SandboxRequest) => {
      const token = bearer(req.headers.authorization);
      if (!world.tokenValid(ZOHO_TOKEN_SCOPE, token)) return notAuthorized();
      if (req.query.get("organization_id") !== ZOHO_ORGANIZATION_ID) {
        return invalidOrganization();
      }
      const slot = window.hit();
      if (!slot.allowed) return rateLimited(headerSeconds(slot.resetSeconds));
      return route.handle(req);
    },
  });
  return {
    vendor: "zoho",
    routes: itemRoutes(state).map(guard),
    malformed,
    serverError,
  };
}
