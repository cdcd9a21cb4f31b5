import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serverUrl } from "./support/database.js";
import { info, type BenchRow, type WorkerResult } from "./support/results.js";
import { renderTable } from "./support/table.js";

/**
 * `npm run bench`: each benchmark runs in a fresh process of its own, so
 * that peak memory and CPU belong to that benchmark alone; the runner
 * prints one table and writes bench/results.json.
 */

const WORKERS = ["planning", "pull-orders", "allocate", "pull-orders-paced"];
/** No benchmark may hang the run: 8 minutes each at most. */
const WORKER_TIMEOUT_MS = 8 * 60_000;
const RESULTS_FILE = fileURLToPath(new URL("../../bench/results.json", import.meta.url));

function runWorker(name: string, outFile: string): Promise<number> {
  const script = fileURLToPath(new URL(`./workers/${name}.js`, import.meta.url));
  return new Promise((resolve) => {
    // --expose-gc lets the planning benchmark start from a collected heap.
    const child = spawn(process.execPath, ["--expose-gc", script, outFile], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), WORKER_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = only.length > 0 ? WORKERS.filter((w) => only.includes(w)) : WORKERS;
  const dir = await mkdtemp(path.join(os.tmpdir(), "hub-bench-"));
  const results: WorkerResult[] = [];
  const rows: BenchRow[] = [
    info("setup", "database", (await serverUrl()) ? "PostgreSQL server (its CPU outside hub's process)" : "embedded PostgreSQL (its CPU inside hub's process)"),
    info("setup", "machine", `${os.cpus().length} CPU(s), Node ${process.version}`),
  ];
  try {
    for (const name of names) {
      const started = Date.now();
      console.error(`bench: ${name} …`);
      const outFile = path.join(dir, `${name}.json`);
      const code = await runWorker(name, outFile);
      const text = await readFile(outFile, "utf8").catch(() => undefined);
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      if (code !== 0 || text === undefined) {
        rows.push({ benchmark: name, metric: "failed", value: `exit ${code}`, target: "", verdict: "not met" });
        continue;
      }
      const result = JSON.parse(text) as WorkerResult;
      results.push(result);
      rows.push(...result.rows, info(result.name, "benchmark's own duration", `${seconds} s`));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log(renderTable(rows));
  await writeFile(RESULTS_FILE, JSON.stringify({ at: new Date().toISOString(), rows, results }, null, 2) + "\n");
  console.log("Details (calls per operation, raw timings): bench/results.json");
}

await main();
