import { writeFile } from "node:fs/promises";

/** Whether a measured value meets its target. */
export type Verdict = "met" | "not met" | "info";

/** One line of the printed table. */
export interface BenchRow {
  benchmark: string;
  metric: string;
  value: string;
  target: string;
  verdict: Verdict;
}

/** What one benchmark worker hands back to the runner. */
export interface WorkerResult {
  name: string;
  rows: BenchRow[];
  /** Raw figures for bench/results.json (call counts per operation, …). */
  details: Record<string, unknown>;
}

/** A row whose verdict compares a value with an upper bound. */
export function bounded(
  benchmark: string,
  metric: string,
  value: number,
  limit: number,
  format: (n: number) => string,
): BenchRow {
  return {
    benchmark,
    metric,
    value: format(value),
    target: `≤ ${format(limit)}`,
    verdict: value <= limit ? "met" : "not met",
  };
}

/** A row that only informs. */
export function info(
  benchmark: string,
  metric: string,
  value: string,
): BenchRow {
  return { benchmark, metric, value, target: "", verdict: "info" };
}

/**
 * Writes a worker's result to the file the runner named on the command
 * line: stdout stays free for whatever the code under test prints.
 */
export async function handBack(result: WorkerResult): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  await writeFile(file, JSON.stringify(result));
}
