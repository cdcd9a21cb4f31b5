/**
 * The contract between the sandbox server and the vendor stand-ins plugged
 * into it. The server owns the listening socket, routing, request counting,
 * faults and rate limits; a stand-in owns one vendor's wire format and reads
 * and changes the shared world.
 */

/** One marketplace kind; a channel is one selling account of a kind. */
export type ChannelKind = "amazon" | "ebay" | "mirakl" | "rithum";

/** Vendors the sandbox stands in for. */
export type Vendor = ChannelKind | "shipstation" | "zoho";

/**
 * Order status in the scenario's own neutral vocabulary; each stand-in maps it
 * to its vendor's words (Amazon Pending/Unshipped/Shipped/Canceled, Mirakl
 * WAITING_ACCEPTANCE/SHIPPING/SHIPPED/CANCELED, …).
 */
export type ScenarioOrderStatus =
  | "pending" // not ready to ship yet (Amazon Pending, payment not cleared)
  | "awaiting_acceptance" // Mirakl: the seller must accept (OR21) first
  | "unshipped" // ready to ship
  | "partially_shipped"
  | "shipped"
  | "cancelled";

export interface ScenarioAddress {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  street3?: string;
  city: string;
  state?: string;
  postal_code: string;
  /** ISO 3166-1 alpha-2; stand-ins that speak alpha-3 (Mirakl) convert. */
  country: string;
  phone?: string;
}

export interface ScenarioOrderLine {
  /** Marketplace line id; generated from the order id and position if absent. */
  line_id?: string;
  sku: string;
  title?: string;
  quantity: number;
  /** Unit price as a decimal string, e.g. "19.99". */
  unit_price: string;
  /** Line tax as a decimal string; "0.00" if absent. */
  tax?: string;
}

export interface ScenarioOrder {
  channel: string;
  order_id: string;
  status: ScenarioOrderStatus;
  /** ISO 8601 with offset. */
  created_at: string;
  updated_at?: string;
  currency?: string;
  shipping_price?: string;
  buyer_email?: string;
  ship_to?: ScenarioAddress;
  lines: ScenarioOrderLine[];
  /** eBay: a buyer cancel request the list call hides (case B24). */
  cancel_requested?: boolean;
}

export interface ScenarioChannel {
  id: string;
  kind: ChannelKind;
  /** ShipStation store id the channel's orders go to. */
  store_id: number;
  /** Whole percent 0–100; what the demo configures. */
  ratio: number;
  /** Kind-specific extras (Amazon marketplace id, Rithum profile id, …). */
  options?: Record<string, string | number | boolean>;
}

export interface ScenarioItem {
  sku: string;
  name: string;
  /** Zoho item id: 19 digits, always a string. */
  item_id?: string;
  /** Zoho "available for sale"; may be negative. */
  available: number;
  /** Units committed to open sales orders (see api-reference/zoho.md). */
  committed?: number;
  rate?: string;
}

/** The JSON scenario file (`hub sandbox --scenario <file>`). */
export interface Scenario {
  channels: ScenarioChannel[];
  items: ScenarioItem[];
  orders: ScenarioOrder[];
}

/** A package tracking as received by a marketplace stand-in. */
export interface ReceivedTracking {
  order_id: string;
  carrier: string;
  service?: string;
  tracking_number: string;
  /** Marketplace line id → quantity in this package. */
  lines: Record<string, number>;
  received_at: string;
  /** The raw request body, for tests that check the wire format. */
  raw: unknown;
}

/**
 * Requests are counted, faulted and rate-limited under this key:
 * `<mount> <METHOD> <route path pattern>`, where mount is the channel id for
 * marketplace stand-ins and `shipstation`, `zoho` or `zoho-accounts` else.
 */
export type EndpointKey = string;

export type FaultKind =
  | "429"
  | "500"
  | "503"
  | "slow" // answers after `delay_ms` (default 30 s): past hub's timeout
  | "malformed" // 200 with a body that is not valid for the format
  | "drop" // destroys the socket without an answer
  | "lost"; // does the work, then destroys the socket: the answer is lost

