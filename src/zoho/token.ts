import type { Knex } from "knex";
import { z } from "zod";
import { requireEnv } from "../config/env.js";
import { UpstreamError } from "../errors.js";
import type { ApiClient } from "../http/api-client.js";
import type { HttpContext } from "../http/http-context.js";
import { cachedAccessToken, type IssuedToken } from "../storage/tokens.js";
import { describeAccountsError } from "./errors.js";

/** The token cache scope of the Zoho access token. */
export const ZOHO_TOKEN_SCOPE = "zoho";

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  api_domain: z.string().optional(),
});

/**
 * Zoho Accounts answers a bad grant with HTTP 200 and `{error}` instead of
 * a token (zoho.md §1), so the body decides.
 */
function accountsBodyError(body: unknown) {
  if (typeof body !== "object" || body === null || !("error" in body)) {
    return undefined;
  }
  const described = describeAccountsError(200, body);
  return {
    code: described.code ?? "unknown",
    message: described.message,
    retryable: false,
  };
}

/** The client of Zoho Accounts' token endpoint. */
export function accountsClient(
  http: HttpContext,
  accountsUrl: string,
): ApiClient {
  return http.client({
    api: "zoho-accounts",
    baseUrl: accountsUrl,
    // 10 tokens per 10 minutes: 5 at once, then one per two minutes.
    rates: { default: { perSecond: 5 / 600, burst: 5 } },
    describeError: describeAccountsError,
    bodyError: accountsBodyError,
  });
}

/** One refresh_token grant (zoho.md §1). */
export async function refreshZohoToken(
  accounts: ApiClient,
): Promise<IssuedToken> {
  const response = await accounts.request({
    operation: "token",
    method: "POST",
    path: "oauth/v2/token",
    // Zoho documents the grant's parameters in the query string.
    query: {
      refresh_token: requireEnv(
        "HUB_ZOHO_REFRESH_TOKEN",
        "the Zoho refresh token",
      ),
      client_id: requireEnv("HUB_ZOHO_CLIENT_ID", "the Zoho client id"),
      client_secret: requireEnv(
        "HUB_ZOHO_CLIENT_SECRET",
        "the Zoho client secret",
      ),
      grant_type: "refresh_token",
    },
    // A lost answer may still have spent one of the ten refreshes.
    idempotent: false,
    attempts: 2,
    schema: tokenSchema,
  });
  return {
    accessToken: response.body.access_token,
    expiresInSeconds: response.body.expires_in,
  };
}

/**
 * The Zoho access token, from the database cache while valid: Zoho allows
 * only 10 refreshes per 10 minutes, so a run never refreshes a live token
 * unless the API has just refused it (`force`).
 */
export function zohoAccessToken(
  knex: Knex,
  accounts: ApiClient,
  force: boolean,
): Promise<string> {
  return cachedAccessToken(
    knex,
    ZOHO_TOKEN_SCOPE,
    () => refreshZohoToken(accounts),
    force,
  );
}

/** True when `error` is Zoho's refresh limit. */
export function isRefreshLimitError(error: unknown): boolean {
  return (
    error instanceof UpstreamError && error.details.code === "refresh_limit"
  );
}
