import type { Knex } from "knex";
import { lastSuccesses } from "./run-stats.js";

/** The last success of one command and how long ago it was. */
export interface CommandHealth {
  command: string;
  lastSuccessAt: string;
  ageSeconds: number;
}

/** What GET /health answers. */
export interface HealthReport {
  status: "ok" | "unavailable";
  database: { reachable: boolean };
  commands: CommandHealth[];
  checkedAt: string;
}

/** Builds the report from the last successes (pure). */
export function healthReport(
  successes: ReadonlyArray<{ command: string; endedAt: Date }>,
  now: Date,
): HealthReport {
  return {
    status: "ok",
    database: { reachable: true },
    commands: successes.map((s) => ({
      command: s.command,
      lastSuccessAt: s.endedAt.toISOString(),
      ageSeconds: Math.max(0, Math.round((now.getTime() - s.endedAt.getTime()) / 1000)),
    })),
    checkedAt: now.toISOString(),
  };
}

/**
 * Reads the database for /health. A database that does not answer gives
 * 503; the cause goes to the log, not to whoever asked.
 */
export async function checkHealth(
  db: Knex,
  now: () => Date = () => new Date(),
): Promise<{ status: 200 | 503; body: HealthReport; error?: unknown }> {
  try {
    const successes = await lastSuccesses(db);
    return { status: 200, body: healthReport(successes, now()) };
  } catch (error) {
    const body: HealthReport = {
      status: "unavailable",
      database: { reachable: false },
      commands: [],
      checkedAt: now().toISOString(),
    };
    return { status: 503, body, error };
  }
}
