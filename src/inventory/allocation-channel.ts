import { BugError } from "../errors.js";

/** One enabled channel as the quantity rule sees it. */
export interface AllocationChannel {
  readonly id: string;
  /** Whole percent 0–100 of sellable stock (per-SKU override applied). */
  readonly ratio: number;
  /** Channels with the same group share one quantity (`quantity_group`). */
  readonly group?: string | null | undefined;
}

/** Settings of the rule that hold for every SKU of a run. */
export interface RuleSettings {
  readonly maxOversellPct: number;
  readonly minPublishQty: number;
}

/**
 * Largest stock figure the rule accepts. Quantities are kept in Int32Array
 * for large catalogues, and products such as sellable × R stay far below
 * 2^53 with it.
 */
export const MAX_UNITS = 2 ** 31 - 1;

/** Refuses a ratio the rule cannot use; config validation should stop it. */
export function assertRatio(ratio: number, where: string): void {
  if (!Number.isInteger(ratio) || ratio < 0 || ratio > 100) {
    throw new BugError(`ratio ${ratio} of ${where} is not a whole 0–100`);
  }
}

/** Refuses a stock figure that is not a whole number within MAX_UNITS. */
export function assertUnits(
  value: number,
  what: string,
  minimum: number,
): void {
  if (!Number.isInteger(value) || value < minimum || value > MAX_UNITS) {
    throw new BugError(
      `${what} ${value} is not a whole number from ${minimum} to ${MAX_UNITS}`,
    );
  }
}

/** Refuses settings outside what `hub config set` allows. */
export function assertRuleSettings(
  settings: RuleSettings,
  channels: readonly AllocationChannel[],
): void {
  const { maxOversellPct, minPublishQty } = settings;
  if (!Number.isInteger(maxOversellPct) || maxOversellPct < 100) {
    throw new BugError(`max oversell ${maxOversellPct} % is under 100`);
  }
  assertUnits(minPublishQty, "min publish quantity", 0);
  const seen = new Set<string>();
  for (const channel of channels) {
    if (seen.has(channel.id)) {
      throw new BugError(`channel ${channel.id} is listed twice`);
    }
    seen.add(channel.id);
    assertRatio(channel.ratio, `channel ${channel.id}`);
  }
}
