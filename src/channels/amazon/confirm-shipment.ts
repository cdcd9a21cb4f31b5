import { BugError, UpstreamError } from "../../errors.js";
import type { ConfirmationResult, PackageConfirmation } from "../types.js";
import type { AmazonCarrier } from "./carriers.js";
import { carrierLabel } from "./carriers.js";
import { hasStatus } from "./errors.js";
import type { SearchOrder } from "./schemas.js";
import { getOrder } from "./search-orders.js";
import type { SpApi } from "./sp-api.js";

const EXPLICIT_OFFSET = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * The ship date exactly as given, provided it names its offset: a naive
 * time would be read by Amazon in a zone nobody chose (case B03).
 */
export function shipDateWithOffset(shipDate: string): string {
  if (!EXPLICIT_OFFSET.test(shipDate) || Number.isNaN(Date.parse(shipDate))) {
    throw new BugError(
      `ship date "${shipDate}" has no explicit offset; confirmShipment needs an ISO 8601 time with Z or ±hh:mm`,
    );
  }
  return shipDate;
}

/** The confirmShipment body of one package (amazon.md §3a). */
export function confirmShipmentBody(
  pkg: PackageConfirmation,
  marketplaceId: string,
  carrier: AmazonCarrier,
): Record<string, unknown> {
  const packageDetail: Record<string, unknown> = {
    packageReferenceId: String(pkg.packageRef),
    carrierCode: carrier.carrierCode,
    ...(carrier.carrierName !== undefined && {
      carrierName: carrier.carrierName,
    }),
    ...(pkg.serviceCode && { shippingMethod: pkg.serviceCode }),
    trackingNumber: pkg.trackingNumber,
    shipDate: shipDateWithOffset(pkg.shipDate),
    orderItems: pkg.lines.map((line) => ({
      orderItemId: line.lineId,
      quantity: line.quantity,
    })),
  };
  return { marketplaceId, packageDetail };
}

/** What Amazon's record of the order says about a refused package. */
export type RefusalVerdict =
  | { kind: "already_done" }
  | { kind: "mismatch"; existingTracking: string }
  | { kind: "cancelled" }
  | { kind: "unexplained" };

/**
 * Explains a 400 to confirmShipment from the order's packages. Amazon gives
 * the same bare "Invalid Input" for a repeated package as for bad input
 * (amazon.md §3a, §6), so the order itself is asked: the package (or its
 * tracking) already there is done; the lines shipped under another
 * tracking is a mismatch for a human (case B18).
 */
export function judgeRefusal(
  pkg: PackageConfirmation,
  order: SearchOrder | undefined,
): RefusalVerdict {
  if (order === undefined) return { kind: "unexplained" };
  const packages = order.packages ?? [];
  const same = packages.find(
    (p) => p.packageReferenceId === String(pkg.packageRef),
  );
  if (same !== undefined) {
    return same.trackingNumber === pkg.trackingNumber
      ? { kind: "already_done" }
      : { kind: "mismatch", existingTracking: same.trackingNumber ?? "" };
  }
  if (packages.some((p) => p.trackingNumber === pkg.trackingNumber)) {
    return { kind: "already_done" };
  }
  const status = order.fulfillment.fulfillmentStatus;
  if (status === "CANCELLED") return { kind: "cancelled" };
  const ours = new Set(pkg.lines.map((l) => l.lineId));
  const elsewhere = packages.filter((p) =>
    (p.packageItems ?? []).some((i) => ours.has(i.orderItemId)),
  );
  if (status === "SHIPPED" || overShipped(pkg, order)) {
    return {
      kind: "mismatch",
      existingTracking: elsewhere.map((p) => p.trackingNumber ?? "").join(", "),
    };
  }
  return { kind: "unexplained" };
}

/** True when some line has fewer units left than this package ships. */
function overShipped(pkg: PackageConfirmation, order: SearchOrder): boolean {
  const shipped = new Map<string, number>();
  for (const p of order.packages ?? []) {
    for (const item of p.packageItems ?? []) {
      shipped.set(
        item.orderItemId,
        (shipped.get(item.orderItemId) ?? 0) + item.quantity,
      );
    }
  }
  return pkg.lines.some((line) => {
    const ordered = order.orderItems.find((i) => i.orderItemId === line.lineId);
    if (ordered === undefined) return false;
    const left = ordered.quantityOrdered - (shipped.get(line.lineId) ?? 0);
    return line.quantity > left;
  });
}

/**
 * confirmShipment for one package. Not repeated within the run once sent
 * (re-confirming is not documented as idempotent, amazon.md §6); a later
 * run may send it again because a repeat is recognised by judgeRefusal.
 */
export async function confirmShipment(
  api: SpApi,
  marketplaceId: string,
  pkg: PackageConfirmation,
  carrier: AmazonCarrier,
): Promise<ConfirmationResult> {
  const carrierSent = carrierLabel(carrier);
  const body = confirmShipmentBody(pkg, marketplaceId, carrier);
  try {
    await api.request({
      operation: "confirmShipment",
      method: "POST",
      path: `/orders/v0/orders/${encodeURIComponent(pkg.orderId)}/shipmentConfirmation`,
      json: body,
      idempotent: false,
      responseType: "text",
    });
    return { outcome: "pushed", carrierSent };
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    if (!hasStatus(error, 400)) throw laterRetryable(error);
    const order = await getOrder(api, pkg.orderId, ["FULFILLMENT", "PACKAGES"]);
    const verdict = judgeRefusal(pkg, order);
    switch (verdict.kind) {
      case "already_done":
        return { outcome: "already_done", carrierSent };
      case "mismatch":
        return {
          outcome: "mismatch",
          carrierSent,
          existingTracking: verdict.existingTracking,
        };
      case "cancelled":
        throw new UpstreamError(
          `Amazon order ${pkg.orderId} is cancelled; tracking ${pkg.trackingNumber} cannot be confirmed (check whether the parcel can be stopped)`,
          { ...error.details, retryable: false },
          { cause: error },
        );
      case "unexplained":
        throw error;
    }
  }
}

/**
 * A server error or lost answer may hide a confirmation Amazon did record;
 * sending it again on a later run is safe because judgeRefusal recognises
 * the repeat, so such failures stay retryable for the pipeline.
 */
function laterRetryable(error: UpstreamError): UpstreamError {
  const status = error.details.status;
  if (status !== undefined && status < 500 && status !== 429) return error;
  if (error.details.retryable) return error;
  return new UpstreamError(
    error.message,
    { ...error.details, retryable: true },
    { cause: error },
  );
}
