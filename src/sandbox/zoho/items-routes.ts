import type { Route, SandboxRequest, SandboxResponse } from "../contract.js";
import { itemNotFound, zohoError } from "./errors.js";
import { parseZohoTime, renderItem, renderListItem } from "./render.js";
import type { ZohoItem, ZohoState } from "./state.js";

/** Default and largest page size of Zoho list calls. */
export const MAX_PER_PAGE = 200;

type Filter = (items: ZohoItem[], value: string) => ZohoItem[];

const lower = (s: string) => s.toLowerCase();

const FILTERS: Record<string, Filter> = {
  sku: (xs, v) => xs.filter((i) => i.sku === v),
  sku_startswith: (xs, v) =>
    xs.filter((i) => lower(i.sku).startsWith(lower(v))),
  sku_contains: (xs, v) => xs.filter((i) => lower(i.sku).includes(lower(v))),
  item_id: (xs, v) => xs.filter((i) => i.item_id === v),
  name: (xs, v) => xs.filter((i) => i.name === v),
  name_startswith: (xs, v) =>
    xs.filter((i) => lower(i.name).startsWith(lower(v))),
  name_contains: (xs, v) => xs.filter((i) => lower(i.name).includes(lower(v))),
  search_text: (xs, v) =>
    xs.filter(
      (i) =>
        lower(i.name).includes(lower(v)) || lower(i.sku).includes(lower(v)),
    ),
  status: (xs, v) => (v === "inactive" ? [] : xs),
};

const SORTS: Record<string, (i: ZohoItem) => string | number> = {
  name: (i) => lower(i.name),
  sku: (i) => i.sku,
  rate: (i) => i.rate,
  created_time: (i) => i.created.getTime(),
  last_modified_time: (i) => i.modified.getTime(),
};

function applyFilterBy(items: ZohoItem[], filterBy: string): ZohoItem[] {
  switch (filterBy) {
    case "Status.Inactive":
      return [];
    case "Status.Lowstock":
      return items.filter((i) => i.available <= 5);
    default:
      return items;
  }
}

function listItems(state: ZohoState, req: SandboxRequest): SandboxResponse {
  const q = req.query;
  let rows = state.items;
  for (const [name, filter] of Object.entries(FILTERS)) {
    const v = q.get(name);
    if (v !== null && v !== "") rows = filter(rows, v);
  }
  const filterBy = q.get("filter_by") ?? "Status.All";
  rows = applyFilterBy(rows, filterBy);
  const since = q.get("last_modified_time");
  if (since) {
    const d = parseZohoTime(since);
    if (!d) {
      return zohoError(400, 2, "Invalid value passed for last_modified_time");
    }
    rows = rows.filter((i) => i.modified > d);
  }
  const sortColumn = q.get("sort_column") ?? "name";
  const key = SORTS[sortColumn];
  if (!key) return zohoError(400, 2, "Invalid value passed for sort_column");
  const sortOrder = q.get("sort_order") === "D" ? "D" : "A";
  const dir = sortOrder === "D" ? -1 : 1;
  rows = [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir;
  });
  const page = Math.max(1, Math.floor(Number(q.get("page") ?? 1)) || 1);
  const asked = Math.floor(Number(q.get("per_page") ?? MAX_PER_PAGE));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, asked || MAX_PER_PAGE));
  const start = (page - 1) * perPage;
  return {
    status: 200,
    body: {
      code: 0,
      message: "success",
      items: rows.slice(start, start + perPage).map(renderListItem),
      page_context: {
        page,
        per_page: perPage,
        has_more_page: start + perPage < rows.length,
        report_name: "Items",
        applied_filter: filterBy,
        sort_column: sortColumn,
        sort_order: sortOrder,
      },
    },
  };
}

function getItem(state: ZohoState, req: SandboxRequest): SandboxResponse {
  const item = state.byId(req.params.itemId ?? "");
  if (!item) return itemNotFound();
  return {
    status: 200,
    body: { code: 0, message: "success", item: renderItem(item) },
  };
}

/**
 * Item routes. `/api/v1/…` is the documented `inventory.zoho.<dc>/api/v1`
 * form; `/inventory/v1/…` mirrors the `www.zohoapis.<dc>` form, which is
 * what a client building URLs from the token's `api_domain` will call.
 */
export function itemRoutes(state: ZohoState): Route[] {
  return ["/api/v1", "/inventory/v1"].flatMap((base): Route[] => [
    {
      method: "GET",
      path: `${base}/items`,
      handle: (req) => listItems(state, req),
    },
    {
      method: "GET",
      path: `${base}/items/:itemId`,
      handle: (req) => getItem(state, req),
    },
  ]);
}
