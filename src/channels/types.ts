import type { Knex } from "knex";
import type { ChannelConfig } from "../config/settings.js";
import type { HttpContext } from "../http/http-context.js";
import type { Logger } from "../log/logger.js";

/**
 * The one order model every marketplace connector produces. Money is always
 * a decimal string, never a float; times are UTC ISO 8601.
 */
export interface Address {
  name: string;
  company?: string;
  street1: string;
  street2?: string;
  street3?: string;
  city: string;
  state?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2 (connectors convert Mirakl's alpha-3). */
  country: string;
  phone?: string;
  email?: string;
}

export interface OrderLine {
  /**
   * The marketplace's id of the line, needed again to confirm shipment:
   * Amazon orderItemId, eBay lineItemId, Mirakl order_line_id, Rithum item ID.
   */
  lineId: string;
  sku: string;
  title: string;
  quantity: number;
  /** Price of one unit. */
  unitPrice: string;
  /** Tax of the whole line. */
  tax: string;
}

/**
 * Where an order stands, in hub's words. `not_ready` and
 * `awaiting_acceptance` are parked, not quarantined: a later run sends them.
 */
export type OrderState =
  | "not_ready"
  | "awaiting_acceptance"
  | "ready"
  | "partially_shipped"
  | "shipped"
  | "cancelled"
  | "cancel_requested";

export interface MarketplaceOrder {
  channel: string;
  orderId: string;
  state: OrderState;
  /** Why a not_ready order waits, in the operator's words. */
  notReadyReason?: string;
  /** The marketplace's own status word, kept for the operator. */
  vendorStatus: string;
  createdAt: string;
  updatedAt: string;
  currency: string;
  shippingPrice: string;
  buyer: { name?: string; email?: string };
  /** Absent while the marketplace hides it (Mirakl before SHIPPING). */
  shipTo?: Address;
  lines: OrderLine[];
  /** The shipping service the buyer chose, as the marketplace names it. */
  requestedService?: string;
  /** The latest ship date the marketplace expects, if it gives one. */
  shipBy?: string;
  /** The marketplace's payload as received: kept for quarantine and replay. */
  raw: unknown;
}

/** Orders updated in [since, until). */
export interface OrderWindow {
  since: Date;
  /** Absent = as late as the API allows (Amazon: two minutes ago). */
  until?: Date;
  /**
   * Orders already in ShipStation, by marketplace order id, with the update
   * time hub last saw: a connector that reads each listed order again (eBay)
   * may skip one listed with that same time, since nothing changed.
   */
  sent?: ReadonlyMap<string, Date>;
}

export interface OrderFetch {
  orders: MarketplaceOrder[];
  /**
   * The upper bound that was really read, every page included: the cursor
   * may move here, never further.
   */
  readUntil: Date;
}

/**
 * Orders hub still waits on in one channel, for a marketplace whose order
 * list filters on creation time only: these change after their window.
 */
export interface HeldOrders {
  /** Marketplace ids of orders parked or not yet accepted by ShipStation. */
  waiting: string[];
  /** Creation time of the oldest order sent and not yet shipped. */
  openSince?: Date;
}

/** One package of one order to confirm on the marketplace. */
export interface PackageConfirmation {
  orderId: string;
  /** Stable per package (ShipStation shipmentId); Amazon packageReferenceId. */
  packageRef: string;
  /** ShipStation's carrierCode and serviceCode, mapped by the connector. */
  carrierCode: string;
  serviceCode?: string;
  trackingNumber: string;
  /** ISO 8601 with an explicit offset. */
  shipDate: string;
  lines: Array<{ lineId: string; sku: string; quantity: number }>;
  /** True when every unit of the order is covered after this package. */
  completesOrder: boolean;
  /**
   * Tracking numbers of this order's voided labels that had already reached
   * the marketplace and whose units this package ships again (case B06): a
   * connector that can correct counts those packages out.
   */
  replacesTracking?: string[];
}

export type ConfirmationResult =
  | { outcome: "pushed"; carrierSent: string }
  /** The marketplace already has this tracking: counts as done. */
  | { outcome: "already_done"; carrierSent: string }
  /** The marketplace has a different tracking for this package or order. */
  | { outcome: "mismatch"; carrierSent: string; existingTracking: string };

export interface QuantityUpdate {
  sku: string;
  quantity: number;
}

export interface QuantityOutcome {
  sku: string;
  status: "sent" | "failed" | "refused";
  error?: string;
  /** For failed: whether another attempt may succeed. */
  retryable?: boolean;
}

/** What `hub doctor` learns from one cheap authenticated call. */
export interface CredentialCheck {
  /** The API's Date header, for clock skew. */
  serverDate?: Date;
  tokenExpiresAt?: Date;
}

/**
 * One marketplace account. Failures are thrown: UpstreamError (retryable or
 * not) for the API, ConfigError where the operator must act (an unmapped
 * carrier on a marketplace that has no "other" carrier, a missing setting).
 */
export interface ChannelConnector {
  readonly channel: ChannelConfig;
  /** Every order updated in the window, all pages followed. */
  fetchOrders(window: OrderWindow): Promise<OrderFetch>;
  /** One order, fresh (replay, and hydration where a list hides fields). */
  fetchOrder(orderId: string): Promise<MarketplaceOrder | undefined>;
  /**
   * Only where the order list filters on creation time (Rithum): the
   * waiting orders as they stand now, and the open ones since cancelled,
   * however long ago they were created.
   */
  recheckOrders?(held: HeldOrders): Promise<MarketplaceOrder[]>;
  /** Mirakl OR21: accept (true) or refuse (false) each line. */
  acceptOrder?(order: MarketplaceOrder, decisions: Record<string, boolean>): Promise<void>;
  /**
   * Where confirming a package first reads its order from a slow-paced
   * list (Mirakl OR11, once a minute): reads the run's orders ahead in as
   * few calls as possible. Failures are left to `confirmPackage`.
   */
  prepareConfirmations?(orderIds: readonly string[]): Promise<void>;
  confirmPackage(pkg: PackageConfirmation): Promise<ConfirmationResult>;
  /** Absolute quantities, batched as the API allows; one outcome per SKU. */
  publishQuantities(updates: readonly QuantityUpdate[]): Promise<QuantityOutcome[]>;
  checkCredentials(): Promise<CredentialCheck>;
}

/** What a connector is built from. */
export interface ConnectorDeps {
  channel: ChannelConfig;
  /** For the access-token cache (storage/tokens.ts). */
  knex: Knex;
  http: HttpContext;
  logger: Logger;
}

export type ConnectorFactory = (deps: ConnectorDeps) => ChannelConnector;
