import type {
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { withApiKey } from "./auth.js";
import { miraklError, tooManyRequests } from "./errors.js";
import { formPart, parseSemicolonCsv } from "./multipart.js";
import { planStockImport, type StockLineError } from "./plan-stock.js";
import { channelOf, header } from "./request.js";

interface StockImport {
  import_id: string;
  channel: string;
  date_created: string;
  lines_in_success: number;
  lines_in_error: number;
  errors: StockLineError[];
}

const REQUIRED_COLUMNS = ["offer-sku", "quantity"];

/** STO01/STO02/STO03 over one registry of imports. */
export function stockImportRoutes(world: SandboxWorld): Route[] {
  const imports = new Map<string, StockImport>();
  let next = 2001;

  const find = (req: SandboxRequest): StockImport | undefined => {
    const found = imports.get(req.params["importId"] ?? "");
    return found?.channel === channelOf(req).id ? found : undefined;
  };

  const create = (req: SandboxRequest): SandboxResponse => {
    const csv = formPart(header(req, "content-type"), req.rawBody, "file");
    if (csv === undefined) {
      return miraklError(400, "The file part is missing from the request");
    }
    const rows = parseSemicolonCsv(csv);
    const columns = Object.keys(rows[0] ?? {});
    if (
      rows.length === 0 ||
      !REQUIRED_COLUMNS.every((c) => columns.includes(c))
    ) {
      return miraklError(400, "The file is empty or has no valid header");
    }
    const channel = channelOf(req).id;
    const known = new Set(world.scenario.items.map((i) => i.sku));
    const plan = planStockImport(rows, known);
    for (const [sku, quantity] of plan.quantities) {
      world.setQuantity(channel, sku, quantity);
    }
    const id = String(next);
    next += 1;
    imports.set(id, {
      import_id: id,
      channel,
      date_created: world
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, "Z"),
      lines_in_success: plan.lines - plan.errors.length,
      lines_in_error: plan.errors.length,
      errors: plan.errors,
    });
    return { status: 201, body: { import_id: id } };
  };

  const status = (req: SandboxRequest): SandboxResponse => {
    const found = find(req);
    if (found === undefined) return miraklError(404, "Import not found");
    // Applied synchronously, so every import is already COMPLETE.
    return {
      status: 200,
      body: {
        import_id: found.import_id,
        status: "COMPLETE",
        lines_in_success: found.lines_in_success,
        lines_in_error: found.lines_in_error,
        has_error_report: found.errors.length > 0,
        date_created: found.date_created,
        shop_id: 1,
      },
    };
  };

  const errorReport = (req: SandboxRequest): SandboxResponse => {
    const found = find(req);
    if (found === undefined || found.errors.length === 0) {
      return miraklError(404, "No error report for this import");
    }
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const body = [
      '"offer-sku";"error-line";"error-message"',
      ...found.errors.map((e) =>
        [quote(e.sku), quote(String(e.line)), quote(e.message)].join(";"),
      ),
    ].join("\n");
    return { status: 200, headers: { "content-type": "text/csv" }, body };
  };

  return [
    {
      method: "POST",
      path: "/api/offers/stock/imports",
      // Maximum usage once per minute (mirakl.md §6).
      rate: { perSecond: 1 / 60, burst: 1 },
      throttled: tooManyRequests,
      handle: withApiKey(create),
    },
    {
      method: "GET",
      path: "/api/offers/stock/imports/:importId/status",
      // Poll no more than every 15 s (mirakl.md §6).
      rate: { perSecond: 1 / 15, burst: 1 },
      throttled: tooManyRequests,
      handle: withApiKey(status),
    },
    {
      method: "GET",
      path: "/api/offers/stock/imports/:importId/error_report",
      throttled: tooManyRequests,
      handle: withApiKey(errorReport),
    },
  ];
}
