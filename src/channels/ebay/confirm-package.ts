import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError, UpstreamError } from "../../errors.js";
import type { ApiClient } from "../../http/api-client.js";
import type { Logger } from "../../log/logger.js";
import type { ConfirmationResult, PackageConfirmation } from "../types.js";
import { ORDER_PATH } from "./api.js";
import { ebayCarrier, normalTracking, trackingProblem } from "./carriers.js";
import { getOrder } from "./fetch-orders.js";
import { planFulfillment } from "./fulfillment-plan.js";
import { fulfillmentList, type ShippingFulfillment } from "./schemas.js";

function fulfillmentPath(orderId: string): string {
  return `${ORDER_PATH}/${encodeURIComponent(orderId)}/shipping_fulfillment`;
}

/** getShippingFulfillments: the packages eBay already has for an order. */
export async function getShippingFulfillments(
  client: ApiClient,
  orderId: string,
): Promise<ShippingFulfillment[]> {
  const answer = await client.request({
    operation: "getShippingFulfillments",
    path: fulfillmentPath(orderId),
    schema: fulfillmentList,
  });
  return answer.body.fulfillments ?? [];
}

/** Checks the package before anything is sent (case B21 pre-flight). */
function preflight(
  channel: ChannelConfig,
  pkg: PackageConfirmation,
): { carrier: string; tracking: string } {
  const carrier = ebayCarrier(channel, pkg.carrierCode);
  const tracking = normalTracking(pkg.trackingNumber);
  const problem = trackingProblem(tracking);
  if (problem !== undefined) {
    throw new ConfigError(
      `eBay order ${pkg.orderId}: tracking number "${pkg.trackingNumber}" ` +
        `of package ${pkg.packageRef} cannot be right (${problem}); ` +
        "correct it in ShipStation",
    );
  }
  if (Number.isNaN(new Date(pkg.shipDate).getTime())) {
    throw new ConfigError(
      `eBay order ${pkg.orderId}: package ${pkg.packageRef} has no valid ` +
        `ship date ("${pkg.shipDate}")`,
    );
  }
  return { carrier, tracking };
}

/**
 * An answer that may come after eBay created the package (a 5xx, a timeout,
 * a cut connection): only a fresh read can tell.
 */
function outcomeUnknown(error: UpstreamError): boolean {
  const status = error.details.status;
  return status === undefined || status >= 500;
}

/**
 * createShippingFulfillment for one package, guarded: eBay adds a package on
 * every call (api-reference/ebay.md §0.1), so the order's packages are read
 * first and the call itself is never repeated blindly.
 */
export async function confirmPackage(
  client: ApiClient,
  channel: ChannelConfig,
  pkg: PackageConfirmation,
  logger: Logger,
): Promise<ConfirmationResult> {
  const { carrier, tracking } = preflight(channel, pkg);
  const order = await getOrder(client, pkg.orderId);
  if (order === undefined) {
    throw new UpstreamError(`eBay does not know order ${pkg.orderId}`, {
      api: client.api,
      status: 404,
      retryable: false,
    });
  }
  const existing = await getShippingFulfillments(client, pkg.orderId);
  const decision = planFulfillment(pkg, order, existing, carrier, tracking);
  switch (decision.action) {
    case "already_done":
      return { outcome: "already_done", carrierSent: decision.carrier };
    case "mismatch":
      return {
        outcome: "mismatch",
        carrierSent: carrier,
        existingTracking: decision.existingTracking,
      };
    case "refuse":
      throw new UpstreamError(
        `eBay order ${pkg.orderId}: tracking ${tracking} not pushed: ` +
          decision.reason,
        { api: client.api, code: "refused", retryable: decision.retryable },
      );
    case "create":
      break;
  }
  try {
    await client.request({
      operation: "createShippingFulfillment",
      method: "POST",
      path: fulfillmentPath(pkg.orderId),
      json: decision.body,
      idempotent: false,
    });
    return { outcome: "pushed", carrierSent: carrier };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return settleUnknown(client, pkg, carrier, tracking, error, logger);
  }
}

/**
 * After a failed createShippingFulfillment: a refusal (4xx) is final and
 * named with the order (case B21: "tracking number already exists" is not
 * retried every run). When the package may have been made, one read of the
 * order's packages decides; if it is not there, a later run tries again,
 * and that run reads first too.
 */
async function settleUnknown(
  client: ApiClient,
  pkg: PackageConfirmation,
  carrier: string,
  tracking: string,
  error: UpstreamError,
  logger: Logger,
): Promise<ConfirmationResult> {
  if (!outcomeUnknown(error)) {
    throw new UpstreamError(
      `eBay order ${pkg.orderId}: createShippingFulfillment refused ` +
        `tracking ${tracking}: ${error.message}`,
      { ...error.details, retryable: false },
      { cause: error },
    );
  }
  const after = await getShippingFulfillments(client, pkg.orderId).catch(
    () => undefined,
  );
  const wanted = tracking.toUpperCase();
  if (
    after?.some(
      (f) =>
        normalTracking(f.shipmentTrackingNumber ?? "").toUpperCase() === wanted,
    )
  ) {
    logger.info(
      `eBay order ${pkg.orderId}: package ${tracking} was created despite ` +
        "the failed answer",
    );
    return { outcome: "pushed", carrierSent: carrier };
  }
  throw new UpstreamError(
    `eBay order ${pkg.orderId}: createShippingFulfillment for tracking ` +
      `${tracking} failed (${error.message}); not repeated now, the next ` +
      "run reads the order's packages before trying again",
    { ...error.details, retryable: true },
    { cause: error },
  );
}
