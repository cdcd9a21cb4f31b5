import type { FaultRule } from "./contract.js";
import { seededDice } from "./dice.js";

/** The active fault rules; a rule with `times` wears out as it fires. */
export class FaultBook {
  private rules: Array<FaultRule & { left?: number }> = [];
  private roll: () => number = Math.random;
  private seed: number | undefined;

  /**
   * Replaces the active rules. With a seed, the `rate` dice roll the same
   * sequence each time, so the same requests in the same order meet the
   * same faults.
   */
  set(rules: FaultRule[], seed?: number): void {
    this.rules = rules.map((r) =>
      r.times === undefined ? { ...r } : { ...r, left: r.times },
    );
    this.seed = seed;
    this.roll = seed === undefined ? Math.random : seededDice(seed);
  }

  clear(): void {
    this.rules = [];
    this.seed = undefined;
    this.roll = Math.random;
  }

  /** The seed of the active rules' dice, if one was given. */
  seedOf(): number | undefined {
    return this.seed;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /**
   * The fault for a request, if any: the first rule whose endpoint is a
   * prefix of the key (and whose channel, if set, is the mount), that still
   * has uses left and wins its dice roll.
   */
  pick(key: string, mount: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (!key.startsWith(rule.endpoint)) continue;
      if (rule.channel !== undefined && rule.channel !== mount) continue;
      if (rule.left !== undefined && rule.left <= 0) continue;
      if (rule.rate !== undefined && this.roll() >= rule.rate) continue;
      if (rule.left !== undefined) rule.left -= 1;
      const { left, ...fired } = rule;
      void left;
      return fired;
    }
    return undefined;
  }
}
