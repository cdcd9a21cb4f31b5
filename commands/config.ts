import type { CommandSpec } from "../src/cli/command-spec.js";
import { skippedOutcome } from "../src/cli/command-spec.js";
import { editInteractively } from "../src/config/editor.js";
import { SETTINGS, findSetting } from "../src/config/schema.js";
import { listStored, parseSetting, unsetSetting, writeSetting } from "../src/config/store.js";
import { ConfigError } from "../src/errors.js";
import { withDatabase } from "../src/runs/run-pipeline.js";
import type { Database } from "../src/storage/database.js";
import { pendingMigrations } from "../src/storage/migrator.js";
import { validateChannelChange, validateChannelUnset } from "../src/config/channel-rules.js";

const USAGE =
  "use `hub config get [key]`, `hub config set <key> <value>` or `hub config unset <key>`";

/** `hub config`: read, validate and write settings. */
export const configCommand: CommandSpec = {
  name: "config",
  description: "read and change settings: get [key], set <key> <value>, unset <key>; bare on a terminal: interactive editor",
  arguments: "[action] [key] [value]",
  async run(ctx, _options, args) {
    const [action, key, value] = args;
    if (action && !["get", "set", "unset"].includes(action)) {
      throw new ConfigError(`unknown config action "${action}": ${USAGE}`);
    }
    if ((action === "set" && (key === undefined || value === undefined)) || (action === "unset" && !key)) {
      throw new ConfigError(`missing argument: ${USAGE}`);
    }
    // Refuse a bad key or value before touching the database at all.
    if (action === "set" && key !== undefined) parseSetting(key, value);
    if (action === "unset" && key !== undefined && !findSetting(key)) parseSetting(key, undefined);

    const outcome = await withDatabase(ctx, async (db) => {
      await requireMigrated(db);
      if (action === "set" && key !== undefined) {
        await validateChannelChange(db.knex, key, parseSetting(key, value));
        if (ctx.options.dryRun) return { key, value: parseSetting(key, value), changed: false, dryRun: true };
        const r = await writeSetting(db.knex, key, value, { user: ctx.user, source: "operator" });
        return { key, value: r.value, old: r.old, changed: r.changed };
      }
      if (action === "unset" && key !== undefined) {
        await validateChannelUnset(db.knex, key);
        const removed = ctx.options.dryRun ? false : await unsetSetting(db.knex, key, ctx.user);
        return { key, removed };
      }
      if (!action && ctx.output.decorated && process.stdin.isTTY) {
        return { changed: await editInteractively(db.knex, ctx.user) };
      }
      return readSettings(db, key);
    });
    if ("skipped" in outcome) return skippedOutcome(outcome.skipped);
    return {
      status: "succeeded",
      result: outcome,
      render: (out) => {
        if ("settings" in outcome && outcome.settings) {
          out.table("settings", ["key", "value", "source", "help"], outcome.settings.map((s) => [s.key, JSON.stringify(s.value), s.source, s.help]));
        } else if ("changed" in outcome && Array.isArray(outcome.changed)) {
          out.line(outcome.changed.length ? `changed: ${outcome.changed.join(", ")}` : "nothing changed");
        } else if ("changed" in outcome && typeof outcome.changed === "boolean") {
          out.line(outcome.changed ? `${String(outcome.key)} = ${JSON.stringify(outcome.value)}` : `${String(outcome.key)} unchanged`);
        } else {
          out.line(JSON.stringify(outcome));
        }
      },
    };
  },
};

async function requireMigrated(db: Database): Promise<void> {
  if ((await pendingMigrations(db.knex)).length > 0) {
    throw new ConfigError("the database is not migrated: run `hub migrate` first");
  }
}

async function readSettings(db: Database, key: string | undefined) {
  const stored = await listStored(db.knex);
  if (key !== undefined) {
    const spec = findSetting(key);
    if (!spec) parseSetting(key, undefined);
    const hit = stored.find((s) => s.key === key);
    return {
      key,
      value: hit ? hit.value : (spec?.default ?? null),
      source: hit ? hit.source : "default",
      help: spec?.help ?? "",
    };
  }
  const rows = new Map<string, { key: string; value: unknown; source: string; help: string }>();
  for (const spec of SETTINGS) {
    if (spec.pattern.includes("<")) continue;
    rows.set(spec.pattern, { key: spec.pattern, value: spec.default ?? null, source: "default", help: spec.help });
  }
  for (const s of stored) {
    rows.set(s.key, { key: s.key, value: s.value, source: s.source, help: findSetting(s.key)?.help ?? "" });
  }
  return { settings: [...rows.values()] };
}
