import type { z } from "zod";
import { optionalEnv, requireEnv } from "../config/env.js";
import type { Settings } from "../config/settings.js";
import { UpstreamError } from "../errors.js";
import type { ApiClient, RequestOptions } from "../http/api-client.js";
import type { HttpContext } from "../http/http-context.js";
import type { Rate, TokenBucket } from "../http/throttle.js";
import { describeShipStationError } from "./errors.js";
import { formatPacific } from "./pacific-time.js";
import {
  toFulfillment,
  toOrder,
  toShipment,
  type ShipStationFulfillment,
  type ShipStationOrder,
  type ShipStationShipment,
} from "./records.js";
import { allowedResourceOrigin } from "./resource-url.js";
import { OPEN_STATUSES, statusChangeBody } from "./status-change.js";
import {
  createOrdersSchema,
  fulfillmentsPageSchema,
  orderSchema,
  ordersPageSchema,
  shipmentsPageSchema,
  storesSchema,
  subscribeSchema,
  type CreateOrderBody,
} from "./wire.js";

/** The public V1 endpoint, used when neither env nor setting says else. */
export const DEFAULT_ENDPOINT = "https://ssapi.shipstation.com";

/**
 * 40 requests per minute per key and secret, in fixed windows
 * (shipstation.md §0.2). A bucket of 10 refilled at 30/min never puts more
 * than 40 requests into any one minute, wherever the window starts.
 */
export const SHIPSTATION_RATE: Rate = { perSecond: 0.5, burst: 10 };

/** The list endpoints' largest page (shipstation.md §4). */
const PAGE_SIZE = 500;

/** Per-order outcome of createorders, as the API reports it. */
export interface CreateOrderResult {
  orderKey: string;
  orderNumber: string;
  orderId?: number;
  success: boolean;
  errorMessage?: string;
  /** For failures: whether sending the order again may succeed. */
  retryable?: boolean;
}

/** A store as hub needs it. */
export interface ShipStationStore {
  storeId: number;
  storeName: string;
  marketplaceName: string | undefined;
  active: boolean;
}

/** What a status change did. */
export interface StatusChange {
  /** False when the order was already shipped or cancelled (locked). */
  changed: boolean;
  order: ShipStationOrder;
}

/** The marketplace order id inside an order key `<channel>:<id>`. */
export function orderNumberOfKey(orderKey: string): string {
  const at = orderKey.indexOf(":");
  return at < 0 ? orderKey : orderKey.slice(at + 1);
}

/** ShipStation API V1, spoken with Basic auth at its documented rate. */
export class ShipStationClient {
  readonly baseUrl: string;
  private readonly api: ApiClient;
  private readonly account: TokenBucket;
  private readonly shards = new Map<string, ApiClient>();
  private readonly authorization: string;

