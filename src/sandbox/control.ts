import { z } from "zod";
import type { FaultRule, SandboxResponse } from "./contract.js";
import { ControlError } from "./control-error.js";
import { assertLoopback, deliver, type Delivery } from "./deliver.js";
import {
  formatPath,
  parseScenario,
  parseScenarioOrder,
  ScenarioError,
} from "./scenario.js";
import type { FaultBook } from "./faults.js";
import type { SandboxServer } from "./server.js";
import { renderOrder, renderShipment } from "./shipstation/render.js";
import { renderFulfillment } from "./shipstation/render.js";
import { itemWebhookPayload, renderItem } from "./zoho/render.js";

const faultRule = z.strictObject({
  endpoint: z.string(),
  kind: z.enum(["429", "500", "503", "slow", "malformed", "drop", "lost"]),
  times: z.int().positive().optional(),
  rate: z.number().min(0).max(1).optional(),
  delay_ms: z.int().min(0).optional(),
  channel: z.string().optional(),
});

const skuQty = z.strictObject({
  sku: z.string(),
  quantity: z.int().positive(),
});

const schemas = {
  faults: z.strictObject({
    rules: z.array(faultRule),
    seed: z.int().min(0).max(0xffffffff).optional(),
  }),
  stock: z.strictObject({
    sku: z.string().min(1),
    available: z.int(),
    committed: z.int().min(0).optional(),
  }),
  cancel: z.strictObject({ channel: z.string(), order_id: z.string() }),
  ship: z.union([
    z.strictObject({
      orderKey: z.string(),
      packages: z.array(
        z.strictObject({
          items: z.array(skuQty).optional(),
          carrierCode: z.string().min(1),
          serviceCode: z.string().optional(),
          trackingNumber: z.string().min(1).optional(),
          shipDate: z.string().optional(),
        }),
      ),
    }),
    z.strictObject({
      orderKey: z.string(),
      markShippedOnly: z.literal(true),
      carrierCode: z.string().min(1),
      trackingNumber: z.string().min(1),
      shipDate: z.string().optional(),
    }),
  ]),
  split: z.strictObject({
    orderKey: z.string(),
    items: z.array(skuQty).min(1),
    orderNumber: z.string().optional(),
  }),
  void: z.strictObject({ shipmentId: z.union([z.int(), z.string()]) }),
  ssNotify: z.strictObject({
    duplicate: z.boolean().optional(),
    batchId: z.string().optional(),
  }),
  zohoNotify: z.strictObject({ url: z.string(), sku: z.string() }),
  reset: z.strictObject({ scenario: z.unknown().optional() }),
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues
    .map((i) => `${formatPath(i.path)}: ${i.message}`)
    .join("; ");
  throw new ControlError(400, problems);
}

const ok = (body: unknown): SandboxResponse => ({ status: 200, body });

function faultView(book: FaultBook): { rules: FaultRule[]; seed?: number } {
  const seed = book.seedOf();
  return seed === undefined ? { rules: book.list() } : { rules: book.list(), seed };
}

type Handler = (s: SandboxServer, body: unknown) => Promise<SandboxResponse>;

async function notifyShipStation(
  s: SandboxServer,
  body: unknown,
): Promise<SandboxResponse> {
  const req = parse(schemas.ssNotify, body);
  const ss = s.world.shipstation;
  const batches = req.batchId ? [req.batchId] : ss.pendingBatches();
  const deliveries: Delivery[] = [];
  const times = req.duplicate ? 2 : 1;
  for (const batch of batches) {
    const shipments = ss.shipments.filter((x) => x.batchNumber === batch);
    const hooks = ss.webhooks.filter(
      (w) =>
        (w.hookType === "SHIP_NOTIFY" || w.hookType === "ITEM_SHIP_NOTIFY") &&
        (w.storeId === null || shipments.some((x) => x.storeId === w.storeId)),
    );
    for (const hook of hooks) {
      const items = hook.hookType === "ITEM_SHIP_NOTIFY" ? "True" : "False";
      const payload = {
        resource_url:
          `${s.url}/shipstation/shipments?batchId=${batch}` +
          `&includeShipmentItems=${items}`,
        resource_type: hook.hookType,
      };
      for (let i = 0; i < times; i++) {
        deliveries.push(await deliver(hook.url, payload));
      }
    }
    for (const x of shipments) x.notified = true;
  }
  return ok({ batches, deliveries });
}

