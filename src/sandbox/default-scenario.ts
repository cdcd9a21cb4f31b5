import type {
  Scenario,
  ScenarioAddress,
  ScenarioItem,
  ScenarioOrder,
} from "./contract.js";

/**
 * Order dates are relative to when the sandbox starts (whole hours), so a
 * first import with any look-back of four days or more finds every order.
 */
const BASE = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const hoursAgo = (h: number): string =>
  new Date(BASE - h * 3_600_000).toISOString();

/** [sku, name, available, committed, rate] */
const CATALOGUE: Array<[string, string, number, number, string]> = [
  ["MUG-BLUE", "Stoneware Mug, Blue", 48, 2, "12.50"],
  ["MUG-RED", "Stoneware Mug, Red", 35, 0, "12.50"],
  ["MUG-GREEN", "Stoneware Mug, Green", 0, 0, "12.50"],
  ["PLATE-RED", "Dinner Plate, Red", 60, 4, "9.99"],
  ["PLATE-WHITE", "Dinner Plate, White", 120, 0, "9.99"],
  ["BOWL-SMALL", "Cereal Bowl, Small", 3, 1, "7.25"],
  ["BOWL-LARGE", "Serving Bowl, Large", 14, 0, "24.00"],
  ["LAMP-01", "Desk Lamp, Brass", 2, 0, "49.90"],
  ["LAMP-02", "Floor Lamp, Black", 0, 0, "129.00"],
  ["TOWEL-BATH", "Bath Towel, Cotton", 75, 5, "15.00"],
  ["TOWEL-HAND", "Hand Towel, Cotton", 90, 0, "8.00"],
  ["CANDLE-VAN", "Candle, Vanilla", 1, 0, "6.50"],
  ["CANDLE-PINE", "Candle, Pine", -2, 2, "6.50"],
  ["VASE-GLASS", "Glass Vase, Tall", 18, 0, "32.00"],
  ["FRAME-A4", "Picture Frame, A4", 40, 0, "11.00"],
  ["FRAME-A3", "Picture Frame, A3", 0, 0, "16.00"],
  ["CLOCK-WALL", "Wall Clock, Oak", 9, 0, "45.00"],
  ["RUG-SMALL", "Woven Rug, 60x90", 6, 0, "39.00"],
  ["RUG-LARGE", "Woven Rug, 160x230", 4, 1, "189.00"],
  ["PILLOW-GREY", "Cushion Cover, Grey", 55, 0, "14.00"],
  ["PILLOW-MUST", "Cushion Cover, Mustard", 22, 0, "14.00"],
  ["BASKET-M", "Storage Basket, Medium", 30, 0, "21.00"],
  ["TRAY-TEAK", "Serving Tray, Teak", 12, 0, "27.50"],
  ["KNIFE-SET", "Knife Set, 5 pieces", 0, 0, "79.00"],
  ["BOARD-OAK", "Chopping Board, Oak", 25, 0, "29.00"],
  ["JAR-SET", "Storage Jar Set", 16, 0, "34.00"],
  ["GLASS-6", "Tumbler Glasses, 6 pack", 44, 3, "19.00"],
  ["CUP-ESP", "Espresso Cup Pair", 70, 0, "13.00"],
  ["APRON-LIN", "Linen Apron", 11, 0, "23.00"],
  ["MAT-BATH", "Bath Mat, Waffle", 8, 0, "18.00"],
];

const items: ScenarioItem[] = CATALOGUE.map(
  ([sku, name, available, committed, rate]) => ({
    sku,
    name,
    available,
    committed,
    rate,
  }),
);

function usAddress(
  name: string,
  n: number,
  city: string,
  state: string,
  zip: string,
): ScenarioAddress {
  return {
    name,
    street1: `${n} Example Street`,
    city,
    state,
    postal_code: zip,
    country: "US",
    phone: `555-01${String(n).padStart(2, "0")}`,
  };
}

const title = (sku: string): string =>
  CATALOGUE.find((c) => c[0] === sku)?.[1] ?? sku;
const price = (sku: string): string =>
  CATALOGUE.find((c) => c[0] === sku)?.[4] ?? "10.00";

function line(sku: string, quantity: number, lineId?: string) {
  return {
    ...(lineId ? { line_id: lineId } : {}),
    sku,
    title: title(sku),
    quantity,
    unit_price: price(sku),
    tax: "0.00",
  };
}

const amazon: ScenarioOrder[] = [
  {
    channel: "amazon-us",
    order_id: "111-0000000-0000101",
    status: "unshipped",
    created_at: hoursAgo(50),
    currency: "USD",
    shipping_price: "5.99",
    buyer_email: "buyer-0101@example.invalid",
    ship_to: usAddress("Zoë Test-Müller", 1, "Springfield", "IL", "62701"),
    lines: [
      line("MUG-BLUE", 2, "10000000000101"),
      line("PLATE-RED", 1, "10000000000102"),
    ],
  },
  {
    // Payment not cleared: Amazon gives no address yet (case B13).
    channel: "amazon-us",
    order_id: "111-0000000-0000102",
    status: "pending",
    created_at: hoursAgo(30),
    currency: "USD",
    lines: [line("LAMP-01", 1, "10000000000103")],
  },
  {
    channel: "amazon-us",
    order_id: "111-0000000-0000103",
    status: "unshipped",
    created_at: hoursAgo(20),
    currency: "USD",
    shipping_price: "0.00",
    buyer_email: "buyer-0103@example.invalid",
    ship_to: usAddress("Test Buyer", 3, "Shelbyville", "IL", "62565"),
    lines: [line("TOWEL-BATH", 3, "10000000000104")],
  },
  {
    channel: "amazon-us",
    order_id: "111-0000000-0000104",
    status: "cancelled",
    created_at: hoursAgo(60),
    updated_at: hoursAgo(40),
    currency: "USD",
    buyer_email: "buyer-0104@example.invalid",
    ship_to: usAddress("Test Recipient", 4, "Capital City", "IL", "62702"),
    lines: [line("VASE-GLASS", 1, "10000000000105")],
  },
];