  constructor(
    private readonly http: HttpContext,
    private readonly settings: Settings,
  ) {
    this.baseUrl =
      optionalEnv("HUB_SHIPSTATION_URL") ??
      settings.string("shipstation.endpoint") ??
      DEFAULT_ENDPOINT;
    const key = requireEnv(
      "HUB_SHIPSTATION_API_KEY",
      "the ShipStation API key",
    );
    const secret = requireEnv(
      "HUB_SHIPSTATION_API_SECRET",
      "the ShipStation API secret",
    );
    this.authorization = `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;
    // The limit is per key across every endpoint, while ApiClient keys its
    // buckets per operation: one shared bucket is taken before each call.
    this.account = http.throttles.bucket(
      "shipstation:account",
      SHIPSTATION_RATE,
    );
    this.api = this.clientFor(this.baseUrl);
  }

  /**
   * Case B09: an answer with X-Rate-Limit-Remaining 0 means the next call
   * of any kind would get a 429, so every ShipStation call of the process
   * waits X-Rate-Limit-Reset seconds first.
   */
  private obeyWindow(headers: Record<string, string | string[] | undefined>): void {
    const first = (name: string): string | undefined => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (first("x-rate-limit-remaining") !== "0") return;
    const reset = Number(first("x-rate-limit-reset"));
    if (Number.isFinite(reset) && reset > 0) this.account.pauseFor(reset * 1000);
  }

  private clientFor(baseUrl: string): ApiClient {
    return this.http.client({
      api: "shipstation",
      baseUrl,
      rates: { default: SHIPSTATION_RATE },
      resetHeaders: ["X-Rate-Limit-Reset"],
      authorize: () => Promise.resolve({ authorization: this.authorization }),
      describeError: describeShipStationError,
    });
  }

  private async call<T>(req: RequestOptions<T>, client = this.api): Promise<T> {
    await this.account.take();
    const response = await client.request(req);
    this.obeyWindow(response.headers);
    return response.body;
  }

  /**
   * Every page of a list. `pages` is not trusted (the blueprint examples
   * show `pages: 0` with rows): a short page is the last one (§4).
   */
  private async allPages<P, R>(
    operation: string,
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    schema: z.ZodType<P>,
    rows: (page: P) => R[],
  ): Promise<R[]> {
    const out: R[] = [];
    for (let page = 1; ; page++) {
      const body = await this.call({
        operation,
        path,
        query: { ...query, page, pageSize: PAGE_SIZE },
        schema,
      });
      const got = rows(body);
      out.push(...got);
      if (got.length < PAGE_SIZE) return out;
    }
  }

  /** GET /stores: the stores hub's channels map to. */
  async listStores(): Promise<ShipStationStore[]> {
    const stores = await this.call({
      operation: "listStores",
      path: "stores",
      query: { showInactive: false },
      schema: storesSchema,
    });
    return stores.map((s) => ({
      storeId: s.storeId,
      storeName: s.storeName,
      marketplaceName: s.marketplaceName ?? undefined,
      active: s.active ?? true,
    }));
  }

  /**
   * POST /orders/createorders in batches of at most 100 (§3). The call is
   * idempotent by orderKey, so a failed batch is retried as the retry
   * policy allows; one that still fails reports each of its orders failed.
   */
  async createOrders(
    bodies: readonly CreateOrderBody[],
  ): Promise<CreateOrderResult[]> {
    const size = Math.min(100, this.settings.int("orders.batch_size", 100));
    const attempts = this.settings.int("orders.retry_attempts", 3);
    const out: CreateOrderResult[] = [];
    for (let start = 0; start < bodies.length; start += size) {
      const batch = bodies.slice(start, start + size);
      out.push(...(await this.createBatch(batch, attempts)));
    }
    return out;
  }

  private async createBatch(
    batch: readonly CreateOrderBody[],
    attempts: number,
  ): Promise<CreateOrderResult[]> {
    let answer: z.infer<typeof createOrdersSchema>;
    try {
      answer = await this.call({
        operation: "createorders",
        method: "POST",
        path: "orders/createorders",
        json: batch,
        attempts,
        schema: createOrdersSchema,
      });
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return batch.map((b) => ({
        orderKey: b.orderKey,
        orderNumber: b.orderNumber,
        success: false,
        errorMessage: error.message,
        retryable: error.details.retryable,
      }));
    }
    return batch.map((body, index) => {
      const result =
        answer.results.find((r) => r.orderKey === body.orderKey) ??
        (answer.results[index]?.orderKey ? undefined : answer.results[index]);
      if (!result) {
        return {
          orderKey: body.orderKey,
          orderNumber: body.orderNumber,
          success: false,
          errorMessage: "ShipStation returned no result for this order",
          retryable: true,
        };
      }
      return {
        orderKey: body.orderKey,
        orderNumber: body.orderNumber,
        ...(result.orderId ? { orderId: result.orderId } : {}),
        success: result.success,
        ...(result.success
          ? {}
          : {
              errorMessage: result.errorMessage ?? "rejected without a message",
              retryable: false,
            }),
      };
    });
  }

  /** GET /orders?orderNumber=: every order ShipStation matches to it. */
  async listOrdersByNumber(orderNumber: string): Promise<ShipStationOrder[]> {
    const orders = await this.allPages(
      "listOrders",
      "orders",
      { orderNumber },
      ordersPageSchema,
      (p) => p.orders,
    );
    return orders.map(toOrder);
  }

  /**
   * Existing orders by order key, for adoption when hub's own record is
   * missing (case B01): V1 has no orderKey filter, so the orderNumber
   * filter is used and the key matched here. With `storeId`, an order with
   * the same key in another store (e.g. Manual Orders) is not adopted.
   */
  async findOrdersByKey(
    orderKeys: readonly string[],
    storeId?: number,
  ): Promise<Map<string, ShipStationOrder>> {
    const wanted = new Set(orderKeys);
    const numbers = new Set(orderKeys.map(orderNumberOfKey));
    const found = new Map<string, ShipStationOrder>();
    for (const number of numbers) {
      for (const order of await this.listOrdersByNumber(number)) {
        if (!order.orderKey || !wanted.has(order.orderKey)) continue;
        if (storeId !== undefined && order.storeId !== storeId) continue;
        found.set(order.orderKey, order);
      }
    }
    return found;
  }

  /** GET /orders/{orderId}; undefined when ShipStation has no such order. */
  async getOrder(orderId: number): Promise<ShipStationOrder | undefined> {
    try {
      const wire = await this.call({
        operation: "getOrder",
        path: `orders/${orderId}`,
        schema: orderSchema,
      });
      return toOrder(wire);
    } catch (error) {
      if (error instanceof UpstreamError && error.details.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** Cancels an open order (re-sent with `cancelled`); `note` says why. */
  cancelOrder(orderId: number, note: string): Promise<StatusChange> {
    return this.changeStatus(orderId, "cancelled", note);
  }

  /** Puts an open order on hold until someone decides; `note` says why. */
  holdOrder(orderId: number, note: string): Promise<StatusChange> {
    return this.changeStatus(orderId, "on_hold", note);
  }

  private async changeStatus(
    orderId: number,
    status: "cancelled" | "on_hold",
    note: string,
  ): Promise<StatusChange> {
    const current = await this.getOrder(orderId);
    if (!current) {
      throw new UpstreamError(`shipstation has no order ${orderId}`, {
        api: "shipstation",
        status: 404,
        retryable: false,
      });
    }
    if (!OPEN_STATUSES.includes(current.orderStatus)) {
      return { changed: false, order: current };
    }
    const wire = await this.call({
      operation: "createorder",
      method: "POST",
      path: "orders/createorder",
      json: statusChangeBody(current.wire, status, note),
      schema: orderSchema,
    });
    return { changed: true, order: toOrder(wire) };
  }

  /**
   * Label shipments created in [since, until) plus those voided since
   * `since` (a label voided later than its creation window is still seen,
   * case B06), with their items, every page. Voided and return labels are
   * returned flagged, not dropped: the pipeline decides.
   */
  async listShipments(window: {
    since: Date;
    until?: Date;
    storeId?: number;
  }): Promise<ShipStationShipment[]> {
    const common = {
      includeShipmentItems: true,
      sortBy: "CreateDate",
      sortDir: "ASC",
      storeId: window.storeId,
    };
    const end = window.until ? formatPacific(window.until) : undefined;
    const created = await this.allPages(
      "listShipments",
      "shipments",
      {
        ...common,
        createDateStart: formatPacific(window.since),
        createDateEnd: end,
      },
      shipmentsPageSchema,
      (p) => p.shipments,
    );
    const voided = await this.allPages(
      "listShipments",
      "shipments",
      {
        ...common,
        voidDateStart: formatPacific(window.since),
        voidDateEnd: end,
      },
      shipmentsPageSchema,
      (p) => p.shipments,
    );
    const byId = new Map<number, ShipStationShipment>();
    for (const wire of [...created, ...voided]) {
      byId.set(wire.shipmentId, toShipment(wire));
    }
    return [...byId.values()].sort(
      (a, b) => a.createDate.getTime() - b.createDate.getTime(),
    );
  }

  /** Orders marked shipped without a label, created since `since` (§4). */
  async listFulfillments(window: {
    since: Date;
    until?: Date;
  }): Promise<ShipStationFulfillment[]> {
    const rows = await this.allPages(
      "listFulfillments",
      "fulfillments",
      {
        createDateStart: formatPacific(window.since),
        createDateEnd: window.until ? formatPacific(window.until) : undefined,
      },
      fulfillmentsPageSchema,
      (p) => p.fulfillments,
    );
    return rows.map(toFulfillment);
  }

  /**
   * GETs a webhook's resource_url, only on ShipStation's own API host:
   * anything else throws before a request is made, so the credentials go
   * nowhere else.
   */
  async getResource(resourceUrl: string): Promise<unknown> {
    const origin = allowedResourceOrigin(resourceUrl, this.baseUrl);
    if (!origin) {
      throw new UpstreamError(
        `refusing to follow a webhook resource_url outside ShipStation's API host (${safeHost(resourceUrl)})`,
        { api: "shipstation", code: "foreign_resource_url", retryable: false },
      );
    }
    const client =
      origin === new URL(this.baseUrl).origin ? this.api : this.shard(origin);
    return this.call({ operation: "getResource", path: resourceUrl }, client);
  }

  /**
   * The shipments a SHIP_NOTIFY resource_url names, with their items:
   * the URL says `includeShipmentItems=False`, so it is overridden (§6).
   */
  async shipmentsOfResource(
    resourceUrl: string,
  ): Promise<ShipStationShipment[]> {
    const out: ShipStationShipment[] = [];
    for (let page = 1; ; page++) {
      const url = new URL(resourceUrl);
      url.searchParams.set("includeShipmentItems", "true");
      url.searchParams.set("page", String(page));
      url.searchParams.set("pageSize", String(PAGE_SIZE));
      const body = shipmentsPageSchema.safeParse(
        await this.getResource(url.toString()),
      );
      if (!body.success) {
        throw new UpstreamError("shipstation resource is not a shipment list", {
          api: "shipstation",
          code: "malformed",
          retryable: false,
        });
      }
      out.push(...body.data.shipments.map(toShipment));
      if (body.data.shipments.length < PAGE_SIZE) return out;
    }
  }

  /** POST /webhooks/subscribe; the new webhook's id. */
  async subscribeWebhook(
    targetUrl: string,
    event: string,
    options: { storeId?: number; friendlyName?: string } = {},
  ): Promise<number> {
    const body = await this.call({
      operation: "subscribeWebhook",
      method: "POST",
      path: "webhooks/subscribe",
      json: {
        target_url: targetUrl,
        event,
        ...(options.storeId !== undefined ? { store_id: options.storeId } : {}),
        ...(options.friendlyName
          ? { friendly_name: options.friendlyName }
          : {}),
      },
      // Not idempotent: a repeat would register a second webhook.
      idempotent: false,
      schema: subscribeSchema,
    });
    const id = body.id ?? body.WebHookID;
    if (id === undefined || id === null) {
      throw new UpstreamError("shipstation subscribe answered without an id", {
        api: "shipstation",
        code: "malformed",
        retryable: false,
      });
    }
    return id;
  }

  private shard(origin: string): ApiClient {
    let client = this.shards.get(origin);
    if (!client) {
      client = this.clientFor(origin);
      this.shards.set(origin, client);
    }
    return client;
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "not a URL";
  }
}
