/** One STO01 CSV line that could not be applied. */
export interface StockLineError {
  line: number;
  sku: string;
  message: string;
}

/** What one stock import does: final quantity per SKU, and bad lines. */
export interface StockPlan {
  quantities: Map<string, number>;
  errors: StockLineError[];
  lines: number;
}

/**
 * Plans a STO01 import. A line without warehouse-code sets the global
 * quantity; warehouse lines of a SKU add up when no global line is given
 * (the sandbox world keeps one number per SKU). "delete" is read as
 * dropping the stock to 0: the column's semantics are not confirmed
 * (mirakl.md §6).
 */
export function planStockImport(
  rows: Array<Record<string, string>>,
  knownSkus: ReadonlySet<string>,
): StockPlan {
  const global = new Map<string, number>();
  const byWarehouse = new Map<string, number>();
  const errors: StockLineError[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const sku = row["offer-sku"] ?? "";
    const raw = row["quantity"] ?? "";
    const mode = (row["update-delete"] ?? "update") || "update";
    if (!knownSkus.has(sku)) {
      errors.push({ line, sku, message: `The offer ${sku} does not exist` });
      return;
    }
    if (mode !== "update" && mode !== "delete") {
      errors.push({ line, sku, message: `Invalid update-delete: ${mode}` });
      return;
    }
    const quantity = mode === "delete" ? 0 : Number(raw);
    if (mode === "update" && !/^\d+$/.test(raw)) {
      errors.push({ line, sku, message: `Invalid quantity: ${raw}` });
      return;
    }
    if ((row["warehouse-code"] ?? "") === "") global.set(sku, quantity);
    else byWarehouse.set(sku, (byWarehouse.get(sku) ?? 0) + quantity);
  });
  const quantities = new Map(byWarehouse);
  for (const [sku, quantity] of global) quantities.set(sku, quantity);
  return { quantities, errors, lines: rows.length };
}
