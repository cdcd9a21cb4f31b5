import type {
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { withApiKey } from "./auth.js";
import { miraklError, tooManyRequests } from "./errors.js";
import { channelOf, isRecord, jsonBody } from "./request.js";

interface OfferImport {
  import_id: number;
  channel: string;
  date_created: string;
  offer_inserted: number;
  offer_updated: number;
  offer_deleted: number;
  lines_in_error: number;
}

/**
 * The quantity an OF24 offer leaves behind. OF24 resets every field it is
 * not sent to its default (mirakl.md §0.4), quantity included: an offer
 * sent for a price change alone drops to 0 units, as on a real instance.
 */
export function quantityAfterOf24(offer: Record<string, unknown>): number {
  if (offer["update_delete"] === "delete") return 0;
  const quantity = Number(offer["quantity"] ?? 0);
  return Number.isInteger(quantity) && quantity >= 0 ? quantity : 0;
}

/** OF24 (`POST /api/offers`) and OF02 (its import status). */
export function offerRoutes(world: SandboxWorld): Route[] {
  const imports = new Map<number, OfferImport>();
  // Every field of each offer as last sent; what was not sent is gone.
  const offers = new Map<string, Record<string, unknown>>();
  let next = 5001;

  const upsert = (req: SandboxRequest): SandboxResponse => {
    const body = jsonBody(req);
    const list = isRecord(body) ? body["offers"] : undefined;
    if (!Array.isArray(list) || list.length === 0) {
      return miraklError(400, "The offers list is missing or empty");
    }
    const channel = channelOf(req).id;
    const known = new Set(world.scenario.items.map((i) => i.sku));
    const result: OfferImport = {
      import_id: next,
      channel,
      date_created: world
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      offer_inserted: 0,
      offer_updated: 0,
      offer_deleted: 0,
      lines_in_error: 0,
    };
    next += 1;
    for (const offer of list) {
      const sku = isRecord(offer) ? offer["shop_sku"] : undefined;
      if (!isRecord(offer) || typeof sku !== "string" || !known.has(sku)) {
        result.lines_in_error += 1;
        continue;
      }
      const key = `${channel}/${sku}`;
      if (offer["update_delete"] === "delete") result.offer_deleted += 1;
      else if (offers.has(key)) result.offer_updated += 1;
      else result.offer_inserted += 1;
      offers.set(key, { ...offer });
      world.setQuantity(channel, sku, quantityAfterOf24(offer));
    }
    imports.set(result.import_id, result);
    return { status: 201, body: { import_id: result.import_id } };
  };

  const status = (req: SandboxRequest): SandboxResponse => {
    const found = imports.get(Number(req.params["importId"]));
    if (found === undefined || found.channel !== channelOf(req).id) {
      return miraklError(404, "Import not found");
    }
    const read =
      found.offer_inserted +
      found.offer_updated +
      found.offer_deleted +
      found.lines_in_error;
    return {
      status: 200,
      body: {
        import_id: found.import_id,
        date_created: found.date_created,
        offer_inserted: found.offer_inserted,
        offer_updated: found.offer_updated,
        offer_deleted: found.offer_deleted,
        lines_in_error: found.lines_in_error,
        has_error_report: found.lines_in_error > 0,
        lines_in_pending: 0,
        lines_in_success: read - found.lines_in_error,
        lines_read: read,
        mode: "NORMAL",
        status: "COMPLETE",
      },
    };
  };

  return [
    {
      method: "POST",
      path: "/api/offers",
      // Maximum usage once per minute (mirakl.md §6).
      rate: { perSecond: 1 / 60, burst: 1 },
      throttled: tooManyRequests,
      handle: withApiKey(upsert),
    },
    {
      method: "GET",
      path: "/api/offers/imports/:importId",
      throttled: tooManyRequests,
      handle: withApiKey(status),
    },
  ];
}
