import { z } from "zod";

/**
 * Every setting hub knows, declared once: its key pattern, type and range,
 * default and one line of help. `<id>` stands for a channel id, `<sku>` for a
 * SKU, `<carrier>` for a ShipStation carrierCode.
 */
export interface SettingSpec {
  pattern: string;
  help: string;
  /** What a valid value looks like, for refusals and the editor. */
  allowed: string;
  schema: z.ZodType;
  default?: unknown;
}

const CHANNEL_KINDS = ["amazon", "ebay", "mirakl", "rithum"] as const;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

const int = (min: number, max = 1_000_000_000) =>
  z.coerce.number().int().min(min).max(max);
const bool = z.preprocess(
  (v) => (v === "true" ? true : v === "false" ? false : v),
  z.boolean(),
);
// Link-local addresses (169.254.x.x, fe80::) are cloud metadata services,
// never an API hub talks to: credentials must not go there.
const url = z
  .url({ protocol: /^https?$/ })
  .refine((value) => !/^https?:\/\/(169\.254\.|\[fe80:)/i.test(value), {
    message: "a link-local address is never an API",
  });
const text = z.string().min(1).max(500);
const emails = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.email()).max(20),
);
const phones = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/)).max(20),
);

const s = (
  pattern: string,
  schema: z.ZodType,
  allowed: string,
  help: string,
  def?: unknown,
): SettingSpec => ({ pattern, schema, allowed, help, default: def });

