import type { ScenarioOrder } from "../sandbox/contract.js";

/** Calls one control route of a running sandbox. */
export async function control(
  baseUrl: string,
  route: string,
  body: unknown,
): Promise<unknown> {
  const response = await fetch(`${baseUrl}/_sandbox/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`sandbox ${route} answered ${response.status}: ${text}`);
  }
  return text ? (JSON.parse(text) as unknown) : {};
}

interface HeldOrder {
  orderKey: string;
  orderStatus: string;
  items: Array<{ sku: string; quantity: number }>;
}

/** What the demo asked the ShipStation stand-in to do, for the verdict. */
export interface ShippingDone {
  orderKey: string;
  how: "one package" | "two packages" | "partial" | "voided then relabelled";
}

const CARRIERS = ["ups", "usps", "fedex"];
const SERVICES: Record<string, string> = {
  ups: "ups_ground",
  usps: "usps_priority_mail",
  fedex: "fedex_ground",
};

/**
 * Ships what ShipStation holds the way a warehouse would on a busy day: most
 * orders in one package, one in two packages, one only in part, and one
 * whose first label is voided and bought again.
 */
export async function shipEverything(
  baseUrl: string,
  orders: readonly HeldOrder[],
  perPackage: (orderKey: string) => boolean,
): Promise<ShippingDone[]> {
  const done: ShippingDone[] = [];
  const open = orders.filter((o) => o.orderStatus === "awaiting_shipment");
  for (const [index, order] of open.entries()) {
    const carrierCode = CARRIERS[index % CARRIERS.length] ?? "ups";
    const serviceCode = SERVICES[carrierCode];
    const units = order.items.reduce((n, i) => n + i.quantity, 0);
    const first = order.items[0];
    // Split and partial shipments go to marketplaces that confirm package
    // by package; Mirakl and Rithum confirm an order once, when it is whole.
    const packages = perPackage(order.orderKey);
    if (packages && done.every((d) => d.how !== "two packages") && first && units >= 2) {
      const rest = order.items.slice(1);
      const firstHalf = { sku: first.sku, quantity: 1 };
      const secondHalf = [
        ...(first.quantity > 1 ? [{ sku: first.sku, quantity: first.quantity - 1 }] : []),
        ...rest.map((i) => ({ sku: i.sku, quantity: i.quantity })),
      ];
      await control(baseUrl, "shipstation/ship", {
        orderKey: order.orderKey,
        packages: [
          { items: [firstHalf], carrierCode, serviceCode },
          { items: secondHalf, carrierCode, serviceCode },
        ],
      });
      done.push({ orderKey: order.orderKey, how: "two packages" });
      continue;
    }
    if (packages && done.every((d) => d.how !== "partial") && first && order.items.length >= 2) {
      await control(baseUrl, "shipstation/ship", {
        orderKey: order.orderKey,
        packages: [{ items: [{ sku: first.sku, quantity: first.quantity }], carrierCode, serviceCode }],
      });
      done.push({ orderKey: order.orderKey, how: "partial" });
      continue;
    }
    if (done.every((d) => d.how !== "voided then relabelled")) {
      const made = (await control(baseUrl, "shipstation/ship", {
        orderKey: order.orderKey,
        packages: [{ carrierCode, serviceCode }],
      })) as { shipments?: Array<{ shipmentId: number }> };
      const shipmentId = made.shipments?.[0]?.shipmentId;
      if (shipmentId !== undefined) {
        await control(baseUrl, "shipstation/void", { shipmentId });
        await control(baseUrl, "shipstation/ship", {
          orderKey: order.orderKey,
          packages: [{ carrierCode: "ups", serviceCode: "ups_ground" }],
        });
        done.push({ orderKey: order.orderKey, how: "voided then relabelled" });
        continue;
      }
    }
    await control(baseUrl, "shipstation/ship", {
      orderKey: order.orderKey,
      packages: [{ carrierCode, serviceCode }],
    });
    done.push({ orderKey: order.orderKey, how: "one package" });
  }
  return done;
}

/** New marketplace orders for one SKU, enough to take it to its last units. */
export function ordersDrainingSku(
  sku: string,
  unitPrice: string,
  unitsToSell: number,
  channels: readonly string[],
  now: Date,
): ScenarioOrder[] {
  const orders: ScenarioOrder[] = [];
  let left = unitsToSell;
  for (const [index, channel] of channels.entries()) {
    if (left <= 0) break;
    const quantity = index === channels.length - 1 ? left : Math.ceil(left / 2);
    left -= quantity;
    orders.push({
      channel,
      order_id: `DEMO-${sku}-${index + 1}`,
      status: "unshipped",
      created_at: new Date(now.getTime() - 60_000).toISOString(),
      currency: "USD",
      lines: [{ sku, quantity, unit_price: unitPrice, title: `Demo order for ${sku}` }],
      ship_to: {
        name: "Demo Buyer",
        street1: "1 Example Street",
        city: "Springfield",
        state: "IL",
        postal_code: "62701",
        country: "US",
        phone: "555-0100",
      },
    });
  }
  return orders;
}
