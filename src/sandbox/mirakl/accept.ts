import type {
  MarketplaceOrder,
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { withApiKey } from "./auth.js";
import { miraklError, tooManyRequests } from "./errors.js";
import { channelOf, isRecord, jsonBody } from "./request.js";
import { awaitDebit, markRefused, orderState, settleDebits } from "./states.js";

type Decisions =
  | { ok: true; decisions: Record<string, boolean> }
  | { ok: false; code: string };

/**
 * Seconds an accepted order waits in WAITING_DEBIT_PAYMENT before it moves
 * to SHIPPING: channel option `debit_delay_seconds`, 0 by default.
 */
export function debitDelaySeconds(channel: ScenarioChannel): number {
  const value = channel.options?.["debit_delay_seconds"];
  return typeof value === "number" && value > 0 ? value : 0;
}

/** Checks OR21's `order_lines` against the order (mirakl.md §3 codes). */
export function planAcceptance(
  order: MarketplaceOrder,
  body: unknown,
): Decisions {
  const lines = isRecord(body) ? body["order_lines"] : undefined;
  if (!Array.isArray(lines)) return { ok: false, code: "VALIDATION_ERROR" };
  const known = new Set(order.lines.map((l) => l.line_id));
  const decisions: Record<string, boolean> = {};
  for (const line of lines) {
    if (!isRecord(line)) return { ok: false, code: "ORDER_LINE_NULL_ELEMENT" };
    const id = line["id"];
    const accepted = line["accepted"];
    if (typeof id !== "string" || typeof accepted !== "boolean") {
      return { ok: false, code: "VALIDATION_ERROR" };
    }
    if (!known.has(id)) return { ok: false, code: "ORDER_LINE_NOT_FOUND" };
    if (id in decisions) return { ok: false, code: "ORDER_LINE_DUPLICATE_ID" };
    decisions[id] = accepted;
  }
  // Partial acceptance is off: every line needs a decision.
  if (Object.keys(decisions).length !== known.size) {
    return { ok: false, code: "ORDER_LINE_ACCEPTANCE_DECISION_MISSING" };
  }
  return { ok: true, decisions };
}

/** OR21: `PUT /api/orders/:orderId/accept`. */
export function acceptOrder(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const channel = channelOf(req);
  settleDebits(world, channel.id);
  const id = req.params["orderId"] ?? "";
  const order = world.order(channel.id, id);
  if (order === undefined) {
    return miraklError(404, `ORDER_NOT_FOUND: order ${id} does not exist`);
  }
  if (orderState(order) !== "WAITING_ACCEPTANCE") {
    return miraklError(
      400,
      `ORDER_INVALID_STATE: order ${id} is ${orderState(order)}`,
    );
  }
  const plan = planAcceptance(order, jsonBody(req));
  if (!plan.ok) return miraklError(400, plan.code);

  order.acceptance = plan.decisions;
  order.vendor["miraklDecidedAt"] = world.now().toISOString();
  if (Object.values(plan.decisions).every((accepted) => !accepted)) {
    markRefused(order);
  } else {
    // Accepted orders pass through the debit state (mirakl.md §0.6).
    const delay = debitDelaySeconds(channel) * 1000;
    awaitDebit(order, new Date(world.now().getTime() + delay));
  }
  world.touch(order);
  settleDebits(world, channel.id);
  return { status: 204 };
}

/** OR21 route; called at each new order, no documented ceiling. */
export function acceptRoute(world: SandboxWorld): Route {
  return {
    method: "PUT",
    path: "/api/orders/:orderId/accept",
    throttled: tooManyRequests,
    handle: withApiKey((req) => acceptOrder(world, req)),
  };
}
