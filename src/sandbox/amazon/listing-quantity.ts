import type { ParseResult } from "./search-query.js";

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The seller-fulfilled quantity in a `fulfillment_availability` value list.
 * Only the `DEFAULT` channel code is the merchant's own stock; `AMAZON_*`
 * codes are FBA and not the seller's to set (amazon.md §4a).
 */
export function defaultQuantity(
  value: unknown,
): ParseResult<number | undefined> {
  if (!Array.isArray(value)) {
    return {
      ok: false,
      message: "fulfillment_availability must be a list.",
    };
  }
  let quantity: number | undefined;
  for (const entry of value) {
    if (!isFields(entry) || entry.fulfillment_channel_code !== "DEFAULT") {
      continue;
    }
    const q = entry.quantity;
    if (typeof q !== "number" || !Number.isInteger(q) || q < 0) {
      return {
        ok: false,
        message: "quantity must be a whole number of zero or more.",
      };
    }
    quantity = q;
  }
  return { ok: true, value: quantity };
}

const AVAILABILITY_PATH = "/attributes/fulfillment_availability";

/**
 * Reads the DEFAULT quantity out of JSON-patch style `patches`; undefined if
 * none of them touches fulfillment availability.
 */
export function quantityFromPatches(
  patches: unknown,
): ParseResult<number | undefined> {
  if (!Array.isArray(patches) || patches.length === 0) {
    return { ok: false, message: "patches must be a non-empty list." };
  }
  let quantity: number | undefined;
  for (const patch of patches) {
    if (!isFields(patch) || typeof patch.path !== "string") {
      return { ok: false, message: "Each patch needs op and path." };
    }
    if (
      patch.op !== "replace" &&
      patch.op !== "merge" &&
      patch.op !== "delete"
    ) {
      return {
        ok: false,
        message: `Unsupported patch op ${String(patch.op)}.`,
      };
    }
    if (patch.path !== AVAILABILITY_PATH || patch.op === "delete") continue;
    const found = defaultQuantity(patch.value);
    if (!found.ok) return found;
    if (found.value !== undefined) quantity = found.value;
  }
  return { ok: true, value: quantity };
}
