import { UpstreamError } from "../../errors.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import { patchListingsAnswer } from "./schemas.js";
import type { PatchListingsAnswer } from "./schemas.js";
import type { SpApi } from "./sp-api.js";

/**
 * amazon.md §4a: the real product type is wanted, but a patch that only
 * touches fulfillment_availability is accepted with the generic one; a
 * channel may name its own with `channels.<id>.product_type`.
 */
export const GENERIC_PRODUCT_TYPE = "PRODUCT";

const AVAILABILITY = "/attributes/fulfillment_availability";

/**
 * The patch that sets the seller-fulfilled ("DEFAULT") quantity. `merge`
 * leaves other fulfilment channel codes (FBA) as they are (amazon.md §4a).
 */
export function quantityPatch(quantity: number): Record<string, unknown> {
  return {
    op: "merge",
    path: AVAILABILITY,
    value: [{ fulfillment_channel_code: "DEFAULT", quantity }],
  };
}

/** The patchListingsItem body of one quantity. */
export function patchListingsBody(
  productType: string,
  quantity: number,
): Record<string, unknown> {
  return { productType, patches: [quantityPatch(quantity)] };
}

/** One SKU's outcome from a 200 answer: ACCEPTED is asynchronous but taken. */
export function patchOutcome(
  sku: string,
  answer: PatchListingsAnswer,
): QuantityOutcome {
  if (answer.status === "ACCEPTED" || answer.status === "VALID") {
    return { sku, status: "sent" };
  }
  const issues = (answer.issues ?? [])
    .filter((i) => i.severity !== "WARNING")
    .map((i) => [i.code, i.message].filter(Boolean).join(" "))
    .join("; ");
  return {
    sku,
    status: "refused",
    error: `Amazon answered ${answer.status}${issues ? `: ${issues}` : ""}`,
  };
}

/** A failed call as one SKU's outcome: 4xx refuse, the rest may retry. */
export function failureOutcome(sku: string, error: unknown): QuantityOutcome {
  if (!(error instanceof UpstreamError)) throw error;
  const status = error.details.status;
  if (status === 404) {
    return {
      sku,
      status: "refused",
      error: `SKU ${sku} is not listed on this Amazon account (${error.message})`,
    };
  }
  if (status === 400) return { sku, status: "refused", error: error.message };
  return {
    sku,
    status: "failed",
    error: error.message,
    retryable: error.details.retryable,
  };
}

/** patchListingsItem for one SKU's absolute seller-fulfilled quantity. */
export async function patchQuantity(
  api: SpApi,
  target: { sellerId: string; marketplaceId: string; productType: string },
  update: QuantityUpdate,
): Promise<QuantityOutcome> {
  const path =
    `/listings/2021-08-01/items/${encodeURIComponent(target.sellerId)}` +
    `/${encodeURIComponent(update.sku)}`;
  try {
    const answer = await api.request({
      operation: "patchListingsItem",
      method: "PATCH",
      path,
      query: { marketplaceIds: target.marketplaceId, includedData: "issues" },
      json: patchListingsBody(target.productType, update.quantity),
      schema: patchListingsAnswer,
    });
    return patchOutcome(update.sku, answer.body);
  } catch (error) {
    return failureOutcome(update.sku, error);
  }
}
