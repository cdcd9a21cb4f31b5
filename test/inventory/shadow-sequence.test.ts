import { describe, expect, it } from "vitest";
import {
  decideProtection,
  type LowStockAlert,
} from "../../src/inventory/protection.js";
import {
  planPublications,
  selectForRebalance,
  shownNow,
  skuTargets,
  unitsSoldSince,
  type ChannelSale,
} from "../../src/inventory/publication-plan.js";
import { allocateSku } from "../../src/inventory/quantity-rule.js";
import { isLowStock, sellableUnits } from "../../src/inventory/rule-steps.js";
import {
  deductionKey,
  newDeductions,
  openDeductions,
  shadowAvailable,
  type Deduction,
  type PulledLine,
} from "../../src/inventory/shadow-stock.js";

// INVENTORY.md, shadow stock worked examples S1–S6: ratios 50/30/20,
// safety stock 1, threshold 1, mode until_shipped.
const SKU = "LAMP-01";
const CHANNELS = [
  { id: "amazon-us", ratio: 50 },
  { id: "ebay-us", ratio: 30 },
  { id: "mirakl-acme", ratio: 20 },
];
const RULES = { maxOversellPct: 150, minPublishQty: 0 };
const SAFETY_STOCK = 1;
const THRESHOLD = 1;

/** Everything hub and the marketplaces know, for one SKU. */
interface World {
  minute: number;
  snapshot: { available: number; takenAt: Date };
  ledger: Deduction[];
  sales: ChannelSale[];
  published: Map<string, { quantity: number; at: Date }>;
  lastPublishedAt: Date | null;
  lastMovementAt: Date | null;
  alertState: string | null;
  alerts: LowStockAlert[];
  deductedInPull: boolean;
  sent: Map<string, number>;
}

function tick(world: World): Date {
  world.minute += 1;
  return new Date(Date.UTC(2030, 0, 1, 0, world.minute));
}

function newWorld(): World {
  const start = new Date(Date.UTC(2030, 0, 1));
  // The listings exist and show 0 before hub first publishes.
  const published = new Map(
    CHANNELS.map((c) => [c.id, { quantity: 0, at: start }]),
  );
  return {
    minute: 0,
    snapshot: { available: 0, takenAt: start },
    ledger: [],
    sales: [],
    published,
    lastPublishedAt: null,
    lastMovementAt: null,
    alertState: null,
    alerts: [],
    deductedInPull: false,
    sent: new Map(),
  };
}

function shadowOf(world: World, now: Date): number {
  const open = openDeductions(world.ledger, {
    mode: "until_shipped",
    settleMinutes: 60,
    now,
    snapshotTakenAt: world.snapshot.takenAt,
  });
  return shadowAvailable(world.snapshot.available, open);
}

function shows(world: World, channel: string): number | null {
  const last = world.published.get(channel);
  if (last === undefined) return null;
  const sold = unitsSoldSince(world.sales, new Set([channel]), last.at);
  return shownNow(last.quantity, sold);
}

function publish(world: World, quantities: readonly number[]): void {
  const targets = {
    skus: [SKU],
    channelIds: CHANNELS.map((c) => c.id),
    quantities,
  };
  const plan = planPublications(
    targets,
    (_sku, channel) => shows(world, channel),
    "changed",
  );
  const at = tick(world);
  for (const publication of plan) {
    world.published.set(publication.channel, {
      quantity: publication.quantity,
      at,
    });
    world.sent.set(publication.channel, publication.quantity);
    world.lastPublishedAt = at;
  }
}

/** allocate and rebalance: the rule over shadow stock, then the diff. */
function recompute(world: World): number[] {
  const now = tick(world);
  const available = shadowOf(world, now);
  const sellable = sellableUnits(available, SAFETY_STOCK);
  const allocation = allocateSku({
    ...RULES,
    available,
    safetyStock: SAFETY_STOCK,
    channels: CHANNELS,
    protected: isLowStock(sellable, THRESHOLD),
  });
  const targets = skuTargets(SKU, allocation);
  const quantities = Array.from(targets.quantities);
  publish(world, quantities);
  return quantities;
}

function rebalance(world: World): number[] | null {
  const selected = selectForRebalance([
    {
      sku: SKU,
      lastPublishedAt: world.lastPublishedAt,
      lastMovementAt: world.lastMovementAt,
    },
  ]);
  return selected.includes(SKU) ? recompute(world) : null;
}

function placeOrder(
  world: World,
  channel: string,
  orderId: string,
  quantity: number,
): PulledLine {
  world.sales.push({ channel, quantity, soldAt: tick(world) });
  return {
    orderKey: `${channel}:${orderId}`,
    line: "1",
    channel,
    sku: SKU,
    quantity,
    cancelled: false,
  };
}

