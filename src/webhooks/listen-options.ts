import { ConfigError } from "../errors.js";

/** Checks `--port` (0 picks a free port). */
export function parsePort(value: unknown): number {
  const text = String(value ?? "");
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) {
    throw new ConfigError(
      `--port ${text} is not a port: give a whole number from 0 to 65535`,
    );
  }
  return port;
}

/** The refusal on the embedded database, with what to do instead. */
export function embeddedRefusal(): ConfigError {
  return new ConfigError(
    "serve-webhooks needs a PostgreSQL server: it runs for days and would " +
      "hold the embedded database folder, locking out every other hub " +
      "command. Set DATABASE_URL (or --database-url) to a PostgreSQL " +
      "server, e.g. postgres://hub@db.example.invalid:5432/hub, run " +
      "`hub migrate` against it, then start serve-webhooks again",
  );
}
