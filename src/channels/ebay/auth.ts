import { z } from "zod";
import { channelVar } from "../../config/env.js";
import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError, UpstreamError } from "../../errors.js";
import type { HttpContext } from "../../http/http-context.js";
import type { ConnectorDeps } from "../types.js";
import { channelSecret, channelTokenUrl } from "../endpoints.js";
import { cachedAccessToken, type IssuedToken } from "../../storage/tokens.js";
import { describeEbayError } from "./errors.js";

/** eBay's production token endpoint (api-reference/ebay.md §1). */
export const EBAY_TOKEN_URL = "https://api.ebay.com/identity/v1/oauth2/token";

/**
 * What hub asks a refresh for: reading and shipping orders, and setting
 * quantities. A refresh may only narrow what onboarding granted (§1).
 */
export const EBAY_SCOPES = [
  "https://api.ebay.com/oauth/api_scope/sell.fulfillment",
  "https://api.ebay.com/oauth/api_scope/sell.inventory",
];

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

/** The token cache key of one eBay channel. */
export function tokenScope(channel: ChannelConfig): string {
  return `${channel.id}:ebay`;
}

/**
 * An invalid_grant or invalid_client answer means the stored refresh token
 * or app keys are wrong: only the operator can fix that, so it is a
 * ConfigError rather than an upstream failure to retry.
 */
function operatorMustAct(
  channel: ChannelConfig,
  error: UpstreamError,
): ConfigError | undefined {
  const code = error.details.code;
  if (code === "invalid_grant" || code === "invalid_scope") {
    return new ConfigError(
      `eBay refused the refresh token of channel ${channel.id} (${code}): ` +
        "grant hub access again and store the new refresh token in " +
        channelVar(channel.id, "REFRESH_TOKEN"),
      { cause: error },
    );
  }
  if (code === "invalid_client") {
    return new ConfigError(
      `eBay refused the app keys of channel ${channel.id}: check its ` +
        "client id and client secret",
      { cause: error },
    );
  }
  return undefined;
}

async function refreshGrant(
  channel: ChannelConfig,
  http: HttpContext,
): Promise<IssuedToken> {
  const clientId = channelSecret(channel, "CLIENT_ID");
  const clientSecret = channelSecret(channel, "CLIENT_SECRET");
  const refreshToken = channelSecret(channel, "REFRESH_TOKEN");
  const tokenUrl = channelTokenUrl(channel, EBAY_TOKEN_URL);
  const client = http.client({
    api: `ebay-oauth:${channel.id}`,
    baseUrl: tokenUrl,
    rates: { default: { perSecond: 1, burst: 5 } },
    describeError: describeEbayError,
  });
  const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
  try {
    const answer = await client.request({
      operation: "refreshToken",
      method: "POST",
      path: tokenUrl,
      headers: { authorization: `Basic ${basic}` },
      form: {
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        scope: EBAY_SCOPES.join(" "),
      },
      schema: tokenAnswer,
    });
    return {
      accessToken: answer.body.access_token,
      expiresInSeconds: answer.body.expires_in,
    };
  } catch (error) {
    if (error instanceof UpstreamError) {
      throw operatorMustAct(channel, error) ?? error;
    }
    throw error;
  }
}

/**
 * A user access token of the channel, cached in the database across runs
 * (the refresh grant has a daily limit, §1); `force` after a rejection.
 */
export function ebayAccessToken(
  deps: Pick<ConnectorDeps, "channel" | "http" | "knex">,
): (force: boolean) => Promise<string> {
  return (force) =>
    cachedAccessToken(
      deps.knex,
      tokenScope(deps.channel),
      () => refreshGrant(deps.channel, deps.http),
      force,
    );
}
