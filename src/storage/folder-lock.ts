import { mkdir } from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { ConfigError } from "../errors.js";

/** Held for the life of a process that opened the embedded database. */
export interface FolderLock {
  release(): Promise<void>;
}

/** Another live hub process holds the data folder. */
export class FolderBusyError extends Error {
  override name = "FolderBusyError";
}

// A crashed holder stops refreshing the lock; after this long it counts as
// stale and the next process takes it over.
const STALE_MS = 20_000;

/**
 * Takes the exclusive inter-process lock on an embedded data folder, waiting
 * up to `waitMs`. Embedded PostgreSQL believes it owns its folder: two
 * processes on one folder silently lose each other's writes.
 */
export async function lockDataFolder(
  dataDir: string,
  waitMs: number,
): Promise<FolderLock> {
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw new ConfigError(
      `cannot create the data folder ${dataDir} (${(error as NodeJS.ErrnoException).code ?? "error"}): give HUB_DATA_DIR or --data-dir a folder hub may write`,
      { cause: error },
    );
  }
  const target = path.resolve(dataDir);
  const retries = Math.max(0, Math.ceil(waitMs / 250));
  try {
    const release = await lockfile.lock(target, {
      stale: STALE_MS,
      update: STALE_MS / 4,
      retries: { retries, minTimeout: 250, maxTimeout: 250, factor: 1 },
      lockfilePath: `${target}.lock`,
      realpath: false,
      // A compromised lock means another process took the folder over; going
      // on would lose writes, so stop at once.
      onCompromised: (error) => {
        throw error;
      },
    });
    return { release: () => release().catch(() => undefined) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new FolderBusyError(
        `another hub process is using the data folder ${dataDir}`,
        { cause: error },
      );
    }
    throw error;
  }
}
