import type { QuantityUpdate } from "../types.js";

function cell(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/**
 * The STO01 file (mirakl.md §6, examples/mirakl/STO01.stock-import.csv):
 * `;`-separated, quoted, one line per offer; an empty warehouse-code sets
 * the offer's global quantity. The last quantity given for a SKU wins.
 */
export function stockCsv(updates: readonly QuantityUpdate[]): string {
  const latest = new Map<string, number>();
  for (const u of updates)
    latest.set(u.sku, Math.max(0, Math.trunc(u.quantity)));
  const rows = [["offer-sku", "quantity", "warehouse-code", "update-delete"]];
  for (const [sku, quantity] of latest)
    rows.push([sku, String(quantity), "", "update"]);
  return rows.map((r) => r.map(cell).join(";")).join("\n") + "\n";
}

function cells(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      current += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (ch === ";" && !quoted) {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/**
 * SKU → error message from a STO03 error report. Its layout is not in
 * mirakl.md; the columns are found by name (one naming the SKU, one the
 * error), so extra or reordered columns do not matter.
 */
export function parseErrorReport(csv: string): Map<string, string> {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const [head, ...rest] = lines;
  const errors = new Map<string, string>();
  if (head === undefined) return errors;
  const names = cells(head).map((h) => h.trim().toLowerCase());
  const skuAt = names.findIndex((n) => n.includes("sku"));
  const messageAt = names.findIndex(
    (n) => n.includes("message") || n === "error",
  );
  if (skuAt < 0) return errors;
  for (const line of rest) {
    const values = cells(line);
    const sku = values[skuAt]?.trim();
    if (!sku) continue;
    const message = (messageAt >= 0 ? values[messageAt] : undefined)?.trim();
    errors.set(sku, message || "refused by the stock import");
  }
  return errors;
}

/** A multipart/form-data body with one CSV file in the part `file`. */
export function multipartFile(csv: string, boundary: string): string {
  return [
    `--${boundary}`,
    'Content-Disposition: form-data; name="file"; filename="stock.csv"',
    "Content-Type: text/csv",
    "",
    csv,
    `--${boundary}--`,
    "",
  ].join("\r\n");
}
