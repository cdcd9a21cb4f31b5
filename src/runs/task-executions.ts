import os from "node:os";
import type { Knex } from "knex";

export type RunStatus = "running" | "succeeded" | "partial" | "failed" | "skipped";

/** Records the start of a run; returns its id. */
export async function insertRun(
  db: Knex,
  run: { command: string; channel: string | null; args: unknown },
): Promise<number> {
  const [row] = await db("task_executions")
    .insert({
      command: run.command,
      channel: run.channel,
      args: JSON.stringify(run.args),
      host: os.hostname(),
      pid: process.pid,
      status: "running",
    })
    .returning("id");
  return Number((row as { id: number | string }).id);
}

/** Records the end of a run. */
export async function finishRun(
  db: Knex,
  id: number,
  end: { status: Exclude<RunStatus, "running">; counts: unknown; error?: string | null },
): Promise<void> {
  await db("task_executions")
    .where({ id })
    .update({
      status: end.status,
      counts: JSON.stringify(end.counts ?? {}),
      error: end.error ?? null,
      ended_at: db.fn.now(),
    });
}

/**
 * Closes the rows of runs that died without ending (kill -9, power loss).
 * Called by a run that holds the lock those runs held, so none of them can
 * still be alive.
 */
export async function closeAbandonedRuns(
  db: Knex,
  scope: { command?: string; channel: string | null; exceptId: number },
): Promise<number> {
  const query = db("task_executions")
    .where({ status: "running" })
    .whereNot({ id: scope.exceptId });
  if (scope.command) {
    // A run of every channel holds the command's lock exclusively: no run
    // of the command, of any channel, can be alive besides it.
    query.andWhere({ command: scope.command });
    if (scope.channel !== null) query.andWhere({ channel: scope.channel });
  }
  return query.update({
    status: "failed",
    error: "abandoned: the process ended without finishing this run",
    ended_at: db.fn.now(),
  });
}

/** The latest finished run of each command. */
export async function latestRuns(db: Knex): Promise<
  Array<{ command: string; status: string; started_at: Date; ended_at: Date | null; error: string | null; counts: unknown }>
> {
  return db("task_executions as t")
    .select("t.command", "t.status", "t.started_at", "t.ended_at", "t.error", "t.counts")
    .whereIn(
      "t.id",
      db("task_executions").max("id").groupBy("command"),
    )
    .orderBy("t.command");
}
