import type { Knex } from "knex";

/** A fresh access token and its lifetime, as a vendor's token call gives it. */
export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
  /** Extra values the vendor returns with the token (Zoho's api_domain). */
  details?: Record<string, string>;
}

/** A usable token with the details stored beside it. */
export interface CachedToken {
  accessToken: string;
  details: Record<string, string>;
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
  return (await cachedToken(db, scope, issue, force)).accessToken;
}

/**
 * Like cachedAccessToken, with the details kept beside the token; details a
 * refresh omits are kept from the previous token.
 */
export async function cachedToken(
  db: Knex,
  scope: string,
  issue: () => Promise<IssuedToken>,
  force = false,
): Promise<CachedToken> {
  return db.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext(?))", [`token:${scope}`]);
    const row = await trx("oauth_tokens").where({ scope }).first();
    const expiresAt = row ? new Date(row.expires_at as string).getTime() : 0;
    const previous = (row?.details ?? {}) as Record<string, string>;
    if (row && !force && expiresAt - MARGIN_MS > Date.now()) {
      return { accessToken: String(row.access_token), details: previous };
    }
    const fresh = await issue();
    const details = { ...previous, ...fresh.details };
    const values = {
      access_token: fresh.accessToken,
      details: JSON.stringify(details),
      expires_at: new Date(Date.now() + fresh.expiresInSeconds * 1000),
      updated_at: trx.fn.now(),
    };
    await trx("oauth_tokens")
      .insert({ scope, ...values })
      .onConflict("scope")
      .merge(values);
    return { accessToken: fresh.accessToken, details };
  });
}

/** When the cached token of `scope` expires, if there is one. */
export async function tokenExpiry(db: Knex, scope: string): Promise<Date | undefined> {
  const row = await db("oauth_tokens").where({ scope }).first();
  return row ? new Date(row.expires_at as string) : undefined;
}
