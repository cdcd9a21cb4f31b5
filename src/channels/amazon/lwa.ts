import { z } from "zod";
import { ConfigError, UpstreamError } from "../../errors.js";
import type { ApiClient } from "../../http/api-client.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { IssuedToken } from "../../storage/tokens.js";
import { channelSecret } from "../endpoints.js";
import type { AmazonClock } from "./clock.js";

const tokenAnswer = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

// LWA answers these when the app or the seller's authorization is no longer
// valid (amazon.md §1): retrying cannot help, a human must re-authorize.
const OPERATOR_ERRORS = new Set([
  "invalid_grant",
  "invalid_client",
  "unauthorized_client",
]);

/** The token cache key of one channel's LWA access token. */
export function lwaScope(channel: ChannelConfig): string {
  return `${channel.id}:lwa`;
}

/**
 * Login with Amazon refresh-token grant (amazon.md §1): form body with the
 * channel's client id, secret and refresh token; the answer's Date header
 * also tells Amazon's clock.
 */
export async function requestLwaToken(
  lwa: ApiClient,
  tokenUrl: string,
  channel: ChannelConfig,
  clock: AmazonClock,
): Promise<IssuedToken> {
  const form = {
    grant_type: "refresh_token",
    refresh_token: channelSecret(channel, "REFRESH_TOKEN"),
    client_id: channelSecret(channel, "CLIENT_ID"),
    client_secret: channelSecret(channel, "CLIENT_SECRET"),
  };
  try {
    const answer = await lwa.request({
      operation: "lwaToken",
      method: "POST",
      path: tokenUrl,
      form,
      schema: tokenAnswer,
    });
    clock.observe(answer.headers);
    return {
      accessToken: answer.body.access_token,
      expiresInSeconds: answer.body.expires_in,
    };
  } catch (error) {
    if (
      error instanceof UpstreamError &&
      error.details.code !== undefined &&
      OPERATOR_ERRORS.has(error.details.code)
    ) {
      throw new ConfigError(
        `channel ${channel.id}: Login with Amazon refused the credentials (${error.details.code}); re-authorize the app in Seller Central and update HUB_CHANNEL_*_REFRESH_TOKEN / CLIENT_SECRET`,
        { cause: error },
      );
    }
    throw error;
  }
}
