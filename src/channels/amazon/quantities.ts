import type { HttpContext } from "../../http/http-context.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import { publishByFeed } from "./listings-feed.js";
import { patchQuantity } from "./listings.js";
import type { SpApi } from "./sp-api.js";

/**
 * Patch or feed by volume. patchListingsItem runs at 5 requests a second
 * and answers per SKU at once, so up to a few hundred SKUs (about a minute)
 * it is the better path. Beyond that one JSON_LISTINGS_FEED carries them all
 * in three calls, within createFeed's 1-per-2-minutes rate, at the price of
 * minutes of asynchronous processing (amazon.md §4a, §4b).
 */
export const FEED_THRESHOLD = 300;

// Five in flight: the throttle keeps them at the documented 5 per second.
const PATCH_CONCURRENCY = 5;

/** Where one channel's quantities go. */
export interface ListingTarget {
  channelId: string;
  sellerId: string;
  marketplaceId: string;
  productType: string;
}

/** Quantities that must not be sent at all, refused before any call. */
export function refuseInvalid(
  update: QuantityUpdate,
): QuantityOutcome | undefined {
  if (Number.isInteger(update.quantity) && update.quantity >= 0)
    return undefined;
  return {
    sku: update.sku,
    status: "refused",
    error: `quantity ${update.quantity} is not a whole number of zero or more; nothing was sent`,
  };
}

async function publishByPatch(
  api: SpApi,
  target: ListingTarget,
  updates: readonly QuantityUpdate[],
): Promise<QuantityOutcome[]> {
  const outcomes: QuantityOutcome[] = new Array<QuantityOutcome>(
    updates.length,
  );
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < updates.length) {
      const index = next++;
      const update = updates[index];
      if (update === undefined) continue;
      outcomes[index] = await patchQuantity(api, target, update);
    }
  };
  const workers = Math.min(PATCH_CONCURRENCY, updates.length);
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}

/** Publishes absolute quantities: one outcome per SKU, in input order. */
export async function publishQuantities(
  api: SpApi,
  http: HttpContext,
  target: ListingTarget,
  updates: readonly QuantityUpdate[],
  feedThreshold = FEED_THRESHOLD,
): Promise<QuantityOutcome[]> {
  const refused = new Map<string, QuantityOutcome>();
  const valid: QuantityUpdate[] = [];
  for (const update of updates) {
    const refusal = refuseInvalid(update);
    if (refusal) refused.set(update.sku, refusal);
    else valid.push(update);
  }
  const sent =
    valid.length === 0
      ? []
      : valid.length > feedThreshold
        ? await publishByFeed(api, http, target, valid)
        : await publishByPatch(api, target, valid);
  const bySku = new Map(sent.map((o) => [o.sku, o]));
  return updates.map(
    (u) =>
      refused.get(u.sku) ??
      bySku.get(u.sku) ?? {
        sku: u.sku,
        status: "failed",
        error: "no outcome",
        retryable: true,
      },
  );
}
