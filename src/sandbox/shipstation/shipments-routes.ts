import type { Route, SandboxRequest, SandboxResponse } from "../contract.js";
import { invalidRequest } from "./errors.js";
import type { SsFulfillment, SsShipment } from "./model.js";
import { inDateRange, pageOf, QueryError, sorted } from "./paging.js";
import { renderFulfillment, renderShipment } from "./render.js";
import type { ShipStationState } from "./state.js";

function eq(q: URLSearchParams, name: string, value: unknown): boolean {
  const want = q.get(name);
  return want === null || want === "" || String(value) === want;
}

/**
 * GET /shipments filters. Voided labels stay in the list with `voided` and
 * `voidDate`, as the live API returns them.
 */
export function filterShipments(
  rows: SsShipment[],
  q: URLSearchParams,
): SsShipment[] {
  let out = rows.filter(
    (s) =>
      eq(q, "orderId", s.orderId) &&
      eq(q, "orderKey", s.orderKey) &&
      eq(q, "orderNumber", s.orderNumber) &&
      eq(q, "trackingNumber", s.trackingNumber) &&
      eq(q, "carrierCode", s.carrierCode) &&
      eq(q, "serviceCode", s.serviceCode) &&
      eq(q, "storeId", s.storeId) &&
      eq(q, "batchId", s.batchNumber) &&
      eq(q, "recipientCountryCode", s.shipTo.country) &&
      eq(q, "recipientName", s.shipTo.name),
  );
  out = inDateRange(out, q, "createDate", (s) => s.createDate);
  out = inDateRange(out, q, "shipDate", (s) => s.shipDate);
  out = inDateRange(out, q, "voidDate", (s) => s.voidDate);
  return sorted(out, q, {
    ShipDate: (s) => s.shipDate,
    CreateDate: (s) => s.createDate,
  });
}

function filterFulfillments(
  rows: SsFulfillment[],
  q: URLSearchParams,
): SsFulfillment[] {
  let out = rows.filter(
    (f) =>
      eq(q, "fulfillmentId", f.fulfillmentId) &&
      eq(q, "orderId", f.orderId) &&
      eq(q, "orderNumber", f.orderNumber) &&
      eq(q, "trackingNumber", f.trackingNumber) &&
      eq(q, "recipientName", f.shipTo.name),
  );
  out = inDateRange(out, q, "createDate", (f) => f.createDate);
  out = inDateRange(out, q, "shipDate", (f) => f.shipDate);
  return out;
}

function guarded(run: () => SandboxResponse): SandboxResponse {
  try {
    return run();
  } catch (e) {
    if (e instanceof QueryError) {
      return invalidRequest({ [e.field]: [e.message] });
    }
    throw e;
  }
}

function listShipments(state: ShipStationState, req: SandboxRequest) {
  return guarded(() => {
    const withItems =
      req.query.get("includeShipmentItems")?.toLowerCase() === "true";
    const page = pageOf(filterShipments(state.shipments, req.query), req.query);
    return {
      status: 200,
      body: {
        shipments: page.rows.map((s) => renderShipment(s, withItems)),
        total: page.total,
        page: page.page,
        pages: page.pages,
      },
    };
  });
}

function listFulfillments(state: ShipStationState, req: SandboxRequest) {
  return guarded(() => {
    const rows = filterFulfillments(state.fulfillments, req.query);
    const page = pageOf(rows, req.query);
    return {
      status: 200,
      body: {
        fulfillments: page.rows.map(renderFulfillment),
        total: page.total,
        page: page.page,
        pages: page.pages,
      },
    };
  });
}

/** GET /shipments and GET /fulfillments. */
export function shipmentRoutes(state: ShipStationState): Route[] {
  return [
    {
      method: "GET",
      path: "/shipments",
      handle: (req) => listShipments(state, req),
    },
    {
      method: "GET",
      path: "/fulfillments",
      handle: (req) => listFulfillments(state, req),
    },
  ];
}
