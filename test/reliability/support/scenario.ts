import type {
  Scenario,
  ScenarioAddress,
  ScenarioChannel,
  ScenarioOrder,
} from "../../../src/sandbox/contract.js";
import type { Rng } from "./random.js";

/** The four channels of the built-in scenario, one per kind. */
export const CHANNELS: ScenarioChannel[] = [
  { id: "amazon-us", kind: "amazon", store_id: 101, ratio: 50, options: { marketplace_id: "ATVPDKIKX0DER" } },
  { id: "ebay-us", kind: "ebay", store_id: 102, ratio: 30 },
  { id: "mirakl-acme", kind: "mirakl", store_id: 103, ratio: 20 },
  { id: "rithum-main", kind: "rithum", store_id: 104, ratio: 20, options: { profile_id: 10000001 } },
];

const CITIES: Array<[string, string, string]> = [
  ["Springfield", "IL", "62701"],
  ["Portland", "OR", "97201"],
  ["Austin", "TX", "78701"],
  ["Salem", "MA", "01970"],
];
const NAMES = ["Test Buyer", "Zoë Test-Müller", "Test Søren Ærø", "Test Recipient", "Tëst Ñame"];

export interface ScenarioSize {
  orders: number;
  skus: number;
  /** Share of orders the marketplace already cancelled. */
  cancelledShare: number;
}

/** A SKU of the generated catalogue. */
export const skuName = (n: number): string => `REL-${String(n).padStart(3, "0")}`;

/** The marketplace order id of the n-th order, in each kind's own shape. */
function orderId(channel: ScenarioChannel, n: number): string {
  const pad = String(n).padStart(6, "0");
  switch (channel.kind) {
    case "amazon":
      return `112-0000000-${String(n).padStart(7, "0")}`;
    case "ebay":
      return `13-${pad.slice(0, 3)}-${pad.slice(3)}`;
    case "mirakl":
      return `REL-${pad}-A`;
    case "rithum":
      return String(400_000_000 + n);
  }
}

function address(rng: Rng, n: number, channel: ScenarioChannel): ScenarioAddress {
  const [city, state, zip] = rng.pick(CITIES);
  const base = { name: rng.pick(NAMES), street1: `${n} Example Street`, postal_code: zip, phone: "555-0100" };
  if (channel.kind === "mirakl") return { ...base, city: "Köln", postal_code: "50667", country: "DE" };
  return { ...base, city, state, country: "US" };
}

/**
 * A catalogue and a few hundred fake orders spread over the four channels,
 * all ready to ship or already cancelled, created within the last two days
 * so that a first pull finds every one. Stock is large enough that no SKU
 * reaches the low-stock threshold: protection is tested elsewhere and would
 * only add publications that make "nothing twice" harder to state.
 */
export function generateScenario(rng: Rng, size: ScenarioSize): Scenario {
  const now = Date.now();
  const items = Array.from({ length: size.skus }, (_, i) => ({
    sku: skuName(i),
    name: `Reliability Item ${i}`,
    available: rng.int(500, 2000),
    committed: 0,
    rate: `${rng.int(1, 99)}.${String(rng.int(0, 99)).padStart(2, "0")}`,
  }));
  const orders: ScenarioOrder[] = [];
  for (let n = 0; n < size.orders; n++) {
    orders.push(generateOrder(rng, n, size, now));
  }
  return { channels: CHANNELS, items, orders };
}

/**
 * One ready (or cancelled) order; `n` keeps ids unique across calls. Without
 * `createdAt` it is placed at random within the last two days.
 */
export function generateOrder(
  rng: Rng,
  n: number,
  size: ScenarioSize,
  now = Date.now(),
  createdAt?: Date,
): ScenarioOrder {
  const channel = CHANNELS[n % CHANNELS.length] ?? CHANNELS[0];
  if (!channel) throw new Error("no channel");
  const id = orderId(channel, n);
  const created = createdAt ?? new Date(now - rng.int(60, 47 * 60) * 60_000);
  const lineCount = rng.int(1, 3);
  const skus = new Set<string>();
  while (skus.size < lineCount) skus.add(skuName(rng.int(0, size.skus - 1)));
  const cancelled = rng.chance(size.cancelledShare);
  return {
    channel: channel.id,
    order_id: id,
    status: cancelled ? "cancelled" : "unshipped",
    created_at: created.toISOString(),
    ...(cancelled ? { updated_at: new Date(created.getTime() + 30 * 60_000).toISOString() } : {}),
    currency: channel.kind === "mirakl" ? "EUR" : "USD",
    shipping_price: rng.pick(["0.00", "4.99", "7.50"]),
    buyer_email: `buyer-${n}@example.invalid`,
    ship_to: address(rng, n, channel),
    lines: [...skus].map((sku, i) => ({
      ...(channel.kind === "mirakl" ? {} : { line_id: `${id.replace(/\D/g, "")}${i}` }),
      sku,
      title: `Reliability Item ${sku}`,
      quantity: rng.int(1, 4),
      unit_price: `${rng.int(1, 99)}.${String(rng.int(0, 99)).padStart(2, "0")}`,
    })),
  };
}