export interface FaultRule {
  /** An endpoint key, or a prefix of one such as `amazon` or `shipstation GET`. */
  endpoint: string;
  kind: FaultKind;
  /** How many matching requests get the fault; absent = until cleared. */
  times?: number;
  /** 0–1 probability for fault storms; absent = every matching request. */
  rate?: number;
  delay_ms?: number;
  /** Restrict to one channel's prefix. */
  channel?: string;
}

/** A request as a stand-in sees it. Bodies are parsed by content type. */
export interface SandboxRequest {
  method: string;
  /** Path after the channel or vendor prefix, without the query string. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  rawBody: string;
  /** JSON or form body parsed; undefined when empty or unparseable. */
  body: unknown;
  /** Set for marketplace stand-ins: the channel this prefix belongs to. */
  channel?: ScenarioChannel;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
}

export interface RouteRate {
  /** Sustained requests per second at time scale 1. */
  perSecond: number;
  burst: number;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Express-style pattern, e.g. `/orders/v0/orders/:orderId/shipment`. */
  path: string;
  /** Documented limit; the server keeps one token bucket per route. */
  rate?: RouteRate;
  /** The vendor's 429 answer for this route once its bucket is empty. */
  throttled?: (retryAfterSeconds: number) => SandboxResponse;
  handle(req: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
}

/**
 * One vendor's stand-in. Marketplace stand-ins are mounted once per channel
 * of their kind under `/ch/<channel id>`; ShipStation under `/shipstation`,
 * Zoho's API under `/zoho` and its accounts server under `/zoho-accounts`.
 */
export interface StandIn {
  vendor: Vendor;
  routes: Route[];
  /** The vendor's malformed-body fault for this format. */
  malformed?: () => SandboxResponse;
  /** The vendor's 5xx envelope. */
  serverError?: (status: number) => SandboxResponse;
}

/** A marketplace order as a stand-in holds it: the scenario order plus what
 * hub has told the marketplace about it. */
export interface MarketplaceOrder extends ScenarioOrder {
  /** Always set: `line_id` of every line is filled in when the world loads. */
  lines: Array<ScenarioOrderLine & { line_id: string }>;
  updated_at: string;
  /** Mirakl: OR21 answers per line; true = accepted. */
  acceptance?: Record<string, boolean>;
  /** Packages whose tracking hub pushed, in arrival order. */
  tracking: ReceivedTracking[];
  /** Scratch space for vendor-only fields (eBay fulfillment ids, …). */
  vendor: Record<string, unknown>;
}

/** Sandbox credentials: fixed, obviously fake, printed by `hub sandbox`. */
export const SANDBOX_CREDENTIALS = {
  clientId: "sandbox-client-id",
  clientSecret: "sandbox-client-secret",
  refreshToken: "sandbox-refresh-token",
  /** Mirakl shop API key (sent bare in Authorization). */
  apiKey: "sandbox-shop-api-key",
  /** ShipStation Basic auth pair. */
  apiSecret: "sandbox-api-secret",
} as const;

/**
 * The shared state every stand-in reads and changes. Implemented by
 * `world.ts`; stand-ins receive it when they are built.
 */
export interface SandboxWorld {
  readonly scenario: Scenario;
  channel(id: string): ScenarioChannel | undefined;
  /** Current time (real time; tests may pin it). */
  now(): Date;
  /** Orders of one channel, oldest first; the records are live. */
  orders(channelId: string): MarketplaceOrder[];
  order(channelId: string, orderId: string): MarketplaceOrder | undefined;
  /** Marks an order changed now (moves `updated_at`). */
  touch(order: MarketplaceOrder): void;
  recordTracking(channelId: string, tracking: ReceivedTracking): void;
  /** A quantity a marketplace received for a SKU (last one wins). */
  setQuantity(channelId: string, sku: string, quantity: number): void;
  quantity(channelId: string, sku: string): number | undefined;
  /** Issues an access token for a vendor (and channel); lifetime in seconds. */
  issueToken(scope: string, lifetimeSeconds: number): string;
  /** True if the token was issued for that scope and has not expired. */
  tokenValid(scope: string, token: string | undefined): boolean;
}
