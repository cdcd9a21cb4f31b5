import { ConfigError } from "../errors.js";
import { channelVar, optionalEnv } from "../config/env.js";
import type { ChannelConfig } from "../config/settings.js";

/**
 * A channel's API base URL: `HUB_CHANNEL_<ID>_URL`, else the
 * `channels.<id>.endpoint` setting, else the vendor default for its region.
 */
export function channelBaseUrl(channel: ChannelConfig, vendorDefault?: string): string {
  const url =
    optionalEnv(channelVar(channel.id, "URL")) ??
    (typeof channel.values.endpoint === "string" ? channel.values.endpoint : undefined) ??
    vendorDefault;
  if (!url) {
    throw new ConfigError(
      `channel ${channel.id} has no API URL: run \`hub config set channels.${channel.id}.endpoint <url>\``,
    );
  }
  return url;
}

/**
 * A channel's OAuth token URL, by the same precedence. When the API URL is
 * overridden (a sandbox, a proxy) the token URL must be too: otherwise the
 * refresh token and client secret would go to the vendor's real host while
 * the calls go elsewhere.
 */
export function channelTokenUrl(channel: ChannelConfig, vendorDefault: string): string {
  const override =
    optionalEnv(channelVar(channel.id, "TOKEN_URL")) ??
    (typeof channel.values.token_endpoint === "string" ? channel.values.token_endpoint : undefined);
  if (override) return override;
  const apiOverride =
    optionalEnv(channelVar(channel.id, "URL")) ??
    (typeof channel.values.endpoint === "string" ? channel.values.endpoint : undefined);
  if (apiOverride) {
    throw new ConfigError(
      `channel ${channel.id} has its API URL overridden but not its token URL: set ${channelVar(channel.id, "TOKEN_URL")} (or channels.${channel.id}.token_endpoint) too, so credentials go where the calls go`,
    );
  }
  return vendorDefault;
}

/** A channel credential from the environment, or a ConfigError naming it. */
export function channelSecret(channel: ChannelConfig, name: string): string {
  const variable = channelVar(channel.id, name);
  const value = optionalEnv(variable);
  if (!value) {
    throw new ConfigError(
      `channel ${channel.id} has no ${name.toLowerCase().replace(/_/g, " ")}: set the environment variable ${variable} (or put it in .env)`,
    );
  }
  return value;
}

/** A string setting of a channel, or a ConfigError naming the key. */
export function channelSetting(channel: ChannelConfig, key: string): string {
  const value = channel.values[key];
  if (typeof value !== "string" || value === "") {
    throw new ConfigError(
      `channel ${channel.id} needs ${key}: run \`hub config set channels.${channel.id}.${key} <value>\``,
    );
  }
  return value;
}
