import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PlaybackPair } from "../../../src/sandbox/playback/index.js";

// The field cases sit beside the repository as `../shared/cases`, here and
// in CI alike: resolve from the project root, never from this machine.
const PROJECT_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../..",
);
const CASES_DIR = path.resolve(PROJECT_ROOT, "..", "shared", "cases");

/** The folder of one field case; throws (never skips) when it is missing. */
export function caseDir(id: string): string {
  const dir = path.join(CASES_DIR, id);
  if (!existsSync(dir)) {
    throw new Error(
      `field case ${id} not found at ${dir}: the shared folder must sit beside the project as ../shared (with cases/${id}/ inside)`,
    );
  }
  return dir;
}

/** One JSON file of a case, parsed. */
export function caseJson<T = unknown>(id: string, file: string): T {
  return JSON.parse(caseText(id, file)) as T;
}

/** One file of a case as text (XML bodies). */
export function caseText(id: string, file: string): string {
  const full = path.join(caseDir(id), file);
  if (!existsSync(full)) {
    throw new Error(`field case ${id} has no ${file} (looked at ${full})`);
  }
  return readFileSync(full, "utf8");
}

/** A case's `http-sequence.json`. */
export function caseSequence(id: string): PlaybackPair[] {
  return caseJson<PlaybackPair[]>(id, "http-sequence.json");
}
