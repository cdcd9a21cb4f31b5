import type { Route, SandboxRequest, SandboxResponse } from "../contract.js";
import type { SsOrder } from "./model.js";
import { parseOrderInput } from "./order-input.js";
import { invalidRequest, notFound } from "./errors.js";
import { inDateRange, pageOf, QueryError, sorted } from "./paging.js";
import { renderOrder } from "./render.js";
import type { ShipStationState } from "./state.js";

/** The most orders one createorders call may carry. */
export const MAX_BATCH = 100;

function createOrder(state: ShipStationState, req: SandboxRequest) {
  const parsed = parseOrderInput(req.body);
  if (!parsed.ok) return invalidRequest(parsed.errors);
  const outcome = state.upsertOrder(parsed.value);
  if (outcome.kind === "invalid") return invalidRequest(outcome.errors);
  return { status: 200, body: renderOrder(outcome.order) };
}

function firstError(errors: Record<string, string[]>): string {
  const [field, messages] = Object.entries(errors)[0] ?? ["apiOrder", []];
  return `${field}: ${messages[0] ?? "invalid"}`;
}

function createOrders(
  state: ShipStationState,
  req: SandboxRequest,
): SandboxResponse {
  if (!Array.isArray(req.body)) {
    return invalidRequest({
      apiOrders: [
        "Cannot deserialize the current JSON object into type " +
          "'List<Order>' because the type requires a JSON array.",
      ],
    });
  }
  if (req.body.length > MAX_BATCH) {
    return invalidRequest({
      apiOrders: [`A maximum of ${MAX_BATCH} orders may be sent per call.`],
    });
  }
  const results = req.body.map((raw: unknown) => {
    const parsed = parseOrderInput(raw);
    const sent = typeof raw === "object" && raw !== null ? raw : {};
    const echo = {
      orderKey: "orderKey" in sent ? sent.orderKey : null,
      orderNumber: "orderNumber" in sent ? sent.orderNumber : null,
    };
    if (!parsed.ok) {
      return {
        orderId: 0,
        ...echo,
        success: false,
        errorMessage: firstError(parsed.errors),
      };
    }
    const outcome = state.upsertOrder(parsed.value);
    if (outcome.kind === "invalid") {
      return {
        orderId: 0,
        ...echo,
        success: false,
        errorMessage: firstError(outcome.errors),
      };
    }
    const o = outcome.order;
    return {
      orderId: o.orderId,
      orderKey: o.orderKey,
      orderNumber: o.orderNumber,
      success: true,
      errorMessage: null,
    };
  });
  return {
    status: 200,
    body: { hasErrors: results.some((r) => !r.success), results },
  };
}

function contains(hay: string | null, needle: string): boolean {
  return (hay ?? "").toLowerCase().includes(needle.toLowerCase());
}

/** GET /orders filters; orderNumber matches from the start. */
export function filterOrders(orders: SsOrder[], q: URLSearchParams): SsOrder[] {
  let rows = orders;
  const storeId = q.get("storeId");
  if (storeId) rows = rows.filter((o) => String(o.storeId) === storeId);
  const status = q.get("orderStatus");
  if (status) rows = rows.filter((o) => o.orderStatus === status);
  const number = q.get("orderNumber");
  if (number) {
    rows = rows.filter((o) =>
      o.orderNumber.toLowerCase().startsWith(number.toLowerCase()),
    );
  }
  const name = q.get("customerName");
  if (name) {
    rows = rows.filter(
      (o) => contains(o.billTo.name, name) || contains(o.shipTo.name, name),
    );
  }
  const keyword = q.get("itemKeyword");
  if (keyword) {
    rows = rows.filter((o) =>
      o.items.some(
        (i) => contains(i.sku, keyword) || contains(i.name, keyword),
      ),
    );
  }
  rows = inDateRange(rows, q, "createDate", (o) => o.createDate);
  rows = inDateRange(rows, q, "modifyDate", (o) => o.modifyDate);
  rows = inDateRange(rows, q, "orderDate", (o) => o.orderDate);
  rows = inDateRange(rows, q, "paymentDate", (o) => o.paymentDate);
  return sorted(rows, q, {
    OrderDate: (o) => o.orderDate,
    ModifyDate: (o) => o.modifyDate,
    CreateDate: (o) => o.createDate,
  });
}

function listOrders(state: ShipStationState, req: SandboxRequest) {
  try {
    const page = pageOf(filterOrders(state.orderList(), req.query), req.query);
    return {
      status: 200,
      body: {
        orders: page.rows.map(renderOrder),
        total: page.total,
        page: page.page,
        pages: page.pages,
      },
    };
  } catch (e) {
    if (e instanceof QueryError)
      return invalidRequest({ [e.field]: [e.message] });
    throw e;
  }
}

/** createorder(s), list and get. */
export function orderRoutes(state: ShipStationState): Route[] {
  return [
    {
      method: "POST",
      path: "/orders/createorder",
      handle: (req) => createOrder(state, req),
    },
    {
      method: "POST",
      path: "/orders/createorders",
      handle: (req) => createOrders(state, req),
    },
    { method: "GET", path: "/orders", handle: (req) => listOrders(state, req) },
    {
      method: "GET",
      path: "/orders/:orderId",
      handle: (req) => {
        const order = state.orders.get(Number(req.params.orderId));
        return order
          ? { status: 200, body: renderOrder(order) }
          : notFound(`Order not found: ${req.params.orderId ?? ""}`);
      },
    },
  ];
}
