import type { Knex } from "knex";
import pMap from "p-map";
import { forgetProductId, storeProductId, storedProductIds } from "../../storage/repos/product-ids.js";
import { UpstreamError } from "../../errors.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import type { RithumApi } from "./api.js";
import { quantityCenter } from "./distribution-center.js";
import { odataQuery, profileOf } from "./orders.js";
import { productPage } from "./schemas.js";

/**
 * hub publishes absolute quantities: its share of Zoho's *available*
 * figure, already net of Zoho's open orders and of the orders hub pulled
 * since (shadow stock). `UnShipped` would make ChannelAdvisor subtract
 * its own open orders a second time (rithum.md §4 design note), so the
 * update type is `Absolute`.
 */
export const UPDATE_TYPE = "Absolute";

/** rithum.md §5: at most 5 concurrent requests per integration. */
const CONCURRENT_REQUESTS = 5;

/** An OData string literal: a quote inside is doubled (rithum.md §4). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * SKU → ProductID for the life of the connector (one run): UpdateQuantity
 * takes the numeric ProductID, not the SKU (rithum.md §0.2).
 */
export class ProductIds {
  private readonly known = new Map<string, number | null>();

  constructor(
    private readonly api: RithumApi,
    private readonly channel: ChannelConfig,
    private readonly knex?: Knex,
  ) {}

  /**
   * Loads the ProductIDs earlier runs looked up (rithum.md: resolve once
   * and cache), so only SKUs never seen cost a call.
   */
  async preload(skus: readonly string[]): Promise<void> {
    if (!this.knex) return;
    const stored = await storedProductIds(this.knex, this.channel.id, skus.filter((s) => !this.known.has(s)));
    for (const [sku, id] of stored) this.known.set(sku, Number(id));
  }

  /** The ProductID of a SKU, or null when the account has no such product. */
  async of(sku: string): Promise<number | null> {
    const cached = this.known.get(sku);
    if (cached !== undefined) return cached;
    const profile = profileOf(this.channel);
    const filter = `Sku eq ${odataString(sku)}${profile ? ` and ProfileID eq ${Number(profile)}` : ""}`;
    const res = await this.api.request({
      operation: "listProducts",
      path: `v1/Products?${odataQuery({ $filter: filter, $select: "ID,Sku" })}`,
      schema: productPage,
    });
    const id =
      res.body.value.find((p) => p.Sku === sku)?.ID ??
      res.body.value[0]?.ID ??
      null;
    this.known.set(sku, id);
    if (id !== null && this.knex) await storeProductId(this.knex, this.channel.id, sku, String(id));
    return id;
  }

  /** Drops a SKU whose ProductID the API no longer knows. */
  async forget(sku: string): Promise<void> {
    this.known.delete(sku);
    if (this.knex) await forgetProductId(this.knex, this.channel.id, sku);
  }
}

function failure(sku: string, error: unknown): QuantityOutcome {
  if (!(error instanceof UpstreamError)) throw error;
  const status = error.details.status;
  if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
    return { sku, status: "refused", error: error.message };
  }
  return {
    sku,
    status: "failed",
    error: error.message,
    retryable: error.details.retryable,
  };
}

/**
 * UpdateQuantity per SKU in the channel's distribution centre, as many at
 * once as Rithum allows, one outcome per SKU in the order given; one SKU
 * failing never stops the others.
 */
export async function publishRithumQuantities(
  api: RithumApi,
  channel: ChannelConfig,
  products: ProductIds,
  updates: readonly QuantityUpdate[],
): Promise<QuantityOutcome[]> {
  const latest = new Map<string, number>();
  for (const u of updates)
    latest.set(u.sku, Math.max(0, Math.trunc(u.quantity)));
  if (latest.size === 0) return [];
  const center = await quantityCenter(api, channel);
  await products.preload([...latest.keys()]);
  return pMap(
    latest,
    async ([sku, quantity]): Promise<QuantityOutcome> => {
      try {
        return await updateOne(api, products, center, sku, quantity);
      } catch (error) {
        if (error instanceof UpstreamError && error.details.status === 404)
          await products.forget(sku);
        return failure(sku, error);
      }
    },
    { concurrency: CONCURRENT_REQUESTS },
  );
}

async function updateOne(
  api: RithumApi,
  products: ProductIds,
  center: number,
  sku: string,
  quantity: number,
): Promise<QuantityOutcome> {
  const id = await products.of(sku);
  if (id === null) {
    return {
      sku,
      status: "refused",
      error: `Rithum has no product with SKU ${sku}`,
    };
  }
  await api.request({
    operation: "UpdateQuantity",
    method: "POST",
    path: `v1/Products(${id})/UpdateQuantity`,
    json: {
      Value: {
        UpdateType: UPDATE_TYPE,
        Updates: [{ DistributionCenterID: center, Quantity: quantity }],
      },
    },
  });
  return { sku, status: "sent" };
}
