import type { Knex } from "knex";

/** Where a channel's stream (orders, shipments, …) was read up to. */
export async function readCursor(
  db: Knex,
  channel: string,
  stream: string,
): Promise<Date | undefined> {
  const row = await db("sync_cursors").where({ channel, stream }).first();
  return row ? new Date(row.cursor_at as string) : undefined;
}

/**
 * Moves a cursor forward to `at`; never backwards, so a back-fill with
 * `--since` cannot make the next regular run read less.
 */
export async function advanceCursor(
  db: Knex,
  channel: string,
  stream: string,
  at: Date,
): Promise<void> {
  await db("sync_cursors")
    .insert({ channel, stream, cursor_at: at, updated_at: db.fn.now() })
    .onConflict(["channel", "stream"])
    .merge({
      cursor_at: db.raw("greatest(sync_cursors.cursor_at, excluded.cursor_at)"),
      updated_at: db.fn.now(),
    });
}

/** Every cursor, for `hub status`. */
export async function listCursors(
  db: Knex,
): Promise<Array<{ channel: string; stream: string; cursorAt: Date }>> {
  const rows = await db("sync_cursors").select().orderBy(["channel", "stream"]);
  return rows.map((r: Record<string, unknown>) => ({
    channel: String(r.channel),
    stream: String(r.stream),
    cursorAt: new Date(r.cursor_at as string),
  }));
}
