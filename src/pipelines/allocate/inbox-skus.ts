/**
 * Zoho webhooks carry a body the seller defines in a workflow rule
 * (api-reference/zoho.md §5), so an event is only a hint naming an item:
 * its `sku` and `item_id`, at the top or under `item`, are all hub reads.
 */

/** What the waiting events name. */
export interface NamedItems {
  skus: Set<string>;
  itemIds: Set<string>;
}

/** The SKUs and item ids named by webhook payloads. */
export function namedItems(payloads: readonly unknown[]): NamedItems {
  const named: NamedItems = { skus: new Set(), itemIds: new Set() };
  for (const payload of payloads) {
    const body = parsed(payload);
    for (const part of [body, record(body?.item)]) {
      if (part === undefined) continue;
      const sku = text(part.sku);
      const itemId = text(part.item_id);
      if (sku !== undefined) named.skus.add(sku);
      if (itemId !== undefined) named.itemIds.add(itemId);
    }
  }
  return named;
}

function parsed(payload: unknown): Record<string, unknown> | undefined {
  if (typeof payload !== "string") return record(payload);
  try {
    return record(JSON.parse(payload));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

// Item ids are 19 digits: a number would have lost its last ones already.
function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
