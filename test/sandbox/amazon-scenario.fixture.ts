import {
  SANDBOX_CREDENTIALS,
  type Scenario,
  type ScenarioOrder,
  type ScenarioOrderStatus,
} from "../../src/sandbox/contract.js";
import type { channelClient } from "./amazon-rithum-world.fixture.js";

/** The Amazon channel every Amazon test uses. */
export const CHANNEL = {
  id: "amazon-us",
  kind: "amazon" as const,
  store_id: 310001,
  ratio: 100,
  options: { marketplace_id: "ATVPDKIKX0DER" },
};

function order(
  n: number,
  status: ScenarioOrderStatus,
  extra: Partial<ScenarioOrder> = {},
): ScenarioOrder {
  const day = String(n).padStart(2, "0");
  return {
    channel: CHANNEL.id,
    order_id: `111-0000000-00000${day}`,
    status,
    created_at: `2024-05-${day}T08:00:00Z`,
    currency: "USD",
    shipping_price: "4.00",
    buyer_email: `buyer-${day}@example.invalid`,
    ship_to: {
      name: "Test Buyer",
      street1: "1 Example Street",
      city: "Springfield",
      state: "IL",
      postal_code: "62701",
      country: "US",
      phone: "555-0100",
    },
    lines: [
      {
        line_id: `1000000000${day}1`,
        sku: "MUG-BLUE",
        quantity: 1,
        unit_price: "19.99",
      },
    ],
    ...extra,
  };
}

const STATUSES: ScenarioOrderStatus[] = [
  "unshipped",
  "pending",
  "shipped",
  "cancelled",
  "partially_shipped",
  "unshipped",
];

/** Seven orders, one per status plus a two-line order (case B07). */
export function scenario(): Scenario {
  const orders = STATUSES.map((status, i) => order(i + 1, status));
  orders.push(
    order(7, "unshipped", {
      lines: [
        {
          line_id: "10000000000071",
          sku: "MUG-BLUE",
          quantity: 1,
          unit_price: "9.00",
        },
        {
          line_id: "10000000000072",
          sku: "PLATE-RED",
          quantity: 2,
          unit_price: "7.50",
          tax: "1.20",
        },
      ],
    }),
  );
  return {
    channels: [CHANNEL],
    items: [
      { sku: "MUG-BLUE", name: "Blue Mug", available: 10 },
      { sku: "PLATE-RED", name: "Red Plate", available: 4 },
    ],
    orders,
  };
}

/** Fetches an access token through the stand-in's LWA route. */
export async function accessToken(
  call: ReturnType<typeof channelClient>,
): Promise<string> {
  const answer = await call("POST", "/auth/o2/token", {
    form: {
      grant_type: "refresh_token",
      refresh_token: SANDBOX_CREDENTIALS.refreshToken,
      client_id: SANDBOX_CREDENTIALS.clientId,
      client_secret: SANDBOX_CREDENTIALS.clientSecret,
    },
  });
  const body = answer.body as { access_token: string };
  return body.access_token;
}