const ebay: ScenarioOrder[] = [
  {
    channel: "ebay-us",
    order_id: "12-00001-00001",
    status: "unshipped",
    created_at: hoursAgo(45),
    currency: "USD",
    shipping_price: "4.50",
    buyer_email: "buyer-0201@example.invalid",
    ship_to: usAddress("Test Søren Ærø", 11, "Portland", "OR", "97201"),
    lines: [
      line("CANDLE-VAN", 2, "110000000001"),
      line("FRAME-A4", 1, "110000000002"),
    ],
  },
  {
    channel: "ebay-us",
    order_id: "12-00001-00002",
    status: "unshipped",
    created_at: hoursAgo(26),
    currency: "USD",
    shipping_price: "0.00",
    buyer_email: "buyer-0202@example.invalid",
    ship_to: usAddress("Test Buyer Two", 12, "Eugene", "OR", "97401"),
    lines: [line("GLASS-6", 2, "110000000003")],
  },
  {
    // The buyer asked to cancel; getOrders does not show it (case B24).
    channel: "ebay-us",
    order_id: "12-00001-00003",
    status: "unshipped",
    created_at: hoursAgo(10),
    currency: "USD",
    buyer_email: "buyer-0203@example.invalid",
    ship_to: usAddress("Test Buyer Three", 13, "Salem", "OR", "97301"),
    lines: [line("CLOCK-WALL", 1, "110000000004")],
    cancel_requested: true,
  },
];

const mirakl: ScenarioOrder[] = [
  {
    channel: "mirakl-acme",
    order_id: "MKP-000101-A",
    status: "awaiting_acceptance",
    created_at: hoursAgo(6),
    currency: "EUR",
    shipping_price: "4.90",
    buyer_email: "buyer-0301@example.invalid",
    ship_to: {
      name: "Zoë Test-Müller",
      street1: "5 Beispielstraße",
      city: "Köln",
      postal_code: "50667",
      country: "DE",
      phone: "555-0131",
    },
    lines: [line("BOWL-SMALL", 1), line("CUP-ESP", 2)],
  },
  {
    channel: "mirakl-acme",
    order_id: "MKP-000102-A",
    status: "unshipped",
    created_at: hoursAgo(36),
    currency: "EUR",
    shipping_price: "0.00",
    buyer_email: "buyer-0302@example.invalid",
    ship_to: {
      name: "Test Søren Ærø",
      street1: "7 Eksempelvej",
      city: "Århus",
      postal_code: "8000",
      country: "DK",
      phone: "555-0132",
    },
    lines: [line("RUG-SMALL", 1), line("PILLOW-GREY", 4)],
  },
  {
    channel: "mirakl-acme",
    order_id: "MKP-000103-A",
    status: "cancelled",
    created_at: hoursAgo(70),
    updated_at: hoursAgo(65),
    currency: "EUR",
    buyer_email: "buyer-0303@example.invalid",
    ship_to: {
      name: "Test Recipient",
      street1: "9 Rue Exemple",
      city: "Lyon",
      postal_code: "69001",
      country: "FR",
      phone: "555-0133",
    },
    lines: [line("BASKET-M", 2)],
  },
];

const rithum: ScenarioOrder[] = [
  {
    channel: "rithum-main",
    order_id: "300000101",
    status: "unshipped",
    created_at: hoursAgo(40),
    currency: "USD",
    shipping_price: "7.00",
    buyer_email: "buyer-0401@example.invalid",
    ship_to: usAddress("Test Buyer Four", 21, "Austin", "TX", "78701"),
    lines: [
      line("TRAY-TEAK", 1, "4000000101"),
      line("BOARD-OAK", 2, "4000000102"),
    ],
  },
  {
    channel: "rithum-main",
    order_id: "300000102",
    status: "unshipped",
    created_at: hoursAgo(15),
    currency: "USD",
    shipping_price: "0.00",
    buyer_email: "buyer-0402@example.invalid",
    ship_to: usAddress("Zoë Test-Müller", 22, "Dallas", "TX", "75201"),
    lines: [line("JAR-SET", 4, "4000000103")],
  },
  {
    channel: "rithum-main",
    order_id: "300000103",
    status: "cancelled",
    created_at: hoursAgo(55),
    updated_at: hoursAgo(30),
    currency: "USD",
    buyer_email: "buyer-0403@example.invalid",
    ship_to: usAddress("Test Recipient Five", 23, "Houston", "TX", "77001"),
    lines: [line("APRON-LIN", 1, "4000000104")],
  },
];

/** The built-in scenario of `hub sandbox` and `hub demo`. */
export const defaultScenario: Scenario = {
  channels: [
    {
      id: "amazon-us",
      kind: "amazon",
      store_id: 101,
      ratio: 50,
      options: { marketplace_id: "ATVPDKIKX0DER" },
    },
    { id: "ebay-us", kind: "ebay", store_id: 102, ratio: 30 },
    { id: "mirakl-acme", kind: "mirakl", store_id: 103, ratio: 20 },
    {
      id: "rithum-main",
      kind: "rithum",
      store_id: 104,
      ratio: 20,
      options: { profile_id: 10000001 },
    },
  ],
  items,
  orders: [...amazon, ...ebay, ...mirakl, ...rithum],
};