/** pull-orders, first half: one deduction per order line, ever. */
function deduct(world: World, lines: readonly PulledLine[]): void {
  const now = tick(world);
  const taken = new Set(
    world.ledger.map((d) => deductionKey(d.orderKey, d.line)),
  );
  const opened = newDeductions(lines, taken, now);
  world.ledger.push(...opened);
  world.deductedInPull = opened.length > 0;
  if (world.deductedInPull) world.lastMovementAt = now;
}

/** pull-orders, second half: protect at once when a deduction left it low. */
function protect(world: World): number[] | null {
  if (!world.deductedInPull) return null;
  const decision = decideProtection({
    ...RULES,
    sku: SKU,
    shadowAvailable: shadowOf(world, tick(world)),
    safetyStock: SAFETY_STOCK,
    lowStockThreshold: THRESHOLD,
    channels: CHANNELS,
    lastAlertState: world.alertState,
  });
  world.alertState = decision.state;
  if (decision.alert !== null) world.alerts.push(decision.alert);
  if (decision.allocation === null) return null;
  const quantities = decision.allocation.channels.map((c) => c.quantity);
  publish(world, quantities);
  return quantities;
}

function cancel(world: World, orderKey: string): void {
  const now = tick(world);
  world.ledger = world.ledger.map((d) =>
    d.orderKey === orderKey ? { ...d, cancelledAt: now } : d,
  );
  world.lastMovementAt = now;
}

interface Step {
  id: string;
  events: (world: World) => void;
  run: (world: World) => number[] | null;
  shadow: number;
  showsBefore: readonly number[];
  targets: readonly number[] | null;
  sent: Readonly<Record<string, number>>;
  alerts: number;
}

let s4Lines: PulledLine[] = [];

const STEPS: readonly Step[] = [
  {
    id: "S1",
    events: (world) => {
      world.snapshot = { available: 11, takenAt: tick(world) };
    },
    run: recompute,
    shadow: 11,
    showsBefore: [0, 0, 0],
    targets: [5, 3, 2],
    sent: { "amazon-us": 5, "ebay-us": 3, "mirakl-acme": 2 },
    alerts: 0,
  },
  {
    id: "S2",
    events: (world) =>
      deduct(world, [placeOrder(world, "amazon-us", "A-1", 4)]),
    run: protect,
    shadow: 7,
    showsBefore: [1, 3, 2],
    targets: null,
    sent: {},
    alerts: 0,
  },
  {
    id: "S3",
    events: () => undefined,
    run: rebalance,
    shadow: 7,
    showsBefore: [1, 3, 2],
    targets: [3, 2, 1],
    sent: { "amazon-us": 3, "ebay-us": 2, "mirakl-acme": 1 },
    alerts: 0,
  },
  {
    id: "S4",
    events: (world) => {
      s4Lines = [
        placeOrder(world, "amazon-us", "A-2", 3),
        placeOrder(world, "ebay-us", "E-1", 2),
      ];
      deduct(world, s4Lines);
    },
    run: protect,
    shadow: 2,
    showsBefore: [0, 0, 1],
    targets: [1, 0, 0],
    sent: { "amazon-us": 1, "mirakl-acme": 0 },
    alerts: 1,
  },
  {
    id: "S5",
    events: (world) => deduct(world, s4Lines),
    run: protect,
    shadow: 2,
    showsBefore: [1, 0, 0],
    targets: null,
    sent: {},
    alerts: 0,
  },
  {
    id: "S6",
    events: (world) => cancel(world, "ebay-us:E-1"),
    run: rebalance,
    shadow: 4,
    showsBefore: [1, 0, 0],
    targets: [1, 1, 1],
    sent: { "ebay-us": 1, "mirakl-acme": 1 },
    alerts: 0,
  },
];

describe("shadow stock, INVENTORY.md S1–S6 as one sequence", () => {
  const world = newWorld();
  it.each(STEPS)("$id", (step) => {
    world.sent = new Map();
    const alertsBefore = world.alerts.length;
    step.events(world);
    expect(shadowOf(world, tick(world))).toBe(step.shadow);
    expect(CHANNELS.map((c) => shows(world, c.id))).toEqual(step.showsBefore);

    expect(step.run(world)).toEqual(step.targets);
    expect(Object.fromEntries(world.sent)).toEqual(step.sent);
    expect(world.alerts.length - alertsBefore).toBe(step.alerts);
  });

  it("deducted each order line once and sent S4's alert in full", () => {
    expect(world.ledger.map((d) => d.orderKey)).toEqual([
      "amazon-us:A-1",
      "amazon-us:A-2",
      "ebay-us:E-1",
    ]);
    expect(world.alerts).toEqual([
      {
        sku: SKU,
        available: 2,
        sellable: 1,
        quantities: [
          { channel: "amazon-us", quantity: 1 },
          { channel: "ebay-us", quantity: 0 },
          { channel: "mirakl-acme", quantity: 0 },
        ],
      },
    ]);
  });
});
