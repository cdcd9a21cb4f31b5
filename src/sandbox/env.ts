import type { Scenario } from "./contract.js";
import { SANDBOX_CREDENTIALS } from "./contract.js";
import { ZOHO_ORGANIZATION_ID } from "./zoho/state.js";

/** `amazon-us` → `AMAZON_US`: the channel's part of environment names. */
export function channelEnvId(channelId: string): string {
  return channelId.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

const TOKEN_PATHS = {
  amazon: "/auth/o2/token",
  ebay: "/identity/v1/oauth2/token",
  rithum: "/oauth2/token",
} as const;

/** The environment that points hub at a sandbox running at `url`. */
export function sandboxEnv(
  url: string,
  scenario: Scenario,
  timeScale: number,
): Record<string, string> {
  const c = SANDBOX_CREDENTIALS;
  const env: Record<string, string> = {
    HUB_SHIPSTATION_URL: `${url}/shipstation`,
    HUB_SHIPSTATION_API_KEY: c.clientId,
    HUB_SHIPSTATION_API_SECRET: c.apiSecret,
    HUB_ZOHO_API_URL: `${url}/zoho`,
    HUB_ZOHO_ACCOUNTS_URL: `${url}/zoho-accounts`,
    HUB_ZOHO_CLIENT_ID: c.clientId,
    HUB_ZOHO_CLIENT_SECRET: c.clientSecret,
    HUB_ZOHO_REFRESH_TOKEN: c.refreshToken,
    HUB_ZOHO_ORGANIZATION_ID: ZOHO_ORGANIZATION_ID,
    HUB_TIME_SCALE: String(timeScale),
  };
  for (const ch of scenario.channels) {
    const id = channelEnvId(ch.id);
    const base = `${url}/ch/${ch.id}`;
    env[`HUB_CHANNEL_${id}_URL`] = base;
    if (ch.kind === "mirakl") {
      env[`HUB_CHANNEL_${id}_API_KEY`] = c.apiKey;
      continue;
    }
    env[`HUB_CHANNEL_${id}_TOKEN_URL`] = `${base}${TOKEN_PATHS[ch.kind]}`;
    env[`HUB_CHANNEL_${id}_CLIENT_ID`] = c.clientId;
    env[`HUB_CHANNEL_${id}_CLIENT_SECRET`] = c.clientSecret;
    env[`HUB_CHANNEL_${id}_REFRESH_TOKEN`] = c.refreshToken;
  }
  return env;
}

/** `KEY=value` lines, one per variable, for a dotenv file. */
export function renderEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")
    .concat("\n");
}
