import { existsSync } from "node:fs";
import dotenv from "dotenv";
import { ConfigError } from "../errors.js";

/**
 * Credentials live only in the environment (a `.env` file in the working
 * folder is read if present); the database never holds one.
 */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) dotenv.config({ path: file, quiet: true });
}

/** `amazon-us` → `AMAZON_US`: the channel part of its variable names. */
export function channelEnvId(channelId: string): string {
  return channelId.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The variable name of one channel credential or URL. */
export function channelVar(channelId: string, name: string): string {
  return `HUB_CHANNEL_${channelEnvId(channelId)}_${name}`;
}

/** A required variable, or a ConfigError that names it. */
export function requireEnv(name: string, what: string): string {
  const value = process.env[name];
  if (!value) {
    throw new ConfigError(
      `${what} is missing: set the environment variable ${name} (or put it in .env)`,
    );
  }
  return value;
}

/** An optional variable. */
export function optionalEnv(name: string): string | undefined {
  return process.env[name] || undefined;
}

/** The time scale of throttles (the sandbox runs faster than real APIs). */
export function timeScale(): number {
  const raw = Number(process.env.HUB_TIME_SCALE ?? "1");
  return Number.isFinite(raw) && raw > 0 ? raw : 1;
}
