import type { Knex } from "knex";
import { ConfigError } from "../errors.js";
import { findSetting, type SettingSpec } from "./schema.js";

/** A configured value with where it came from. */
export interface StoredSetting {
  key: string;
  value: unknown;
  updatedBy: string;
  source: string;
}

/** Checks a raw value against its key; the parsed value, or a ConfigError. */
export function parseSetting(key: string, raw: unknown): unknown {
  const spec = findSetting(key);
  if (!spec) {
    throw new ConfigError(
      `unknown setting "${key}": run \`hub config get\` to list the settings hub knows`,
    );
  }
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      `refused ${key} = ${JSON.stringify(raw)}: allowed is ${spec.allowed}; nothing was changed`,
    );
  }
  return parsed.data;
}

/** Every stored value, in configuration order. */
export async function listStored(db: Knex): Promise<StoredSetting[]> {
  const rows = await db("configs")
    .select("key", "value", "updated_by", "source")
    .orderBy("position");
  return rows.map((r: Record<string, unknown>) => ({
    key: String(r.key),
    value: r.value,
    updatedBy: String(r.updated_by),
    source: String(r.source),
  }));
}

/**
 * Writes one value and its history row in one transaction. A seed never
 * overwrites what an operator set.
 */
export async function writeSetting(
  db: Knex,
  key: string,
  raw: unknown,
  by: { user: string; source: "operator" | "seed" },
): Promise<{ changed: boolean; old: unknown; value: unknown }> {
  const value = parseSetting(key, raw);
  return db.transaction(async (trx) => {
    const existing = await trx("configs").where({ key }).forUpdate().first();
    if (existing && by.source === "seed") {
      return { changed: false, old: existing.value, value: existing.value };
    }
    const old: unknown = existing?.value ?? null;
    if (existing && JSON.stringify(old) === JSON.stringify(value)) {
      return { changed: false, old, value };
    }
    const row = {
      value: JSON.stringify(value),
      updated_by: by.user,
      source: by.source,
      updated_at: trx.fn.now(),
    };
    if (existing) await trx("configs").where({ key }).update(row);
    else await trx("configs").insert({ key, ...row });
    await trx("config_history").insert({
      key,
      old_value: existing ? JSON.stringify(old) : null,
      new_value: JSON.stringify(value),
      changed_by: by.user,
      source: by.source,
    });
    return { changed: true, old, value };
  });
}

/** Removes a value (its default applies again); recorded in history. */
export async function unsetSetting(
  db: Knex,
  key: string,
  user: string,
): Promise<boolean> {
  if (!findSetting(key)) parseSetting(key, undefined);
  return db.transaction(async (trx) => {
    const existing = await trx("configs").where({ key }).forUpdate().first();
    if (!existing) return false;
    await trx("configs").where({ key }).delete();
    await trx("config_history").insert({
      key,
      old_value: JSON.stringify(existing.value),
      new_value: null,
      changed_by: user,
      source: "operator",
    });
    return true;
  });
}

/** The spec of a key, or a ConfigError naming it. */
export function requireSpec(key: string): SettingSpec {
  const spec = findSetting(key);
  if (!spec) parseSetting(key, undefined);
  return spec as SettingSpec;
}
