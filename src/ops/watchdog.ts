import type { Knex } from "knex";
import { raiseAlert } from "../alerts/raise.js";
import type { Settings } from "../config/settings.js";
import {
  commandRunTimes,
  lastOrderPerChannel,
  settingsWrittenAt,
} from "../storage/repos/status-watchdog.js";
import { formatMinutes, minutesBetween } from "./durations.js";
import {
  SCHEDULED_COMMANDS,
  hasExplicitSchedule,
  intervalMinutes,
  scheduleKey,
  type ScheduledCommand,
} from "./schedule.js";

/**
 * A command is overdue after this many intervals without a success: one
 * missed tick is normal (a slow run, a skipped overlap), two is not.
 */
export const DEAD_MAN_FACTOR = 2;

/** Quiet period when `alerts.quiet_minutes` cannot be read. */
const DEFAULT_QUIET_MINUTES = 60;

/** Something the watchdog wants an operator to look at. */
export interface WatchdogFinding {
  kind: "dead_man" | "silence";
  /** The command (dead_man) or channel (silence) concerned. */
  subject: string;
  /** Its last success or last new order; null when there never was one. */
  lastAt: Date | null;
  /** How long it may stay quiet, in minutes. */
  limitMinutes: number;
  /** How long it has been quiet, in minutes. */
  ageMinutes: number;
  /** One line for the operator, ending with what to do. */
  message: string;
}

/** What the dead man's switch knows about one scheduled command. */
export interface CommandFacts {
  command: ScheduledCommand;
  intervalMinutes: number;
  lastSuccessAt: Date | null;
  firstRunAt: Date | null;
  /** When an explicit schedule setting was written; null if there is none. */
  scheduledSince: Date | null;
}

/** What the silence check knows about one enabled channel. */
export interface ChannelFacts {
  channel: string;
  silenceHours: number;
  lastOrderAt: Date | null;
  /** When the channel was configured: the start of its silence if no order. */
  configuredAt: Date | null;
}

/** Everything the watchdog decides from. */
export interface WatchdogFacts {
  commands: CommandFacts[];
  channels: ChannelFacts[];
}

/** Reads the dead man's switch and silence facts, then judges them. */
export async function checkWatchdog(
  knex: Knex,
  settings: Settings,
  now: Date,
): Promise<WatchdogFinding[]> {
  return judgeWatchdog(await readWatchdogFacts(knex, settings), now);
}

/** The facts of every scheduled command and every enabled channel. */
export async function readWatchdogFacts(
  knex: Knex,
  settings: Settings,
): Promise<WatchdogFacts> {
  const channels = settings.enabledChannels();
  const runs = await commandRunTimes(knex);
  const lastOrders = await lastOrderPerChannel(knex);
  const written = await settingsWrittenAt(knex, [
    ...SCHEDULED_COMMANDS.map(scheduleKey),
    ...channels.map((c) => `channels.${c.id}.kind`),
  ]);
  return {
    commands: SCHEDULED_COMMANDS.map((command) => {
      const times = runs.find((r) => r.command === command);
      return {
        command,
        intervalMinutes: intervalMinutes(settings, command),
        lastSuccessAt: times?.lastSuccessAt ?? null,
        firstRunAt: times?.firstRunAt ?? null,
        scheduledSince: hasExplicitSchedule(settings, command)
          ? (written.get(scheduleKey(command)) ?? null)
          : null,
      };
    }),
    channels: channels.map((c) => ({
      channel: c.id,
      silenceHours: Number(c.values.silence_hours ?? 0) || 0,
      lastOrderAt: lastOrders.get(c.id) ?? null,
      configuredAt: written.get(`channels.${c.id}.kind`) ?? null,
    })),
  };
}

/** The findings for these facts at `now`: pure, no I/O. */
export function judgeWatchdog(
  facts: WatchdogFacts,
  now: Date,
): WatchdogFinding[] {
  return [
    ...facts.commands.flatMap((c) => deadMan(c, now)),
    ...facts.channels.flatMap((c) => silence(c, now)),
  ];
}

function deadMan(facts: CommandFacts, now: Date): WatchdogFinding[] {
  const limit = facts.intervalMinutes * DEAD_MAN_FACTOR;
  // Never succeeded: count from when it was first run or scheduled; a
  // command that was neither is simply not in use here.
  const since =
    facts.lastSuccessAt ?? earliest(facts.firstRunAt, facts.scheduledSince);
  if (!since) return [];
  const age = minutesBetween(since, now);
  if (age <= limit) return [];
  const what = facts.lastSuccessAt
    ? `last succeeded ${formatMinutes(age)} ago`
    : `has not succeeded since it was first scheduled ${formatMinutes(age)} ago`;
  return [
    {
      kind: "dead_man",
      subject: facts.command,
      lastAt: facts.lastSuccessAt,
      limitMinutes: limit,
      ageMinutes: age,
      message:
        `${facts.command} ${what} (limit ${formatMinutes(limit)}, twice its ` +
        `${facts.intervalMinutes}-minute interval): check that cron runs it ` +
        `and read the errors of its last runs with \`hub status\``,
    },
  ];
}

function silence(facts: ChannelFacts, now: Date): WatchdogFinding[] {
  if (facts.silenceHours <= 0) return [];
  const since = facts.lastOrderAt ?? facts.configuredAt;
  if (!since) return [];
  const limit = facts.silenceHours * 60;
  const age = minutesBetween(since, now);
  if (age <= limit) return [];
  const what = facts.lastOrderAt
    ? `no new order for ${formatMinutes(age)}`
    : `no order at all in the ${formatMinutes(age)} since it was configured`;
  return [
    {
      kind: "silence",
      subject: facts.channel,
      lastAt: facts.lastOrderAt,
      limitMinutes: limit,
      ageMinutes: age,
      message:
        `channel ${facts.channel} had ${what} (silence_hours ` +
        `${facts.silenceHours}): check the account on the marketplace and ` +
        `run \`hub pull-orders --channel ${facts.channel} --verbose\``,
    },
  ];
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/**
 * Raises one alert per finding, keyed by kind and subject so the quiet
 * period keeps a lasting problem from mailing every run. Returns how many
 * were sent (not suppressed).
 */
export async function raiseWatchdogAlerts(
  knex: Knex,
  settings: Settings,
  findings: readonly WatchdogFinding[],
): Promise<number> {
  const quiet = settings.int("alerts.quiet_minutes", DEFAULT_QUIET_MINUTES);
  let sent = 0;
  for (const finding of findings) {
    const raised = await raiseAlert(
      knex,
      {
        key: `${finding.kind}:${finding.subject}`,
        kind: finding.kind,
        subject:
          finding.kind === "dead_man"
            ? `hub: ${finding.subject} is overdue`
            : `hub: no orders from ${finding.subject}`,
        body: finding.message,
      },
      quiet,
    );
    if (raised) sent++;
  }
  return sent;
}
