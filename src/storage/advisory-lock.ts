import type { Knex } from "knex";

/** A session-level advisory lock pinned to one pooled connection. */
export interface AdvisoryLock {
  release(): Promise<void>;
}

/**
 * Tries to take the advisory lock named `name` without waiting; a shared
 * lock only excludes exclusive holders of the same name. The lock is
 * session-level, so the connection that took it is kept out of the pool
 * until release; null means another session holds it.
 */
export async function tryAdvisoryLock(
  knex: Knex,
  name: string,
  mode: "exclusive" | "shared" = "exclusive",
): Promise<AdvisoryLock | null> {
  const suffix = mode === "shared" ? "_shared" : "";
  const connection: unknown = await knex.client.acquireConnection();
  let kept = false;
  try {
    const result = await knex
      .raw(`select pg_try_advisory_lock${suffix}(hashtext(?)) as locked`, [name])
      .connection(connection);
    const locked = (result as { rows: Array<{ locked: boolean }> }).rows[0]
      ?.locked;
    if (!locked) return null;
    kept = true;
    return {
      release: async () => {
        try {
          await knex
            .raw(`select pg_advisory_unlock${suffix}(hashtext(?))`, [name])
            .connection(connection);
        } finally {
          await knex.client.releaseConnection(connection);
        }
      },
    };
  } finally {
    if (!kept) await knex.client.releaseConnection(connection);
  }
}
