import type { Route, SandboxWorld } from "../contract.js";
import { restRoute } from "./access.js";
import { baseUrl, profileId } from "./channel-options.js";
import { collectionPage } from "./collection.js";
import { DISTRIBUTION_CENTERS } from "./distribution-centers.js";
import { odataError } from "./errors.js";
import {
  readUpdateQuantity,
  reservations,
  resultingQuantity,
} from "./quantity-plan.js";
import type { RithumLedger } from "./state.js";

const PRODUCTS_PAGE_SIZE = 100;

/** Product lookup by SKU and UpdateQuantity per distribution centre. */
export function productRoutes(
  world: SandboxWorld,
  ledger: RithumLedger,
): Route[] {
  // channel → ProductID → DC ID → quantity
  const stock = new Map<string, Map<number, Map<number, number>>>();
  const dcStock = (channelId: string, productId: number) => {
    const byProduct = stock.get(channelId) ?? new Map();
    stock.set(channelId, byProduct);
    const byDc: Map<number, number> = byProduct.get(productId) ?? new Map();
    byProduct.set(productId, byDc);
    return byDc;
  };

  const list = restRoute(world, "GET", "/v1/Products", (req, channel) => {
    const titles = new Map(
      world.scenario.items.map((item) => [item.sku, item.name]),
    );
    const entities = [...ledger.products(channel.id)].map(([sku, id]) => ({
      ID: id,
      ProfileID: profileId(channel),
      Sku: sku,
      Title: titles.get(sku) ?? sku,
    }));
    return collectionPage({
      entitySet: "Products",
      url: `${baseUrl(req.headers.host, channel)}/Products`,
      pageSize: PRODUCTS_PAGE_SIZE,
      entities,
      query: req.query,
    });
  });

  const update = restRoute(
    world,
    "POST",
    "/v1/Products(:id)/UpdateQuantity",
    (req, channel) => {
      const id = Number(req.params.id);
      const sku = [...ledger.products(channel.id)].find(
        ([, productId]) => productId === id,
      )?.[0];
      if (sku === undefined) {
        return odataError(
          404,
          `No Product with ID ${req.params.id} was found.`,
        );
      }
      const read = readUpdateQuantity(req.body);
      if (!read.ok) return odataError(400, read.message);
      const held = reservations(world.orders(channel.id), sku);
      const byDc = dcStock(channel.id, id);
      for (const { dcId, quantity } of read.updates) {
        const current = byDc.get(dcId) ?? 0;
        byDc.set(dcId, resultingQuantity(read.type, quantity, current, held));
      }
      // What buyers can purchase: the seller-managed centres together.
      const total = DISTRIBUTION_CENTERS.filter((dc) => !dc.IsExternallyManaged)
        .map((dc) => byDc.get(dc.ID) ?? 0)
        .reduce((sum, n) => sum + n, 0);
      world.setQuantity(channel.id, sku, total);
      return { status: 204 };
    },
  );

  return [list, update];
}