export const SETTINGS: readonly SettingSpec[] = [
  // Inventory rules (INVENTORY.md).
  s("inventory.safety_stock", int(0), "a whole number ≥ 0", "units never published for a SKU", 1),
  s("inventory.max_oversell_pct", int(100, 1000), "a whole number from 100 to 1000", "all channels together never show more than this percent of sellable stock", 150),
  s("inventory.min_publish_qty", int(0), "a whole number ≥ 0", "a computed quantity below this is published as 0", 0),
  s("inventory.low_stock_threshold", int(0), "a whole number ≥ 0", "at or below this many sellable units a SKU is protected", 1),
  s("inventory.rebalance_interval_minutes", int(5, 10080), "a whole number of minutes from 5 to 10080", "how often cron runs rebalance", 240),
  s("inventory.shadow_mode", z.enum(["until_shipped", "until_snapshot"]), "until_shipped or until_snapshot", "when a shadow deduction closes", "until_shipped"),
  s("inventory.settle_minutes", int(0, 10080), "a whole number of minutes from 0 to 10080", "minutes after a shipment before its deduction closes", 60),
  s("inventory.guard_zero_share_pct", int(0, 100), "a whole percent from 0 to 100", "stop a publication that would drop more than this share of SKUs to 0", 20),
  s("inventory.guard_exposure_drop_pct", int(0, 100), "a whole percent from 0 to 100", "stop a publication that would cut total exposure by more than this share", 50),
  s("inventory.retry_attempts", int(1, 20), "a whole number from 1 to 20", "attempts per publication before it waits for the next run", 3),
  s("sku.<sku>.safety_stock", int(0), "a whole number ≥ 0", "safety stock for one SKU"),
  s("sku.<sku>.ratio.<id>", int(0, 100), "a whole percent from 0 to 100", "ratio of one SKU on one channel"),

  // Orders and tracking.
  s("orders.overlap_minutes", int(0, 1440), "a whole number of minutes from 0 to 1440", "how far before the cursor each pull reads again", 15),
  s("orders.retry_attempts", int(1, 20), "a whole number from 1 to 20", "attempts to create an order in ShipStation", 3),
  s("orders.initial_lookback_days", int(1, 90), "a whole number of days from 1 to 90", "how far back the first pull of a channel reads", 7),
  s("orders.batch_size", int(1, 100), "a whole number from 1 to 100", "orders per ShipStation createorders call", 100),
  s("tracking.overlap_minutes", int(0, 1440), "a whole number of minutes from 0 to 1440", "how far before the cursor each tracking run reads again", 15),
  s("tracking.retry_attempts", int(1, 20), "a whole number from 1 to 20", "attempts to push one package before it is dead-lettered", 5),

  // Channels.
  s("channels.<id>.kind", z.enum(CHANNEL_KINDS), CHANNEL_KINDS.join(", "), "the marketplace kind of the channel"),
  s("channels.<id>.enabled", bool, "true or false", "whether hub pulls, pushes and publishes for the channel", true),
  s("channels.<id>.ratio", int(0, 100), "a whole percent from 0 to 100", "percent of sellable stock the channel shows", 0),
  s("channels.<id>.store_id", int(1), "a ShipStation store id (a whole number ≥ 1)", "ShipStation store the channel's orders go to"),
  s("channels.<id>.endpoint", url, "an http(s) URL", "API base URL (Amazon region endpoint, Mirakl instance, …)"),
  s("channels.<id>.token_endpoint", url, "an http(s) URL", "OAuth token URL, if not the vendor's default"),
  s("channels.<id>.region", z.enum(["na", "eu", "fe"]), "na, eu or fe", "Amazon SP-API region"),
  s("channels.<id>.marketplace_id", text, "a marketplace id such as ATVPDKIKX0DER or EBAY_US", "Amazon or eBay marketplace id"),
  s("channels.<id>.seller_id", text, "the seller (merchant) id", "Amazon seller id, used by listings calls"),
  s("channels.<id>.product_type", text, "an Amazon product type such as PRODUCT or HOME", "Amazon product type sent with listing quantity updates", "PRODUCT"),
  s("channels.<id>.quantity_group", text, "a group name", "channels sharing one quantity per SKU (one Amazon unified account)"),
  s("channels.<id>.auto_accept", bool, "true or false", "Mirakl: accept orders automatically (OR21), refusing lines hub cannot fill", false),
  s("channels.<id>.profile_id", text, "a Rithum profile id", "Rithum profile id"),
  s("channels.<id>.distribution_center_id", text, "a Rithum distribution centre id", "Rithum distribution centre quantities are set in"),
  s("channels.<id>.silence_hours", int(0, 720), "a whole number of hours from 0 to 720 (0 = never)", "alert when the channel had no order for this long", 0),
  s("channels.<id>.carrier.<carrier>", text, "the marketplace's carrier name or code", "carrier this ShipStation carrierCode is sent as"),

  // ShipStation and Zoho.
  s("shipstation.endpoint", url, "an http(s) URL", "ShipStation V1 API base URL", "https://ssapi.shipstation.com"),
  s("zoho.data_center", z.enum(["com", "eu", "in", "com.au", "jp", "ca", "com.cn", "sa"]), "com, eu, in, com.au, jp, ca, com.cn or sa", "Zoho data centre of the organization", "com"),
  s("zoho.organization_id", z.string().regex(/^[0-9]{1,30}$/), "the Zoho organization id (digits)", "Zoho Inventory organization id"),

  // Operations.
  s("retention.days", int(1, 3650), "a whole number of days from 1 to 3650", "history older than this is deleted by cleanup", 90),
  s("alerts.email_to", emails, "comma-separated email addresses", "who receives alert mail", []),
  s("alerts.email_from", z.email(), "an email address", "sender of alert mail", "hub-alerts@example.invalid"),
  s("alerts.sms_to", phones, "comma-separated phone numbers", "who receives alert SMS", []),
  s("alerts.sms_base_url", url, "an http(s) URL", "base URL of the Twilio-compatible SMS API"),
  s("alerts.quiet_minutes", int(0, 10080), "a whole number of minutes from 0 to 10080", "the same alert is not repeated within this period", 60),
  s("schedule.<command>.interval_minutes", int(1, 10080), "a whole number of minutes from 1 to 10080", "how often cron runs the command (dead man's switch: alert after twice this)"),
];

const compiled = SETTINGS.map((spec) => ({
  spec,
  regex: new RegExp(
    `^${spec.pattern
      .replace(/\./g, "\\.")
      .replace("<id>", "([a-z0-9][a-z0-9_-]{0,63})")
      .replace("<sku>", "([A-Za-z0-9][A-Za-z0-9._/-]{0,99})")
      .replace("<carrier>", "([a-z0-9_-]{1,64})")
      .replace("<command>", "(pull-orders|push-tracking|allocate|rebalance|cleanup)")}$`,
  ),
}));

/** The spec a key belongs to, or undefined for an unknown key. */
export function findSetting(key: string): SettingSpec | undefined {
  // A SKU may itself contain dots: `sku.<sku>.ratio.<id>` is tried before
  // `sku.<sku>.safety_stock` only by its regex, which anchors both ends.
  return compiled.find(({ regex }) => regex.test(key))?.spec;
}

/** The channel kinds hub has connectors for. */
export const channelKinds: readonly ChannelKindName[] = CHANNEL_KINDS;
