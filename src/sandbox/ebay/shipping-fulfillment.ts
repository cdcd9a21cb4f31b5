import type {
  MarketplaceOrder,
  ReceivedTracking,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { ebayErrors } from "./errors.js";
import { fulfillmentsOf, orderStatus } from "./fulfillments.js";
import { toEbayOrder } from "./order-view.js";
import { planShippingFulfillment } from "./plan-fulfillment.js";
import { baseUrl, channelOf, jsonBody } from "./request.js";

/**
 * eBay's invalid-order answer (error 32100, ebay.md §3). The reference
 * documents it as a 400 for createShippingFulfillment; reads use 404.
 */
function invalidOrderId(status: number, orderId: string): SandboxResponse {
  return ebayErrors(status, {
    errorId: 32100,
    domain: "API_FULFILLMENT",
    category: "REQUEST",
    message: "Invalid Order Id",
    parameters: [{ name: "orderId", value: orderId }],
  });
}

function findOrder(
  world: SandboxWorld,
  req: SandboxRequest,
): MarketplaceOrder | undefined {
  return world.order(channelOf(req).id, req.params["orderId"] ?? "");
}

/** getOrder: `GET /sell/fulfillment/v1/order/:orderId`. */
export function getOrder(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) {
    return invalidOrderId(404, req.params["orderId"] ?? "");
  }
  return {
    status: 200,
    body: toEbayOrder(world, order, "single", baseUrl(req)),
  };
}

function trackingOf(
  order: MarketplaceOrder,
  fulfillment: ReturnType<typeof fulfillmentsOf>[number],
  raw: unknown,
  now: Date,
): ReceivedTracking {
  const lines: Record<string, number> = {};
  for (const item of fulfillment.lineItems) {
    lines[item.lineItemId] = (lines[item.lineItemId] ?? 0) + item.quantity;
  }
  return {
    order_id: order.order_id,
    carrier: fulfillment.shippingCarrierCode ?? "",
    tracking_number: fulfillment.shipmentTrackingNumber ?? "",
    lines,
    received_at: now.toISOString(),
    raw,
  };
}

/** createShippingFulfillment: one new package per call, never merged. */
export function createShippingFulfillment(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) {
    return invalidOrderId(400, req.params["orderId"] ?? "");
  }
  const body = jsonBody(req);
  const now = world.now();
  const packages = fulfillmentsOf(order);
  const plan = planShippingFulfillment(order, body, now, packages.length);
  if (!plan.ok) return ebayErrors(400, plan.error);

  packages.push(plan.fulfillment);
  const status = orderStatus(order);
  if (status === "FULFILLED") order.status = "shipped";
  else if (status === "IN_PROGRESS") order.status = "partially_shipped";
  world.touch(order);
  world.recordTracking(
    channelOf(req).id,
    trackingOf(order, plan.fulfillment, body, now),
  );
  const location =
    `${baseUrl(req)}/sell/fulfillment/v1/order/${order.order_id}` +
    `/shipping_fulfillment/${plan.fulfillment.fulfillmentId}`;
  return { status: 201, headers: { location }, body: {} };
}

/** getShippingFulfillments: every package of the order. */
export function getShippingFulfillments(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) {
    return invalidOrderId(404, req.params["orderId"] ?? "");
  }
  const fulfillments = fulfillmentsOf(order);
  return {
    status: 200,
    body: { fulfillments, total: fulfillments.length, warnings: [] },
  };
}

/** getShippingFulfillment: one package by its fulfillment id. */
export function getShippingFulfillment(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const order = findOrder(world, req);
  if (order === undefined) {
    return invalidOrderId(404, req.params["orderId"] ?? "");
  }
  const id = req.params["fulfillmentId"];
  const found = fulfillmentsOf(order).find((f) => f.fulfillmentId === id);
  if (found === undefined) {
    return ebayErrors(404, {
      errorId: 32700,
      domain: "API_FULFILLMENT",
      category: "REQUEST",
      message: "Invalid shipping fulfillment id",
      parameters: [{ name: "fulfillmentId", value: id ?? "" }],
    });
  }
  return { status: 200, body: found };
}
