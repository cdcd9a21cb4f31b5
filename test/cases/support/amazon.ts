import type { Knex } from "knex";
import { createAmazonConnector } from "../../../src/channels/amazon/index.js";
import type { ChannelConnector } from "../../../src/channels/types.js";
import { Settings } from "../../../src/config/settings.js";
import { HttpContext } from "../../../src/http/http-context.js";
import type { PlaybackPair } from "../../../src/sandbox/playback/index.js";
import { setEnv } from "./env.js";
import { quietLogger } from "./shipstation.js";

/** Where the LWA token is asked for, below the playback server. */
export const LWA_PATH = "/auth/o2/token";

/** The LWA exchange every Amazon run starts with (not part of the cases). */
export function lwaPair(date?: string): PlaybackPair {
  return {
    request: { method: "POST", path: LWA_PATH },
    response: {
      status: 200,
      headers: date ? { Date: date } : {},
      body: { access_token: "Atza|case-token", token_type: "bearer", expires_in: 3600 },
    },
  };
}

/** An `amazon-us` connector whose SP-API and LWA URLs are the playback's. */
export function amazonAt(
  url: string,
  knex: Knex,
  marketplaceId = "ATVPDKIKX0DER",
): { amazon: ChannelConnector; restore: () => void } {
  const restore = setEnv({
    HUB_CHANNEL_AMAZON_US_URL: url,
    HUB_CHANNEL_AMAZON_US_TOKEN_URL: `${url}${LWA_PATH}`,
    HUB_CHANNEL_AMAZON_US_CLIENT_ID: "case-client",
    HUB_CHANNEL_AMAZON_US_CLIENT_SECRET: "case-secret",
    HUB_CHANNEL_AMAZON_US_REFRESH_TOKEN: "case-refresh",
    HUB_TIME_SCALE: "1000",
    HUB_HTTP_TIMEOUT_MS: "2000",
  });
  const channel = Settings.fromEntries([
    ["channels.amazon-us.kind", "amazon"],
    ["channels.amazon-us.region", "na"],
    ["channels.amazon-us.marketplace_id", marketplaceId],
    ["channels.amazon-us.seller_id", "A1CASESELLER"],
  ]).channels[0];
  if (!channel) throw new Error("amazon-us channel not built");
  const http = new HttpContext(quietLogger);
  return {
    amazon: createAmazonConnector({ channel, knex, http, logger: quietLogger }),
    restore,
  };
}
