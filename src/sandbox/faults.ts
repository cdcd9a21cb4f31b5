import type { FaultRule } from "./contract.js";

/** The active fault rules; a rule with `times` wears out as it fires. */
export class FaultBook {
  private rules: Array<FaultRule & { left?: number }> = [];

  /** Replaces the active rules. */
  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) =>
      r.times === undefined ? { ...r } : { ...r, left: r.times },
    );
  }

  clear(): void {
    this.rules = [];
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
      if (rule.rate !== undefined && Math.random() >= rule.rate) continue;
      if (rule.left !== undefined) rule.left -= 1;
      const { left, ...fired } = rule;
      void left;
      return fired;
    }
    return undefined;
  }
}
