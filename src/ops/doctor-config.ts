import { channelVar } from "../config/env.js";
import type { ChannelConfig, Settings } from "../config/settings.js";

/** One line of the doctor's table. */
export interface DoctorCheck {
  /** What was checked: database, migrations, config, credentials, … */
  check: string;
  /** The database, a channel id, shipstation or zoho. */
  subject: string;
  outcome: "pass" | "warn" | "fail";
  detail: string;
  /** What to do, for a warning or a failure. */
  fix?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The credentials each channel kind reads from the environment. */
const KIND_SECRETS: Record<ChannelConfig["kind"], readonly string[]> = {
  amazon: ["CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"],
  ebay: ["CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"],
  mirakl: ["API_KEY"],
  rithum: ["CLIENT_ID", "CLIENT_SECRET", "REFRESH_TOKEN"],
};

/** Settings a kind cannot work without (besides store_id, which all need). */
const KIND_SETTINGS: Record<ChannelConfig["kind"], readonly string[]> = {
  amazon: ["marketplace_id", "seller_id"],
  ebay: [],
  mirakl: [],
  rithum: [],
};

export const SHIPSTATION_VARS = [
  "HUB_SHIPSTATION_API_KEY",
  "HUB_SHIPSTATION_API_SECRET",
] as const;

export const ZOHO_VARS = [
  "HUB_ZOHO_CLIENT_ID",
  "HUB_ZOHO_CLIENT_SECRET",
  "HUB_ZOHO_REFRESH_TOKEN",
] as const;

/** The environment variables holding a channel's credentials. */
export function channelSecretVars(channel: ChannelConfig): string[] {
  return KIND_SECRETS[channel.kind].map((name) => channelVar(channel.id, name));
}

/** What a channel lacks: setting keys and environment variable names. */
export function missingForChannel(
  channel: ChannelConfig,
  env: Env,
): { settings: string[]; variables: string[] } {
  const settings = KIND_SETTINGS[channel.kind].filter(
    (key) => !present(channel.values[key]),
  );
  if (channel.storeId === undefined) settings.unshift("store_id");
  const hasUrl =
    present(env[channelVar(channel.id, "URL")]) ||
    present(channel.values.endpoint);
  // Mirakl has no default host (each operator runs its own instance);
  // Amazon finds its host from the region.
  if (channel.kind === "mirakl" && !hasUrl) settings.push("endpoint");
  if (channel.kind === "amazon" && !hasUrl && !present(channel.values.region)) {
    settings.push("region");
  }
  const variables = channelSecretVars(channel).filter((v) => !present(env[v]));
  return { settings, variables };
}

/** One config check per enabled channel, and one for ShipStation and Zoho. */
export function configChecks(settings: Settings, env: Env): DoctorCheck[] {
  const channels = settings.enabledChannels();
  const checks: DoctorCheck[] = [];
  if (channels.length === 0) {
    checks.push({
      check: "config",
      subject: "channels",
      outcome: "fail",
      detail: "no channel is enabled",
      fix: "add one: `hub config set channels.<id>.kind <kind>` and its store_id",
    });
  }
  for (const channel of channels) {
    const missing = missingForChannel(channel, env);
    checks.push(
      completeness(
        channel.id,
        `${channel.kind} channel`,
        missing,
        (key) => `hub config set channels.${channel.id}.${key} <value>`,
      ),
    );
  }
  checks.push(
    completeness(
      "shipstation",
      "ShipStation",
      {
        settings: [],
        variables: SHIPSTATION_VARS.filter((v) => !present(env[v])),
      },
      () => "",
    ),
  );
  const zohoSettings =
    present(env.HUB_ZOHO_ORGANIZATION_ID) ||
    present(settings.get("zoho.organization_id"))
      ? []
      : ["zoho.organization_id"];
  checks.push(
    completeness(
      "zoho",
      "Zoho Inventory",
      {
        settings: zohoSettings,
        variables: ZOHO_VARS.filter((v) => !present(env[v])),
      },
      (key) => `hub config set ${key} <value>`,
    ),
  );
  return checks;
}

function completeness(
  subject: string,
  what: string,
  missing: { settings: string[]; variables: string[] },
  setCommand: (key: string) => string,
): DoctorCheck {
  if (missing.settings.length === 0 && missing.variables.length === 0) {
    return {
      check: "config",
      subject,
      outcome: "pass",
      detail: `${what} is configured`,
    };
  }
  const lacks = [
    ...missing.settings.map((k) => `setting ${k}`),
    ...missing.variables.map((v) => `variable ${v}`),
  ];
  const fixes = [
    ...missing.settings.map((k) => `run \`${setCommand(k)}\``),
    ...(missing.variables.length > 0
      ? [`set ${missing.variables.join(", ")} in the environment or .env`]
      : []),
  ];
  return {
    check: "config",
    subject,
    outcome: "fail",
    detail: `${what} lacks ${lacks.join(", ")}`,
    fix: fixes.join("; "),
  };
}

function present(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  return value !== undefined && value !== null;
}
