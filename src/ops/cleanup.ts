import type { Knex } from "knex";
import type { Settings } from "../config/settings.js";
import {
  alertsRule,
  countExpired,
  deductionsRule,
  deleteExpired,
  inboxRule,
  publicationsRule,
  quarantineRule,
  runsRule,
  trackingRule,
  type CleanupRule,
} from "../storage/repos/cleanup.js";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Retention when `retention.days` cannot be read (DESIGN.md: 90 days). */
export const DEFAULT_RETENTION_DAYS = 90;

/**
 * Tables cleanup never touches, and why. config_history is the audit trail
 * of who changed which setting: its worth grows with age, and at one row
 * per operator change it stays small.
 */
export const KEPT_TABLES: Readonly<Record<string, string>> = {
  config_history: "audit trail of setting changes: kept for good",
  order_mappings: "stops an order from being sent twice: kept",
  configs: "current settings",
  sync_cursors: "current read positions",
  oauth_tokens: "current access tokens",
  shadow_inventory: "current stock estimate",
};

/** What one cleanup run deletes (or would, with --dry-run). */
export interface CleanupPlan {
  retentionDays: number;
  cutoff: Date;
  /** alert_log keeps at least the quiet period, for de-duplication. */
  alertCutoff: Date;
  rules: CleanupRule[];
}

/** The cutoffs and rules for a run at `now`: pure, no I/O. */
export function planCleanup(settings: Settings, now: Date): CleanupPlan {
  const days = settings.int("retention.days", DEFAULT_RETENTION_DAYS);
  const quiet = settings.int("alerts.quiet_minutes", 60);
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const quietStart = new Date(now.getTime() - quiet * MINUTE_MS);
  const alertCutoff = quietStart < cutoff ? quietStart : cutoff;
  return {
    retentionDays: days,
    cutoff,
    alertCutoff,
    rules: [
      runsRule(cutoff),
      inboxRule(cutoff),
      publicationsRule(cutoff),
      alertsRule(alertCutoff),
      deductionsRule(cutoff),
      trackingRule(cutoff),
      quarantineRule(cutoff),
    ],
  };
}

/**
 * Counts (dry run) or deletes the expired rows of every rule, all in one
 * transaction so a failure leaves the history as it was. Returns the count
 * per table.
 */
export async function applyCleanup(
  knex: Knex,
  plan: CleanupPlan,
  dryRun: boolean,
): Promise<Record<string, number>> {
  return knex.transaction(async (trx) => {
    const counts: Record<string, number> = {};
    for (const rule of plan.rules) {
      counts[rule.table] = dryRun
        ? await countExpired(trx, rule)
        : await deleteExpired(trx, rule);
    }
    return counts;
  });
}
