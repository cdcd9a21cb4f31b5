import type { Knex } from "knex";

/**
 * Claims the next slot of a call that may go out only once per
 * `intervalMs` across every process on this database, and returns how long
 * to wait for it. One atomic statement: nothing is held while waiting, and
 * two processes never get the same slot.
 */
export async function claimSlot(
  db: Knex,
  key: string,
  intervalMs: number,
): Promise<number> {
  const ms = Math.max(0, Math.round(intervalMs));
  const interval = `${ms} milliseconds`;
  // The slot claimed is the one before the new next_at.
  const result = await db.raw(
    `insert into api_pacing (key, next_at) values (?, now() + ?::interval)
     on conflict (key) do update
       set next_at = greatest(api_pacing.next_at, now()) + ?::interval
     returning extract(epoch from (next_at - now())) * 1000 - ? as wait_ms`,
    [key, interval, interval, ms],
  );
  const rows = (result as { rows: Array<{ wait_ms: string | number }> }).rows;
  const wait = Number(rows[0]?.wait_ms ?? 0);
  return Number.isFinite(wait) && wait > 0 ? wait : 0;
}
