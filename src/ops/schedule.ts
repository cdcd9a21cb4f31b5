import type { Settings } from "../config/settings.js";

/** The commands cron runs on a schedule, watched by the dead man's switch. */
export const SCHEDULED_COMMANDS = [
  "pull-orders",
  "push-tracking",
  "allocate",
  "rebalance",
  "cleanup",
] as const;

export type ScheduledCommand = (typeof SCHEDULED_COMMANDS)[number];

/**
 * Minutes between two cron runs when no `schedule.<command>.interval_minutes`
 * says otherwise; they match crontab.example. Rebalance has its own setting.
 */
export const DEFAULT_INTERVAL_MINUTES: Record<ScheduledCommand, number> = {
  "pull-orders": 5,
  "push-tracking": 10,
  allocate: 60,
  rebalance: 240,
  cleanup: 1440,
};

/** The settings key of a command's explicit interval. */
export function scheduleKey(command: ScheduledCommand): string {
  return `schedule.${command}.interval_minutes`;
}

/** True when the operator set the command's interval explicitly. */
export function hasExplicitSchedule(
  settings: Settings,
  command: ScheduledCommand,
): boolean {
  return typeof settings.get(scheduleKey(command)) === "number";
}

/** How often cron is expected to run `command`, in minutes. */
export function intervalMinutes(
  settings: Settings,
  command: ScheduledCommand,
): number {
  const explicit = settings.get(scheduleKey(command));
  if (typeof explicit === "number") return explicit;
  if (command === "rebalance") {
    const rebalance = settings.get("inventory.rebalance_interval_minutes");
    if (typeof rebalance === "number") return rebalance;
  }
  return DEFAULT_INTERVAL_MINUTES[command];
}
