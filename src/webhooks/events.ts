import { z } from "zod";
import { allowedResourceOrigin } from "../shipstation/resource-url.js";
import { shipStationEventId, zohoEventId } from "./event-id.js";

/** An event that passed every check, ready for the inbox. */
export interface AcceptedEvent {
  source: "shipstation" | "zoho";
  eventId: string;
  resourceType: string;
  payload: Record<string, unknown>;
}

/** A refusal: the HTTP status and a message for the sender. */
export interface Refusal {
  status: number;
  message: string;
}

export type ParseResult =
  | { ok: true; event: AcceptedEvent }
  | { ok: false; refusal: Refusal };

// Event names from both the V1 blueprint and the current docs
// (api-reference/shipstation.md §6).
const SHIPSTATION_EVENTS = [
  "ORDER_NOTIFY",
  "ITEM_ORDER_NOTIFY",
  "SHIP_NOTIFY",
  "ITEM_SHIP_NOTIFY",
  "FULFILLMENT_SHIPPED",
  "FULFILLMENT_REJECTED",
] as const;

// ShipStation defines this body, so a field it adds later is ignored (and
// kept in the raw text) rather than refused.
const shipStationSchema = z.object({
  resource_url: z.url({ protocol: /^https?$/ }).max(2048),
  resource_type: z.enum(SHIPSTATION_EVENTS),
});

// Item ids have up to 19 digits: as JSON numbers they would already have
// lost their last digits, so only strings are accepted.
const digits = z.string().regex(/^[0-9]{1,30}$/, "expected a string of digits");
const figure = z.union([
  z.string().regex(/^-?[0-9]+(\.[0-9]+)?$/, "expected a number"),
  z.number(),
]);

// The seller writes this body in a Zoho workflow rule (zoho.md §5): strict,
// so a misspelt placeholder is refused at once with its name.
const zohoSchema = z.strictObject({
  event: z.string().min(1).max(100).optional(),
  organization_id: digits.optional(),
  item_id: digits,
  sku: z.string().trim().min(1).max(200),
  stock_on_hand: figure.optional(),
  available_stock: figure.optional(),
  last_modified_time: z.string().min(1).max(40).optional(),
});

/** Parses a JSON body; a refusal names the first problems found. */
function parseJson<T>(text: string, schema: z.ZodType<T>): T | Refusal {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 400, message: "the body is not valid JSON" };
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "body"}: ${i.message}`)
    .join("; ");
  return { status: 400, message: `invalid event: ${problems}` };
}

function isRefusal(value: unknown): value is Refusal {
  return (
    typeof value === "object" &&
    value !== null &&
    "status" in value &&
    "message" in value
  );
}

/**
 * Checks a ShipStation V1 delivery. Its `resource_url` is what push-tracking
 * later fetches with the API credentials, so a URL outside the configured
 * ShipStation host is refused here and never stored.
 */
export function parseShipStationEvent(
  text: string,
  shipStationBase: string,
): ParseResult {
  const body = parseJson(text, shipStationSchema);
  if (isRefusal(body)) return { ok: false, refusal: body };
  if (!allowedResourceOrigin(body.resource_url, shipStationBase)) {
    return {
      ok: false,
      refusal: {
        status: 422,
        message: "resource_url is not on the ShipStation API host",
      },
    };
  }
  return {
    ok: true,
    event: {
      source: "shipstation",
      eventId: shipStationEventId(body.resource_type, body.resource_url),
      resourceType: body.resource_type,
      payload: body,
    },
  };
}

/** Checks a Zoho workflow-rule item webhook. */
export function parseZohoEvent(text: string, receivedAt: Date): ParseResult {
  const body = parseJson(text, zohoSchema);
  if (isRefusal(body)) return { ok: false, refusal: body };
  return {
    ok: true,
    event: {
      source: "zoho",
      eventId: zohoEventId(body, receivedAt),
      resourceType: body.event ?? "item",
      payload: body,
    },
  };
}
