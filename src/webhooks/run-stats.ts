import type { Knex } from "knex";

/*
 * Read-only aggregates over task_executions for /health and /metrics. They
 * run at every scrape, so each is one grouped query.
 */

/** Runs recorded per command and status. */
export async function runsByStatus(
  db: Knex,
): Promise<Array<{ command: string; status: string; runs: number }>> {
  const rows = (await db("task_executions")
    .select("command", "status")
    .count({ runs: "*" })
    .groupBy("command", "status")
    .orderBy(["command", "status"])) as Array<{
    command: string;
    status: string;
    runs: number | string;
  }>;
  return rows.map((r) => ({ ...r, runs: Number(r.runs) }));
}

/** The end of the last successful run of each command. */
export async function lastSuccesses(
  db: Knex,
): Promise<Array<{ command: string; endedAt: Date }>> {
  const rows = (await db("task_executions")
    .select("command")
    .max({ ended_at: "ended_at" })
    .where({ status: "succeeded" })
    .whereNotNull("ended_at")
    .groupBy("command")
    .orderBy("command")) as Array<{ command: string; ended_at: Date | string }>;
  return rows.map((r) => ({ command: r.command, endedAt: new Date(r.ended_at) }));
}

/** One number a run reported in its counts, summed over all runs. */
export interface CountTotal {
  command: string;
  /** "" for run-wide counts, else the channel the count belongs to. */
  channel: string;
  key: string;
  total: number;
}

/**
 * Sums the numeric counts pipelines record: run-wide ones at the top of
 * `counts` and per-channel ones under `counts.channels.<id>`.
 */
export async function countTotals(db: Knex): Promise<CountTotal[]> {
  const result = await db.raw(`
    select t.command, '' as channel, e.key, sum((e.value)::text::numeric) as total
      from task_executions t
      cross join lateral jsonb_each(
        case when jsonb_typeof(t.counts) = 'object' then t.counts else '{}'::jsonb end
      ) e
     where jsonb_typeof(e.value) = 'number'
     group by t.command, e.key
    union all
    select t.command, c.key as channel, e.key, sum((e.value)::text::numeric) as total
      from task_executions t
      cross join lateral jsonb_each(
        case when jsonb_typeof(t.counts -> 'channels') = 'object'
             then t.counts -> 'channels' else '{}'::jsonb end
      ) c
      cross join lateral jsonb_each(
        case when jsonb_typeof(c.value) = 'object' then c.value else '{}'::jsonb end
      ) e
     where jsonb_typeof(e.value) = 'number'
     group by t.command, c.key, e.key
     order by 1, 2, 3`);
  const rows = (result as { rows: Array<Record<string, unknown>> }).rows;
  return rows.map((r) => ({
    command: String(r.command),
    channel: String(r.channel),
    key: String(r.key),
    total: Number(r.total),
  }));
}
