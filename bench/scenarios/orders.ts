import type {
  ChannelKind,
  Scenario,
  ScenarioItem,
  ScenarioOrder,
} from "../../src/sandbox/contract.js";
import { BENCH_CHANNELS } from "./channels.js";

const HOUR_MS = 3_600_000;
/** Orders are spread over the two days before the run. */
const SPREAD_HOURS = 48;

function orderId(kind: string, n: number): string {
  const seq = String(n).padStart(7, "0");
  switch (kind) {
    case "amazon":
      return `111-${seq}-0000001`;
    case "ebay":
      return `12-${seq.slice(0, 5)}-${seq.slice(2)}`;
    case "mirakl":
      return `MKP-${seq}-A`;
    default:
      return String(300_000_000 + n);
  }
}

/** The SKU pool, each with ample stock so that no SKU goes low. */
export function poolItems(size: number): ScenarioItem[] {
  return Array.from({ length: size }, (_, i) => ({
    sku: `BENCH-${String(i).padStart(5, "0")}`,
    name: `Bench Item ${i}`,
    available: 1_000_000,
    rate: "10.00",
  }));
}

/**
 * Ready-to-ship orders, `split` of them per channel kind, one or two lines
 * each, with fake US addresses.
 */
export function ordersScenario(
  split: Readonly<Record<ChannelKind, number>>,
  skuPool: number,
): Scenario {
  const items = poolItems(skuPool);
  const now = Date.now();
  const orders: ScenarioOrder[] = [];
  BENCH_CHANNELS.forEach((channel, c) => {
    for (let n = 0; n < split[channel.kind]; n += 1) {
      const age = HOUR_MS + ((n * 7 + c) % (SPREAD_HOURS * 60)) * 60_000;
      const first = items[(n * 13 + c) % skuPool];
      const second = items[(n * 29 + c + 1) % skuPool];
      if (first === undefined || second === undefined) continue;
      const lines = [{ sku: first.sku, quantity: 1 + (n % 3), unit_price: "10.00" }];
      if (n % 2 === 0 && second.sku !== first.sku) {
        lines.push({ sku: second.sku, quantity: 1, unit_price: "10.00" });
      }
      orders.push({
        channel: channel.id,
        order_id: orderId(channel.kind, n + 1),
        status: "unshipped",
        created_at: new Date(now - age).toISOString(),
        currency: "USD",
        shipping_price: "4.99",
        buyer_email: `buyer-${n}@example.invalid`,
        ship_to: {
          name: "Test Buyer",
          street1: `${(n % 900) + 1} Example Street`,
          city: "Springfield",
          state: "IL",
          postal_code: "62701",
          country: "US",
          phone: "555-0100",
        },
        lines,
      });
    }
  });
  return { channels: BENCH_CHANNELS, items, orders };
}
