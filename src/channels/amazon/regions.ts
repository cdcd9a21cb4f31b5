import { ConfigError } from "../../errors.js";
import type { ChannelConfig } from "../../config/settings.js";
import { channelBaseUrl, channelTokenUrl } from "../endpoints.js";

/** Production SP-API hosts per region (amazon.md §1, Endpoints / regions). */
const REGION_HOSTS: Record<string, string> = {
  na: "https://sellingpartnerapi-na.amazon.com",
  eu: "https://sellingpartnerapi-eu.amazon.com",
  fe: "https://sellingpartnerapi-fe.amazon.com",
};

/** One LWA host serves every region (amazon.md §1). */
export const LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token";

/** The SP-API base URL: an explicit override, else the region's host. */
export function spApiBaseUrl(channel: ChannelConfig): string {
  const region = channel.values.region;
  const regional =
    typeof region === "string" ? REGION_HOSTS[region] : undefined;
  if (regional === undefined && typeof region === "string") {
    throw new ConfigError(
      `channel ${channel.id} has an unknown Amazon region "${region}": run \`hub config set channels.${channel.id}.region na|eu|fe\``,
    );
  }
  if (regional === undefined) {
    try {
      return channelBaseUrl(channel);
    } catch {
      throw new ConfigError(
        `channel ${channel.id} needs its Amazon region: run \`hub config set channels.${channel.id}.region na|eu|fe\``,
      );
    }
  }
  return channelBaseUrl(channel, regional);
}

/** The LWA token URL, overridable for the sandbox. */
export function lwaTokenUrl(channel: ChannelConfig): string {
  return channelTokenUrl(channel, LWA_TOKEN_URL);
}
