import Table from "cli-table3";
import type { BenchRow } from "./results.js";

const MARK: Record<BenchRow["verdict"], string> = {
  met: "met",
  "not met": "NOT MET",
  info: "",
};

/** The one results table, plain text (no colours: it goes into docs). */
export function renderTable(rows: readonly BenchRow[]): string {
  const table = new Table({
    head: ["benchmark", "metric", "value", "target", ""],
    style: { head: [], border: [] },
    colWidths: [22, 46, 34, 10, 9],
    wordWrap: true,
  });
  for (const row of rows) {
    table.push([row.benchmark, row.metric, row.value, row.target, MARK[row.verdict]]);
  }
  return table.toString();
}
