/** An in-test world and router for driving one stand-in without a socket. */
import type {
  MarketplaceOrder,
  ReceivedTracking,
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  Scenario,
  StandIn,
} from "../../src/sandbox/contract.js";

/** A minimal world: enough state for one stand-in, time pinned. */
export function makeWorld(scenario: Scenario, now = "2026-01-11T10:00:00.000Z") {
  const orders = new Map<string, MarketplaceOrder[]>();
  for (const o of scenario.orders) {
    const list = orders.get(o.channel) ?? [];
    list.push({
      ...o,
      lines: o.lines.map((l, i) => ({
        ...l,
        line_id: l.line_id ?? `${o.order_id}-${i + 1}`,
      })),
      updated_at: o.updated_at ?? o.created_at,
      tracking: [],
      vendor: {},
    });
    orders.set(o.channel, list);
  }
  const quantities = new Map<string, number>();
  const tokens = new Map<string, string>();
  const received: ReceivedTracking[] = [];
  let clock = new Date(now);
  const world: SandboxWorld = {
    scenario,
    channel: (id) => scenario.channels.find((c) => c.id === id),
    now: () => clock,
    orders: (id) => orders.get(id) ?? [],
    order: (id, orderId) =>
      (orders.get(id) ?? []).find((o) => o.order_id === orderId),
    touch(order) {
      order.updated_at = clock.toISOString();
    },
    recordTracking(id, tracking) {
      received.push(tracking);
      world.order(id, tracking.order_id)?.tracking.push(tracking);
    },
    setQuantity: (id, sku, q) => void quantities.set(`${id}/${sku}`, q),
    quantity: (id, sku) => quantities.get(`${id}/${sku}`),
    issueToken(scope) {
      const token = `tok-${scope}-${tokens.size}`;
      tokens.set(token, scope);
      return token;
    },
    tokenValid: (scope, token) =>
      token !== undefined && tokens.get(token) === scope,
  };
  return {
    world,
    received,
    advance(ms: number) {
      clock = new Date(clock.getTime() + ms);
    },
  };
}

function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = got[i] ?? "";
    if (part.startsWith(":"))
      params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

/** Routes a request the way the sandbox server would, minus the socket. */
export function client(standIn: StandIn, world: SandboxWorld, channelId: string) {
  return async (
    method: Route["method"],
    target: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<SandboxResponse & { json: () => unknown }> => {
    const [path = "", search = ""] = target.split("?");
    for (const route of standIn.routes) {
      const params = route.method === method ? match(route.path, path) : null;
      if (params === null) continue;
      const headers: Record<string, string> = { host: "127.0.0.1:9" };
      for (const [k, v] of Object.entries(init.headers ?? {})) {
        headers[k.toLowerCase()] = v;
      }
      const rawBody = init.body ?? "";
      let body: unknown;
      try {
        body = rawBody === "" ? undefined : JSON.parse(rawBody);
      } catch {
        body = undefined;
      }
      const req: SandboxRequest = {
        method,
        path,
        params,
        query: new URLSearchParams(search),
        headers,
        rawBody,
        body,
        channel: world.channel(channelId),
      };
      const res = await route.handle(req);
      return { ...res, json: () => res.body };
    }
    throw new Error(`no route for ${method} ${path}`);
  };
}
