import type { Knex } from "knex";

/** A fresh access token and its lifetime, as a vendor's token call gives it. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

// Refresh this long before the stated expiry: a token that dies mid-run
// costs a retry, and clocks differ.
const MARGIN_MS = 5 * 60_000;

/**
 * The cached access token for `scope`, refreshed through `issue` only when
 * missing, near expiry or `force`d. Cached in the database so that cron runs
 * a few minutes apart do not each refresh (Zoho allows 10 refreshes per 10
 * minutes). On a server, concurrent processes refresh one at a time.
 */
export async function cachedAccessToken(
  db: Knex,
  scope: string,
  issue: () => Promise<IssuedToken>,
  force = false,
): Promise<string> {
  return db.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext(?))", [`token:${scope}`]);
    const row = await trx("oauth_tokens").where({ scope }).first();
    const expiresAt = row ? new Date(row.expires_at as string).getTime() : 0;
    if (row && !force && expiresAt - MARGIN_MS > Date.now()) {
      return String(row.access_token);
    }
    const fresh = await issue();
    const values = {
      access_token: fresh.accessToken,
      expires_at: new Date(Date.now() + fresh.expiresInSeconds * 1000),
      updated_at: trx.fn.now(),
    };
    await trx("oauth_tokens")
      .insert({ scope, ...values })
      .onConflict("scope")
      .merge(values);
    return fresh.accessToken;
  });
}

/** When the cached token of `scope` expires, if there is one. */
export async function tokenExpiry(db: Knex, scope: string): Promise<Date | undefined> {
  const row = await db("oauth_tokens").where({ scope }).first();
  return row ? new Date(row.expires_at as string) : undefined;
}
