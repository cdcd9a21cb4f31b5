import type { Knex } from "knex";
import { Settings } from "../config/settings.js";
import { describeError } from "../errors.js";
import { HttpContext } from "../http/http-context.js";
import type { Logger } from "../log/logger.js";
import { migrationStatus } from "../storage/migrator.js";
import { configChecks, type DoctorCheck } from "./doctor-config.js";
import {
  channelChecks,
  shipStationChecks,
  zohoChecks,
  type RemoteDeps,
} from "./doctor-remote.js";

/** The doctor's verdict: every check, and whether any failed. */
export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}

/**
 * Runs every check against an open database: migrations, configuration,
 * then one cheap authenticated call per configured API. An API whose
 * configuration is incomplete is not called.
 */
export async function runDoctor(
  knex: Knex,
  database: string,
  logger: Logger,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [
    {
      check: "database",
      subject: "database",
      outcome: "pass",
      detail: `${database} database reachable`,
    },
  ];
  const migrations = await migrationsCheck(knex);
  checks.push(migrations);
  if (migrations.outcome === "fail") return verdict(checks);

  const settings = await Settings.load(knex);
  const config = configChecks(settings, env);
  checks.push(...config);
  const ready = new Set(
    config.filter((c) => c.outcome === "pass").map((c) => c.subject),
  );
  const deps: RemoteDeps = {
    knex,
    settings,
    http: new HttpContext(logger),
    logger,
  };
  for (const channel of settings.enabledChannels()) {
    if (ready.has(channel.id))
      checks.push(...(await channelChecks(deps, channel)));
  }
  if (ready.has("shipstation")) checks.push(...(await shipStationChecks(deps)));
  if (ready.has("zoho")) checks.push(...(await zohoChecks(deps)));
  return verdict(checks);
}

/** The report when the database cannot be opened at all. */
export function unreachableDatabase(error: unknown): DoctorReport {
  return verdict([
    {
      check: "database",
      subject: "database",
      outcome: "fail",
      detail: describeError(error),
      fix: "check DATABASE_URL (or --database-url / --data-dir) and that the server runs",
    },
  ]);
}

async function migrationsCheck(knex: Knex): Promise<DoctorCheck> {
  try {
    const status = await migrationStatus(knex);
    if (status.pending.length === 0) {
      return {
        check: "migrations",
        subject: "database",
        outcome: "pass",
        detail: `${status.applied.length} applied, none pending`,
      };
    }
    return {
      check: "migrations",
      subject: "database",
      outcome: "fail",
      detail: `${status.pending.length} pending: ${status.pending.join(", ")}`,
      fix: "run `hub migrate`",
    };
  } catch (error) {
    return {
      check: "migrations",
      subject: "database",
      outcome: "fail",
      detail: describeError(error),
      fix: "run `hub migrate`",
    };
  }
}

function verdict(checks: DoctorCheck[]): DoctorReport {
  return { ok: checks.every((c) => c.outcome !== "fail"), checks };
}
