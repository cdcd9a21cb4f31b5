import type { Knex } from "knex";
import { ConfigError } from "../errors.js";
import { SETTINGS, type ChannelKindName } from "./schema.js";
import { listStored } from "./store.js";

/** One channel as configured. */
export interface ChannelConfig {
  id: string;
  kind: ChannelKindName;
  enabled: boolean;
  ratio: number;
  storeId: number | undefined;
  /** Every `channels.<id>.*` value, by its last key segment(s). */
  values: Record<string, unknown>;
  /** carrierCode → marketplace carrier, from `channels.<id>.carrier.*`. */
  carriers: Record<string, string>;
}

/**
 * The effective configuration of one run: stored values over defaults, read
 * once at the start so a run sees one consistent picture.
 */
export class Settings {
  private constructor(
    private readonly values: Map<string, unknown>,
    readonly channels: readonly ChannelConfig[],
  ) {}

  /** Reads every stored value. */
  static async load(db: Knex): Promise<Settings> {
    const stored = await listStored(db);
    return Settings.fromEntries(stored.map((s) => [s.key, s.value]));
  }

  /** Builds settings from key/value pairs in configuration order. */
  static fromEntries(entries: ReadonlyArray<readonly [string, unknown]>): Settings {
    const values = new Map<string, unknown>();
    for (const spec of SETTINGS) {
      if (!spec.pattern.includes("<") && spec.default !== undefined) {
        values.set(spec.pattern, spec.default);
      }
    }
    for (const [key, value] of entries) values.set(key, value);
    return new Settings(values, collectChannels(entries));
  }

  /** A value, or the default, or undefined. */
  get(key: string): unknown {
    return this.values.get(key);
  }

  int(key: string, fallback?: number): number {
    const value = this.values.get(key) ?? fallback;
    if (typeof value !== "number") {
      throw new ConfigError(`setting ${key} is not set: run \`hub config set ${key} <value>\``);
    }
    return value;
  }

  string(key: string): string | undefined {
    const value = this.values.get(key);
    return typeof value === "string" ? value : undefined;
  }

  /** Enabled channels, in configuration order, optionally only `only`. */
  enabledChannels(only: readonly string[] = []): ChannelConfig[] {
    for (const id of only) {
      if (!this.channels.some((c) => c.id === id)) {
        throw new ConfigError(
          `unknown channel "${id}": configured channels are ${this.channels.map((c) => c.id).join(", ") || "none"}; add one with \`hub config set channels.${id}.kind <kind>\``,
        );
      }
    }
    return this.channels.filter(
      (c) => c.enabled && (only.length === 0 || only.includes(c.id)),
    );
  }

  /** The safety stock of one SKU (its override, else the global value). */
  safetyStock(sku: string): number {
    const override = this.values.get(`sku.${sku}.safety_stock`);
    return typeof override === "number" ? override : this.int("inventory.safety_stock");
  }

  /** The ratio of one SKU on one channel (its override, else the channel's). */
  ratio(sku: string, channel: ChannelConfig): number {
    const override = this.values.get(`sku.${sku}.ratio.${channel.id}`);
    return typeof override === "number" ? override : channel.ratio;
  }

  /** Every explicitly stored key/value (for status and the editor). */
  entries(): Array<[string, unknown]> {
    return [...this.values.entries()];
  }
}

function collectChannels(
  entries: ReadonlyArray<readonly [string, unknown]>,
): ChannelConfig[] {
  const byId = new Map<string, Record<string, unknown>>();
  for (const [key, value] of entries) {
    const match = /^channels\.([^.]+)\.(.+)$/.exec(key);
    if (!match) continue;
    const [, id, rest] = match as unknown as [string, string, string];
    const values = byId.get(id) ?? {};
    values[rest] = value;
    byId.set(id, values);
  }
  const channels: ChannelConfig[] = [];
  for (const [id, values] of byId) {
    const kind = values.kind as ChannelKindName | undefined;
    if (!kind) continue;
    const carriers: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      if (k.startsWith("carrier.") && typeof v === "string") {
        carriers[k.slice("carrier.".length)] = v;
      }
    }
    channels.push({
      id,
      kind,
      enabled: values.enabled !== false,
      ratio: typeof values.ratio === "number" ? values.ratio : 0,
      storeId: typeof values.store_id === "number" ? values.store_id : undefined,
      values,
      carriers,
    });
  }
  return channels;
}
