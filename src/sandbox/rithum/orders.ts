import type {
  Route,
  SandboxRequest,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { restRoute } from "./access.js";
import { baseUrl, shippingCarriers } from "./channel-options.js";
import { collectionPage } from "./collection.js";
import { odataError } from "./errors.js";
import { caOrderView, parseExpand } from "./order-view.js";
import { planShip } from "./ship-plan.js";
import type { RithumLedger } from "./state.js";

/** Orders per page; doc revisions say 20 or 100, the smaller is stricter. */
export const ORDERS_PAGE_SIZE = 20;

function orderKey(req: SandboxRequest): number {
  const id = Number(req.params.id);
  return Number.isInteger(id) ? id : -1;
}

function notFound(id: number) {
  return odataError(404, `No Order with ID ${id} was found.`);
}

/** Orders list and single order, the export flag and Ship. */
export function orderRoutes(
  world: SandboxWorld,
  ledger: RithumLedger,
): Route[] {
  const views = (
    req: SandboxRequest,
    channel: ScenarioChannel,
    capped: boolean,
  ) => {
    const expand = parseExpand(req.query.get("$expand"));
    const productId = (sku: string) => ledger.productId(channel.id, sku);
    return (entry: ReturnType<RithumLedger["ordersWithState"]>[number]) =>
      caOrderView({
        order: entry.order,
        channel,
        id: entry.state.id,
        productId,
        ...(entry.state.shipped !== undefined && {
          shipped: entry.state.shipped,
        }),
        expand,
        capped,
      });
  };

  const list = restRoute(world, "GET", "/v1/Orders", (req, channel) => {
    // `exported` is a plain parameter, no `$` (rithum.md §2).
    const exported = req.query.get("exported");
    const entries = ledger
      .ordersWithState(channel.id)
      .filter(
        (e) => exported === null || String(e.state.exported) === exported,
      );
    const rendered = entries.map(views(req, channel, true));
    const order = req.query.get("$orderby")?.trim();
    if (order === "CreatedDateUtc desc") rendered.reverse();
    return collectionPage({
      entitySet: "Orders",
      url: `${baseUrl(req.headers.host, channel)}/Orders`,
      pageSize: ORDERS_PAGE_SIZE,
      entities: rendered,
      query: req.query,
    });
  });

  const single = restRoute(world, "GET", "/v1/Orders(:id)", (req, channel) => {
    const id = orderKey(req);
    const entry = ledger.findOrder(channel.id, id);
    if (entry === undefined) return notFound(id);
    return {
      status: 200,
      body: {
        "@odata.context": `${baseUrl(req.headers.host, channel)}/$metadata#Orders/$entity`,
        ...views(req, channel, false)(entry),
      },
    };
  });

  const exportFlag = (method: "POST" | "DELETE", exported: boolean): Route =>
    restRoute(world, method, "/v1/Orders(:id)/Export", (req, channel) => {
      const id = orderKey(req);
      const entry = ledger.findOrder(channel.id, id);
      if (entry === undefined) return notFound(id);
      entry.state.exported = exported;
      return { status: 204 };
    });

  const ship = restRoute(
    world,
    "POST",
    "/v1/Orders(:id)/Ship",
    (req, channel) => {
      const id = orderKey(req);
      const entry = ledger.findOrder(channel.id, id);
      if (entry === undefined) return notFound(id);
      const { order, state } = entry;
      const plan = planShip(req.body, order, shippingCarriers(channel));
      if (!plan.ok) return odataError(400, plan.message);
      // The Ship call ships the whole order as one package (rithum.md §3).
      const lines: Record<string, number> = {};
      for (const line of order.lines) lines[line.line_id] = line.quantity;
      state.shipped = plan.value;
      world.recordTracking(channel.id, {
        order_id: order.order_id,
        carrier: plan.value.ShippingCarrier,
        service: plan.value.ShippingClass,
        tracking_number: plan.value.TrackingNumber,
        lines,
        received_at: world.now().toISOString(),
        raw: req.body,
      });
      order.status = "shipped";
      world.touch(order);
      return { status: 204 };
    },
  );

  return [
    list,
    single,
    exportFlag("POST", true),
    exportFlag("DELETE", false),
    ship,
  ];
}
