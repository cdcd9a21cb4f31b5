import type { Knex } from "knex";
import { asDate } from "./status-values.js";

/** When a command first ran and last succeeded. */
export interface CommandRunTimes {
  command: string;
  firstRunAt: Date | null;
  lastSuccessAt: Date | null;
}

/**
 * First run and last success of every command that ever ran. A dry run
 * (recorded with `dryRun: true` in its args) changed nothing, so it is no
 * proof that the command does its work.
 */
export async function commandRunTimes(db: Knex): Promise<CommandRunTimes[]> {
  const rows: Array<Record<string, unknown>> = await db("task_executions")
    .select("command")
    .min({ first_run: "started_at" })
    .select(
      db.raw(
        "max(ended_at) filter (where status = 'succeeded' and " +
          "(args ->> 'dryRun') is distinct from 'true') as last_success",
      ),
    )
    .groupBy("command");
  return rows.map((r) => ({
    command: String(r.command),
    firstRunAt: asDate(r.first_run),
    lastSuccessAt: asDate(r.last_success),
  }));
}

/** When each of these settings was last written (absent = never set). */
export async function settingsWrittenAt(
  db: Knex,
  keys: readonly string[],
): Promise<Map<string, Date>> {
  const out = new Map<string, Date>();
  if (keys.length === 0) return out;
  const rows: Array<Record<string, unknown>> = await db("configs")
    .select("key", "updated_at")
    .whereIn("key", keys);
  for (const r of rows) {
    const at = asDate(r.updated_at);
    if (at) out.set(String(r.key), at);
  }
  return out;
}

/** The creation time of the newest order mapping of each channel. */
export async function lastOrderPerChannel(
  db: Knex,
): Promise<Map<string, Date>> {
  const rows: Array<Record<string, unknown>> = await db("order_mappings")
    .select("channel")
    .max({ last: "created_at" })
    .groupBy("channel");
  const out = new Map<string, Date>();
  for (const r of rows) {
    const at = asDate(r.last);
    if (at) out.set(String(r.channel), at);
  }
  return out;
}
