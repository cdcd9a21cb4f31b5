import type {
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { ebayErrors, type EbayError } from "./errors.js";
import { channelOf, isRecord, jsonBody } from "./request.js";

/** At most 25 SKUs/offers per bulkUpdatePriceQuantity (ebay.md §4a). */
export const BULK_UPDATE_LIMIT = 25;

// Inventory API error ids: ebay.md documents the per-entry envelope but
// not the ids; 25709 is the Inventory API's "invalid value" and 25702 its
// unknown-SKU error.
const INVALID_VALUE = 25709;
const SKU_NOT_FOUND = 25702;

interface EntryResponse {
  statusCode: number;
  sku?: string;
  offerId?: string;
  errors: EbayError[];
  warnings: EbayError[];
}

function inventoryError(errorId: number, message: string): EbayError {
  return { errorId, domain: "API_INVENTORY", category: "REQUEST", message };
}

function quantityOf(entry: Record<string, unknown>): unknown {
  const availability = entry["shipToLocationAvailability"];
  if (isRecord(availability)) return availability["quantity"];
  // In the sandbox a SKU has one offer, so an offer's availableQuantity is
  // the SKU's quantity on this channel.
  const offers = entry["offers"];
  if (Array.isArray(offers) && isRecord(offers[0])) {
    return offers[0]["availableQuantity"];
  }
  return undefined;
}

function offerIdOf(entry: Record<string, unknown>): string | undefined {
  const offers = entry["offers"];
  if (!Array.isArray(offers) || !isRecord(offers[0])) return undefined;
  const id = offers[0]["offerId"];
  return typeof id === "string" ? id : undefined;
}

function applyEntry(
  world: SandboxWorld,
  channel: string,
  entry: unknown,
): EntryResponse {
  const record = isRecord(entry) ? entry : {};
  const sku = typeof record["sku"] === "string" ? record["sku"] : undefined;
  const response: EntryResponse = { statusCode: 200, errors: [], warnings: [] };
  if (sku !== undefined) response.sku = sku;
  const offerId = offerIdOf(record);
  if (offerId !== undefined) response.offerId = offerId;

  // Classic listings are invisible to the Inventory API (ebay.md §0.4):
  // only catalogue SKUs exist here, and an entry must name one.
  if (sku === undefined || !world.scenario.items.some((i) => i.sku === sku)) {
    response.statusCode = 404;
    response.errors.push(
      inventoryError(SKU_NOT_FOUND, "SKU could not be found"),
    );
    return response;
  }
  const quantity = quantityOf(record);
  if (
    typeof quantity !== "number" ||
    !Number.isInteger(quantity) ||
    quantity < 0
  ) {
    response.statusCode = 400;
    response.errors.push(
      inventoryError(INVALID_VALUE, "Invalid value for quantity"),
    );
    return response;
  }
  world.setQuantity(channel, sku, quantity);
  return response;
}

/** bulkUpdatePriceQuantity: 200 if every entry took, 207 otherwise. */
export function bulkUpdatePriceQuantity(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const body = jsonBody(req);
  const requests = isRecord(body) ? body["requests"] : undefined;
  if (
    !Array.isArray(requests) ||
    requests.length === 0 ||
    requests.length > BULK_UPDATE_LIMIT
  ) {
    return ebayErrors(400, {
      ...inventoryError(INVALID_VALUE, "Invalid value for requests"),
      longMessage: `Send between 1 and ${BULK_UPDATE_LIMIT} requests.`,
    });
  }
  const channel = channelOf(req).id;
  const responses = requests.map((entry) => applyEntry(world, channel, entry));
  const allOk = responses.every((r) => r.statusCode === 200);
  return { status: allOk ? 200 : 207, body: { responses } };
}
