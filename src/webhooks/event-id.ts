import { createHash } from "node:crypto";

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}

/**
 * ShipStation sends no delivery id; its `resource_url` names one import or
 * label batch, so a repeated delivery of the same batch is one event.
 */
export function shipStationEventId(
  resourceType: string,
  resourceUrl: string,
): string {
  return `shipstation:${resourceType}:${digest(resourceUrl)}`;
}

/** The fields of a Zoho item event that identify it. */
export interface ZohoIdentity {
  item_id: string;
  last_modified_time?: string | undefined;
  stock_on_hand?: string | number | undefined;
  available_stock?: string | number | undefined;
}

/**
 * Zoho sends no delivery id either. With the item's `last_modified_time` in
 * the body, item + time names the change. Without it, the same body within
 * one minute is taken as a repeat; a later identical body is a new event,
 * because stock may have moved away and back in between.
 */
export function zohoEventId(event: ZohoIdentity, receivedAt: Date): string {
  if (event.last_modified_time) {
    return `zoho:item:${event.item_id}:${event.last_modified_time}`;
  }
  const minute = receivedAt.toISOString().slice(0, 16);
  const figures = digest(
    JSON.stringify([event.stock_on_hand ?? null, event.available_stock ?? null]),
  );
  return `zoho:item:${event.item_id}:${minute}:${figures.slice(0, 16)}`;
}
