import { UpstreamError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { ConfirmationResult, PackageConfirmation } from "../types.js";
import type { MiraklApi } from "./api.js";
import { carrierSent, miraklTracking } from "./carriers.js";
import type { OrderLookup } from "./order-lookup.js";
import { planMiraklShipment } from "./shipment-plan.js";

interface Seen {
  state: string;
  tracking: string | null | undefined;
}

function notSent(
  channel: string,
  message: string,
  retryable: boolean,
): UpstreamError {
  return new UpstreamError(message, {
    api: channel,
    code: retryable ? "ORDER_NOT_SHIPPABLE_YET" : "ORDER_NOT_SHIPPABLE",
    retryable,
  });
}

/** A Mirakl 400 on OR23/OR24, logged with the order state (case B26). */
function refusedIn(
  state: string,
  call: string,
  orderId: string,
  error: unknown,
): unknown {
  if (!(error instanceof UpstreamError) || error.details.status !== 400)
    return error;
  return new UpstreamError(
    `Mirakl refused ${call} for order ${orderId} (order state ${state}): ${error.message}`,
    { ...error.details, retryable: false },
    { cause: error },
  );
}

/**
 * OR23 then OR24 for one package, from the order's state read first
 * (case B26): nothing is sent to an order that cannot take it.
 */
export async function confirmMiraklPackage(
  deps: {
    api: MiraklApi;
    lookup: OrderLookup;
    channel: ChannelConfig;
    logger: Logger;
  },
  pkg: PackageConfirmation,
): Promise<ConfirmationResult> {
  const { api, channel, logger } = deps;
  const current = await readState(deps, pkg.orderId);
  const body = miraklTracking(channel, pkg.carrierCode, pkg.trackingNumber);
  const sent = carrierSent(body);
  const plan = planMiraklShipment(current.state, current.tracking, pkg);
  switch (plan.action) {
    case "already_done":
      return { outcome: "already_done", carrierSent: sent };
    case "mismatch":
      return {
        outcome: "mismatch",
        carrierSent: sent,
        existingTracking: plan.existingTracking,
      };
    case "defer":
      throw notSent(channel.id, plan.reason, true);
    case "refuse":
      throw notSent(channel.id, plan.reason, false);
    case "send":
      break;
  }
  const path = `api/orders/${encodeURIComponent(pkg.orderId)}`;
  if (current.tracking && current.tracking !== pkg.trackingNumber) {
    logger.warn(
      `${channel.id} order ${pkg.orderId}: Mirakl keeps one tracking per order; ${current.tracking} is replaced by ${pkg.trackingNumber}`,
    );
  }
  try {
    await api.request({
      operation: "OR23",
      method: "PUT",
      path: `${path}/tracking`,
      json: body,
    });
  } catch (error) {
    throw refusedIn(current.state, "the tracking (OR23)", pkg.orderId, error);
  }
  if (!plan.ship) return { outcome: "pushed", carrierSent: sent };
  try {
    await api.request({
      operation: "OR24",
      method: "PUT",
      path: `${path}/ship`,
    });
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.details.status !== 400)
      throw error;
    // OR24 answers a bare 400 once the order left SHIPPING (mirakl.md §5),
    // e.g. when an earlier attempt did ship it: read again and compare.
    const after = await readState(deps, pkg.orderId);
    const again = planMiraklShipment(after.state, after.tracking, pkg);
    if (again.action === "already_done")
      return { outcome: "already_done", carrierSent: sent };
    if (again.action === "mismatch") {
      return {
        outcome: "mismatch",
        carrierSent: sent,
        existingTracking: again.existingTracking,
      };
    }
    throw refusedIn(after.state, "the shipment (OR24)", pkg.orderId, error);
  }
  return { outcome: "pushed", carrierSent: sent };
}

async function readState(
  deps: { lookup: OrderLookup; channel: ChannelConfig },
  orderId: string,
): Promise<Seen> {
  const read = await deps.lookup.get(orderId);
  if (!read) {
    throw new UpstreamError(
      `Mirakl has no order ${orderId} on channel ${deps.channel.id}`,
      {
        api: deps.channel.id,
        status: 404,
        retryable: false,
      },
    );
  }
  const raw = read.raw as {
    order_state?: unknown;
    shipping_tracking?: unknown;
  };
  return {
    state: read.parsed?.order_state ?? String(raw.order_state ?? ""),
    tracking:
      read.parsed?.shipping_tracking ??
      (typeof raw.shipping_tracking === "string"
        ? raw.shipping_tracking
        : null),
  };
}
