import { optionalEnv } from "../config/env.js";
import type { Settings } from "../config/settings.js";
import { ConfigError } from "../errors.js";
import { DEFAULT_ENDPOINT } from "../shipstation/client.js";

/** Tokens shorter than this could be guessed by trying URLs. */
export const MIN_TOKEN_LENGTH = 16;

/** What the webhook endpoints need to know. */
export interface WebhookConfig {
  /** Undefined: that endpoint is switched off. */
  shipStationToken: string | undefined;
  zohoToken: string | undefined;
  /** The ShipStation API base a `resource_url` must belong to. */
  shipStationBase: string;
}

function token(name: string): string | undefined {
  const value = optionalEnv(name);
  if (value !== undefined && value.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `${name} is only ${value.length} characters long: set it to at least ` +
        `${MIN_TOKEN_LENGTH} random characters (e.g. \`openssl rand -hex 24\`) ` +
        "and update the webhook URL where it is configured",
    );
  }
  return value;
}

/**
 * Reads the tokens and the ShipStation host, the same way the ShipStation
 * client finds its base URL (environment first, then the setting).
 */
export function readWebhookConfig(settings: Settings): WebhookConfig {
  return {
    shipStationToken: token("HUB_SHIPSTATION_WEBHOOK_TOKEN"),
    zohoToken: token("HUB_ZOHO_WEBHOOK_TOKEN"),
    shipStationBase:
      optionalEnv("HUB_SHIPSTATION_URL") ??
      settings.string("shipstation.endpoint") ??
      DEFAULT_ENDPOINT,
  };
}
