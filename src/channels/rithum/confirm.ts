import { UpstreamError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { ConfirmationResult, PackageConfirmation } from "../types.js";
import type { RithumApi } from "./api.js";
import { rithumCarrier, type CarrierClass } from "./carriers.js";
import { configuredCenter, shipFromCenter } from "./distribution-center.js";
import { readOrder } from "./orders.js";
import type { RithumOrder } from "./schemas.js";
import {
  planRithumShip,
  saysAlreadyShipped,
  type ShipPlan,
} from "./ship-plan.js";

interface Deps {
  api: RithumApi;
  channel: ChannelConfig;
  logger: Logger;
}

async function freshOrder(deps: Deps, orderId: string): Promise<RithumOrder> {
  const read = await readOrder(deps.api, orderId);
  if (!read.parsed) {
    throw new UpstreamError(
      `Rithum order ${orderId} could not be read (${read.problem ?? "invalid"})`,
      {
        api: deps.channel.id,
        code: "malformed",
        retryable: true,
      },
    );
  }
  return read.parsed;
}

function settled(plan: ShipPlan, sent: string): ConfirmationResult | undefined {
  if (plan.action === "already_done")
    return { outcome: "already_done", carrierSent: sent };
  if (plan.action === "mismatch") {
    return {
      outcome: "mismatch",
      carrierSent: sent,
      existingTracking: plan.existingTracking,
    };
  }
  return undefined;
}

/** The Ship body (rithum.md §3, examples/rithum/shipOrder.request.json). */
export function shipBody(
  pkg: PackageConfirmation,
  carrier: CarrierClass,
  distributionCenterId: number,
): { Value: Record<string, unknown> } {
  return {
    Value: {
      ShippedDateUtc: new Date(pkg.shipDate).toISOString(),
      TrackingNumber: pkg.trackingNumber,
      SellerFulfillmentID: `hub-ss-${pkg.packageRef}`,
      DistributionCenterID: distributionCenterId,
      DeliveryStatus: "Complete",
      ShippingCarrier: carrier.carrier,
      ShippingClass: carrier.shipClass,
    },
  };
}

/**
 * One package: the order is read first; the Ship call goes out only for
 * the package that completes an order not yet shipped. "Already shipped"
 * answers count as done when our tracking is there.
 */
export async function confirmRithumPackage(
  deps: Deps,
  pkg: PackageConfirmation,
): Promise<ConfirmationResult> {
  const { api, channel, logger } = deps;
  const order = await freshOrder(deps, pkg.orderId);
  const asked = (order.Fulfillments ?? []).find((f) => f.ShippingCarrier);
  const carrier = rithumCarrier(channel, pkg.carrierCode, pkg.serviceCode, {
    carrier: asked?.ShippingCarrier,
    shipClass: asked?.ShippingClass,
  });
  const plan = planRithumShip(order, pkg);
  const done = settled(plan, carrier.carrier);
  if (done) return done;
  if (plan.action === "refuse") {
    throw new UpstreamError(plan.reason, {
      api: channel.id,
      code: "ORDER_NOT_SHIPPABLE",
      retryable: false,
    });
  }
  if (plan.action === "wait") {
    logger.warn(
      `${channel.id} order ${pkg.orderId}: Rithum's Ship call covers the whole order, so package ${pkg.packageRef} (${pkg.trackingNumber}) is not sent on its own; the package that completes the order ships it`,
    );
    return { outcome: "already_done", carrierSent: carrier.carrier };
  }
  const items = new Set(pkg.lines.map((l) => Number(l.lineId)));
  const center = shipFromCenter(
    order.Fulfillments ?? [],
    items,
    configuredCenter(channel) ?? 0,
  );
  try {
    await api.request({
      operation: "Ship",
      method: "POST",
      path: `v1/Orders(${encodeURIComponent(pkg.orderId)})/Ship`,
      json: shipBody(pkg, carrier, center),
    });
  } catch (error) {
    if (!(error instanceof UpstreamError) || error.details.status !== 400)
      throw error;
    if (!saysAlreadyShipped(error.message)) throw error;
    const again = settled(
      planRithumShip(await freshOrder(deps, pkg.orderId), pkg),
      carrier.carrier,
    );
    if (again) return again;
    throw error;
  }
  return { outcome: "pushed", carrierSent: carrier.carrier };
}
