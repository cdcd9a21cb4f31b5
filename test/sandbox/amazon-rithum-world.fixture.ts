import type {
  MarketplaceOrder,
  ReceivedTracking,
  Route,
  SandboxResponse,
  SandboxWorld,
  Scenario,
  ScenarioChannel,
  StandIn,
} from "../../src/sandbox/contract.js";

/** A small in-memory world for stand-in tests, with a pinned clock. */
export class FixtureWorld implements SandboxWorld {
  clock: Date;
  readonly received: Array<{ channel: string; tracking: ReceivedTracking }> =
    [];
  private readonly byChannel = new Map<string, MarketplaceOrder[]>();
  private readonly quantities = new Map<string, number>();
  private readonly tokens = new Map<string, { scope: string; until: number }>();
  private tokenCount = 0;

  constructor(
    readonly scenario: Scenario,
    now: string,
  ) {
    this.clock = new Date(now);
    for (const order of scenario.orders) {
      const live: MarketplaceOrder = {
        ...order,
        updated_at: order.updated_at ?? order.created_at,
        lines: order.lines.map((line, i) => ({
          ...line,
          line_id: line.line_id ?? `${order.order_id}-${i + 1}`,
        })),
        tracking: [],
        vendor: {},
      };
      const list = this.byChannel.get(order.channel) ?? [];
      list.push(live);
      this.byChannel.set(order.channel, list);
    }
  }

  channel(id: string): ScenarioChannel | undefined {
    return this.scenario.channels.find((c) => c.id === id);
  }
  now(): Date {
    return new Date(this.clock);
  }
  orders(channelId: string): MarketplaceOrder[] {
    return this.byChannel.get(channelId) ?? [];
  }
  order(channelId: string, orderId: string): MarketplaceOrder | undefined {
    return this.orders(channelId).find((o) => o.order_id === orderId);
  }
  touch(order: MarketplaceOrder): void {
    order.updated_at = this.now().toISOString();
  }
  recordTracking(channelId: string, tracking: ReceivedTracking): void {
    this.order(channelId, tracking.order_id)?.tracking.push(tracking);
    this.received.push({ channel: channelId, tracking });
  }
  setQuantity(channelId: string, sku: string, quantity: number): void {
    this.quantities.set(`${channelId}/${sku}`, quantity);
  }
  quantity(channelId: string, sku: string): number | undefined {
    return this.quantities.get(`${channelId}/${sku}`);
  }
  issueToken(scope: string, lifetimeSeconds: number): string {
    this.tokenCount += 1;
    const token = `fixture-token-${this.tokenCount}`;
    const until = this.clock.getTime() + lifetimeSeconds * 1000;
    this.tokens.set(token, { scope, until });
    return token;
  }
  tokenValid(scope: string, token: string | undefined): boolean {
    const known = token === undefined ? undefined : this.tokens.get(token);
    return (
      known !== undefined &&
      known.scope === scope &&
      known.until > this.clock.getTime()
    );
  }
}

/** A request as a test sends it. */
export interface CallOptions {
  headers?: Record<string, string>;
  /** Sent as JSON unless `form` or `raw` is used. */
  json?: unknown;
  form?: Record<string, string>;
  raw?: { contentType: string; text: string };
}

function compile(route: Route): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = route.path
    .split(/(:[A-Za-z_]\w*)/)
    .map((part) => {
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+?)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), names };
}

/** Calls a stand-in's routes for one channel the way the server would. */
export function channelClient(standIn: StandIn, channel: ScenarioChannel) {
  const compiled = standIn.routes.map((route) => ({
    route,
    ...compile(route),
  }));
  return async function call(
    method: string,
    target: string,
    options: CallOptions = {},
  ): Promise<SandboxResponse & { route?: Route }> {
    const url = new URL(target, "http://127.0.0.1:4010");
    const candidates = compiled
      .filter((c) => c.route.method === method)
      .map((c) => ({ c, m: c.regex.exec(url.pathname) }))
      .filter((x) => x.m !== null)
      .sort((a, b) => a.c.names.length - b.c.names.length);
    const hit = candidates[0];
    if (hit === undefined || hit.m === null) return { status: 404 };
    const params: Record<string, string> = {};
    hit.c.names.forEach((name, i) => {
      params[name] = decodeURIComponent(hit.m?.[i + 1] ?? "");
    });
    const headers: Record<string, string | undefined> = {
      host: "127.0.0.1:4010",
      ...Object.fromEntries(
        Object.entries(options.headers ?? {}).map(([k, v]) => [
          k.toLowerCase(),
          v,
        ]),
      ),
    };
    let rawBody = "";
    let body: unknown;
    if (options.json !== undefined) {
      rawBody = JSON.stringify(options.json);
      body = options.json;
      headers["content-type"] ??= "application/json";
    } else if (options.form !== undefined) {
      rawBody = new URLSearchParams(options.form).toString();
      body = { ...options.form };
      headers["content-type"] ??= "application/x-www-form-urlencoded";
    } else if (options.raw !== undefined) {
      rawBody = options.raw.text;
      headers["content-type"] = options.raw.contentType;
    }
    const answer = await hit.c.route.handle({
      method,
      path: url.pathname,
      params,
      query: url.searchParams,
      headers,
      rawBody,
      body,
      channel,
    });
    return { ...answer, route: hit.c.route };
  };
}
