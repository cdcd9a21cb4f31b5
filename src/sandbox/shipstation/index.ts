import type { Route, SandboxRequest, StandIn } from "../contract.js";
import { SANDBOX_CREDENTIALS } from "../contract.js";
import type { Clock } from "../rate-limit.js";
import { FixedWindow, headerSeconds } from "../rate-limit.js";
import {
  malformed,
  rateHeaders,
  serverError,
  tooManyRequests,
  unauthorized,
} from "./errors.js";
import { orderRoutes } from "./orders-routes.js";
import { renderStore } from "./render.js";
import { shipmentRoutes } from "./shipments-routes.js";
import type { ShipStationState } from "./state.js";
import { webhookRoutes } from "./webhooks-routes.js";

/** ShipStation V1 allows 40 requests per minute per key and secret. */
export const SHIPSTATION_LIMIT = 40;

/** Options of the ShipStation stand-in. */
export interface ShipStationOptions {
  timeScale: number;
  clock?: Clock;
}

/** True when the request carries the sandbox's Basic key and secret. */
export function basicAuthValid(header: string | undefined): boolean {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? "");
  if (!m?.[1]) return false;
  const pair = Buffer.from(m[1], "base64").toString("utf8");
  const expected = `${SANDBOX_CREDENTIALS.clientId}:${SANDBOX_CREDENTIALS.apiSecret}`;
  return pair === expected;
}

/**
 * Builds the ShipStation V1 stand-in. Its limit is one fixed window shared
 * by every route (per API key), so it is enforced here rather than through
 * per-route buckets; every answer carries the X-Rate-Limit-* headers.
 */
export function createShipStationStandIn(
  state: ShipStationState,
  options: ShipStationOptions,
): StandIn {
  const window = new FixedWindow(
    SHIPSTATION_LIMIT,
    60,
    options.timeScale,
    options.clock,
  );
  const stores: Route = {
    method: "GET",
    path: "/stores",
    handle: (req) => {
      // Every sandbox store is an API-fed "ShipStation" store (id 0).
      const marketplaceId = req.query.get("marketplaceId");
      const rows = !marketplaceId || marketplaceId === "0" ? state.stores : [];
      return { status: 200, body: rows.map(renderStore) };
    },
  };
  const routes = [
    stores,
    ...orderRoutes(state),
    ...shipmentRoutes(state),
    ...webhookRoutes(state),
  ];
  return {
    vendor: "shipstation",
    routes: routes.map((r) => guard(r, window)),
    malformed,
    serverError,
  };
}

function guard(route: Route, window: FixedWindow): Route {
  return {
    ...route,
    throttled: (retryAfter) =>
      tooManyRequests(SHIPSTATION_LIMIT, headerSeconds(retryAfter)),
    handle: async (req: SandboxRequest) => {
      if (!basicAuthValid(req.headers.authorization)) return unauthorized();
      const slot = window.hit();
      const reset = headerSeconds(slot.resetSeconds);
      if (!slot.allowed) return tooManyRequests(slot.limit, reset);
      const answer = await route.handle(req);
      return {
        ...answer,
        headers: {
          ...answer.headers,
          ...rateHeaders(slot.limit, slot.remaining, reset),
        },
      };
    },
  };
}