const ROUTES: Record<string, Handler> = {
  "GET /_sandbox/state": async (s) => ok(s.state()),
  "POST /_sandbox/reset": async (s, body) => {
    const req = parse(schemas.reset, body);
    try {
      s.reset(
        req.scenario === undefined ? undefined : parseScenario(req.scenario),
      );
    } catch (e) {
      if (e instanceof ScenarioError) throw new ControlError(400, e.message);
      throw e;
    }
    return ok({ reset: true });
  },
  "GET /_sandbox/faults": async (s) => ok(faultView(s.faults)),
  "POST /_sandbox/faults": async (s, body) => {
    const req = parse(schemas.faults, body);
    const rules: FaultRule[] = req.rules;
    s.setFaults(rules, req.seed);
    return ok(faultView(s.faults));
  },
  "DELETE /_sandbox/faults": async (s) => {
    s.clearFaults();
    return ok({ rules: [] });
  },
  "POST /_sandbox/stock": async (s, body) => {
    const req = parse(schemas.stock, body);
    const item = s.world.zoho.setStock(req.sku, req.available, req.committed);
    return ok({ item: renderItem(item) });
  },
  "POST /_sandbox/orders": async (s, body) => {
    try {
      const order = s.world.upsertOrder(parseScenarioOrder(body));
      return ok({ order });
    } catch (e) {
      if (e instanceof ScenarioError) throw new ControlError(400, e.message);
      throw e;
    }
  },
  "POST /_sandbox/orders/cancel": async (s, body) => {
    const req = parse(schemas.cancel, body);
    return ok({ order: s.world.cancelOrder(req.channel, req.order_id) });
  },
  "POST /_sandbox/shipstation/ship": async (s, body) => {
    const req = parse(schemas.ship, body);
    const ss = s.world.shipstation;
    if ("markShippedOnly" in req) {
      const f = ss.markShipped(
        req.orderKey,
        req.carrierCode,
        req.trackingNumber,
        req.shipDate,
      );
      return ok({ fulfillment: renderFulfillment(f) });
    }
    const made = ss.ship(req.orderKey, req.packages);
    const order = ss.findByKey(req.orderKey);
    return ok({
      shipments: made.map((x) => renderShipment(x, true)),
      order: order ? renderOrder(order) : null,
    });
  },
  "POST /_sandbox/shipstation/split": async (s, body) => {
    const req = parse(schemas.split, body);
    const child = s.world.shipstation.split(
      req.orderKey,
      req.items,
      req.orderNumber,
    );
    return ok({ order: renderOrder(child) });
  },
  "POST /_sandbox/shipstation/void": async (s, body) => {
    const req = parse(schemas.void, body);
    const shipment = s.world.shipstation.voidShipment(req.shipmentId);
    return ok({ shipment: renderShipment(shipment, true) });
  },
  "POST /_sandbox/shipstation/notify": notifyShipStation,
  "POST /_sandbox/zoho/notify": async (s, body) => {
    const req = parse(schemas.zohoNotify, body);
    assertLoopback(req.url);
    const item = s.world.zoho.bySku(req.sku);
    if (!item) throw new ControlError(404, `no Zoho item with sku ${req.sku}`);
    const payload = itemWebhookPayload(item);
    return ok({ payload, delivery: await deliver(req.url, payload) });
  },
};

/** Serves the `/_sandbox/*` control routes (not counted, never faulted). */
export async function handleControl(
  server: SandboxServer,
  method: string,
  path: string,
  body: unknown,
): Promise<SandboxResponse> {
  const handler = ROUTES[`${method} ${path.replace(/\/$/, "")}`];
  if (!handler) {
    return {
      status: 404,
      body: { error: "not found", method, path, routes: Object.keys(ROUTES) },
    };
  }
  return handler(server, body);
}
