import type {
  MarketplaceOrder,
  ReceivedTracking,
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { withApiKey } from "./auth.js";
import { badRequest, miraklError, tooManyRequests } from "./errors.js";
import { carrierByCode } from "./carriers.js";
import { channelOf, isRecord, jsonBody } from "./request.js";
import {
  orderState,
  setTracking,
  settleDebits,
  trackingOf,
  type TrackingUpdate,
} from "./states.js";

function findOrder(
  world: SandboxWorld,
  req: SandboxRequest,
): MarketplaceOrder | undefined {
  const channel = channelOf(req).id;
  settleDebits(world, channel);
  return world.order(channel, req.params["orderId"] ?? "");
}

function notFound(req: SandboxRequest): SandboxResponse {
  return miraklError(404, `Order ${req.params["orderId"] ?? ""} not found`);
}

function text(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/** Reads an OR23 body: a registered carrier code, or a name and URL. */
export function parseTracking(body: unknown): TrackingUpdate | string {
  if (!isRecord(body)) return "Invalid JSON body";
  const trackingNumber = text(body, "tracking_number");
  if (trackingNumber === undefined) return "tracking_number is required";
  const code = text(body, "carrier_code");
  const name = text(body, "carrier_name");
  const url = text(body, "carrier_url");
  if (code !== undefined && carrierByCode(code) === undefined) {
    return `Unknown carrier code : ${code}`;
  }
  // An unregistered carrier needs its name and a tracking URL (§4).
  if (code === undefined && (name === undefined || url === undefined)) {
    return "carrier_name and carrier_url are required without carrier_code";
  }
  const update: TrackingUpdate = { tracking_number: trackingNumber, raw: body };
  if (code !== undefined) update.carrier_code = code;
  if (name !== undefined) update.carrier_name = name;
  if (url !== undefined) update.carrier_url = url;
  return update;
}

/** OR23: `PUT /api/orders/:orderId/tracking`. */
export function updateTracking(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) return notFound(req);
  const state = orderState(order);
  if (state !== "SHIPPING" && state !== "SHIPPED") return badRequest();
  const update = parseTracking(jsonBody(req));
  if (typeof update === "string") return miraklError(400, update);
  const before = trackingOf(order)?.tracking_number;
  setTracking(order, update);
  world.touch(order);
  // A shipped order's tracking corrected: the buyer now sees the new one.
  if (state === "SHIPPED" && before !== update.tracking_number) {
    world.recordTracking(
      channelOf(req).id,
      received(order, update, world.now()),
    );
  }
  return { status: 204 };
}

function received(
  order: MarketplaceOrder,
  tracking: TrackingUpdate,
  now: Date,
): ReceivedTracking {
  const lines: Record<string, number> = {};
  for (const line of order.lines) {
    if (order.acceptance?.[line.line_id] !== false) {
      lines[line.line_id] = line.quantity;
    }
  }
  return {
    order_id: order.order_id,
    carrier: tracking.carrier_code ?? tracking.carrier_name ?? "",
    tracking_number: tracking.tracking_number,
    lines,
    received_at: now.toISOString(),
    raw: tracking.raw,
  };
}

/**
 * OR24: `PUT /api/orders/:orderId/ship`. Only from SHIPPING; anything else
 * gets Mirakl's uninformative 400 (mirakl.md §5, case B26). The tracking
 * recorded is the last one OR23 set; a ship without OR23 records none.
 */
export function confirmShipment(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) return notFound(req);
  if (orderState(order) !== "SHIPPING") return badRequest();
  order.status = "shipped";
  world.touch(order);
  const tracking = trackingOf(order);
  if (tracking !== undefined) {
    world.recordTracking(
      channelOf(req).id,
      received(order, tracking, world.now()),
    );
  }
  return { status: 204 };
}

/** OR23 and OR24 routes; neither has a documented ceiling. */
export function shippingRoutes(world: SandboxWorld): Route[] {
  return [
    {
      method: "PUT",
      path: "/api/orders/:orderId/tracking",
      throttled: tooManyRequests,
      handle: withApiKey((req) => updateTracking(world, req)),
    },
    {
      method: "PUT",
      path: "/api/orders/:orderId/ship",
      throttled: tooManyRequests,
      handle: withApiKey((req) => confirmShipment(world, req)),
    },
  ];
}
