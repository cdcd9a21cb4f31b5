import { randomBytes } from "node:crypto";
import { UpstreamError } from "../../errors.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import type { MiraklApi } from "./api.js";
import {
  sto01Created,
  sto02Status,
  type StockImportStatus,
} from "./schemas.js";
import { multipartFile, parseErrorReport, stockCsv } from "./stock-csv.js";

/** STO02 polls before giving up on one import (every 15 s: ten minutes). */
const MAX_POLLS = 40;

function failedAll(
  skus: string[],
  error: string,
  retryable: boolean,
): QuantityOutcome[] {
  return skus.map((sku) => ({ sku, status: "failed", error, retryable }));
}

/**
 * Per-SKU outcomes of a finished import. Lines in the error report are
 * refused; when errors were counted but cannot be put on SKUs, every SKU
 * is reported failed so that the next run sends them again (the values
 * are absolute, sending them twice is harmless).
 */
export function importOutcomes(
  skus: string[],
  status: StockImportStatus,
  errors: Map<string, string>,
): QuantityOutcome[] {
  if (status.status !== "COMPLETE") {
    return failedAll(skus, `stock import ended ${status.status}`, true);
  }
  const inError = status.lines_in_error ?? 0;
  const attributed = skus.filter((s) => errors.has(s)).length;
  if (inError > attributed) {
    return failedAll(
      skus,
      `stock import reported ${inError} lines in error without saying which`,
      true,
    );
  }
  return skus.map((sku) => {
    const error = errors.get(sku);
    return error === undefined
      ? { sku, status: "sent" }
      : { sku, status: "refused", error };
  });
}

/**
 * STO01 stock import of every update as one file (one import per run: the
 * call is allowed once a minute, mirakl.md §6), STO02 polled until it
 * ends, STO03 read for the refused lines. Never OF24, which resets every
 * offer field not sent (mirakl.md §0.4).
 */
export async function importStock(
  api: MiraklApi,
  updates: readonly QuantityUpdate[],
): Promise<QuantityOutcome[]> {
  const skus = [...new Set(updates.map((u) => u.sku))];
  if (skus.length === 0) return [];
  const boundary = `hub${randomBytes(12).toString("hex")}`;
  let importId: string;
  try {
    const created = await api.request({
      operation: "STO01",
      method: "POST",
      path: "api/offers/stock/imports",
      body: multipartFile(stockCsv(updates), boundary),
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      schema: sto01Created,
    });
    importId = String(created.body.import_id);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return failedAll(skus, error.message, error.details.retryable);
  }
  return awaitImport(api, importId, skus);
}

async function awaitImport(
  api: MiraklApi,
  importId: string,
  skus: string[],
): Promise<QuantityOutcome[]> {
  try {
    for (let poll = 0; poll < MAX_POLLS; poll++) {
      const { body: status } = await api.request({
        operation: "STO02",
        path: `api/offers/stock/imports/${encodeURIComponent(importId)}/status`,
        schema: sto02Status,
      });
      if (status.status !== "WAITING" && status.status !== "RUNNING") {
        const errors = status.has_error_report
          ? await errorReport(api, importId)
          : new Map<string, string>();
        return importOutcomes(skus, status, errors);
      }
    }
    return failedAll(skus, `stock import ${importId} still running`, true);
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    return failedAll(skus, `stock import ${importId}: ${error.message}`, true);
  }
}

async function errorReport(
  api: MiraklApi,
  importId: string,
): Promise<Map<string, string>> {
  const report = await api.request<string>({
    operation: "STO03",
    path: `api/offers/stock/imports/${encodeURIComponent(importId)}/error_report`,
    headers: { accept: "text/csv" },
    responseType: "text",
  });
  return parseErrorReport(report.body);
}
