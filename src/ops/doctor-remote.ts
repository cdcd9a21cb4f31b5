import type { Knex } from "knex";
import { createConnector } from "../channels/registry.js";
import type { CredentialCheck } from "../channels/types.js";
import type { ChannelConfig, Settings } from "../config/settings.js";
import { ConfigError, UpstreamError, describeError } from "../errors.js";
import type { HttpContext } from "../http/http-context.js";
import type { Logger } from "../log/logger.js";
import { ShipStationClient } from "../shipstation/client.js";
import { tokenExpiry } from "../storage/tokens.js";
import { ZohoClient } from "../zoho/client.js";
import { ZOHO_TOKEN_SCOPE } from "../zoho/token.js";
import {
  SHIPSTATION_VARS,
  ZOHO_VARS,
  channelSecretVars,
  type DoctorCheck,
} from "./doctor-config.js";

/**
 * Amazon refuses order searches bounded less than two minutes before its
 * own clock (amazon.md), so a clock further off than this breaks pulls.
 */
export const CLOCK_SKEW_LIMIT_MS = 2 * 60_000;

/** A SKU no catalogue has: asking Zoho for it is one cheap page. */
const ZOHO_PROBE_SKU = "hub-doctor-probe";

/** What the remote checks need. */
export interface RemoteDeps {
  knex: Knex;
  settings: Settings;
  http: HttpContext;
  logger: Logger;
  now?: () => Date;
}

/** Credentials, token expiry and clock skew of one channel. */
export async function channelChecks(
  deps: RemoteDeps,
  channel: ChannelConfig,
): Promise<DoctorCheck[]> {
  let found: CredentialCheck;
  try {
    const connector = createConnector({
      channel,
      knex: deps.knex,
      http: deps.http,
      logger: deps.logger,
    });
    found = await connector.checkCredentials();
  } catch (error) {
    return [refused(channel.id, error, channelSecretVars(channel))];
  }
  const checks: DoctorCheck[] = [
    {
      check: "credentials",
      subject: channel.id,
      outcome: "pass",
      detail: "an authenticated call was answered",
    },
  ];
  if (found.tokenExpiresAt) {
    checks.push(tokenCheck(channel.id, found.tokenExpiresAt));
  }
  if (found.serverDate) {
    checks.push(clockCheck(channel.id, found.serverDate, clock(deps)));
  }
  return checks;
}

/**
 * ShipStation: listStores proves the key pair, and every enabled channel's
 * store must be among the active stores. Its client does not expose the
 * answer's Date header, so there is no clock check for it.
 */
export async function shipStationChecks(
  deps: RemoteDeps,
): Promise<DoctorCheck[]> {
  let stores: Awaited<ReturnType<ShipStationClient["listStores"]>>;
  try {
    stores = await new ShipStationClient(deps.http, deps.settings).listStores();
  } catch (error) {
    return [refused("shipstation", error, [...SHIPSTATION_VARS])];
  }
  const active = new Set(stores.filter((s) => s.active).map((s) => s.storeId));
  const unknown = deps.settings
    .enabledChannels()
    .filter((c) => c.storeId !== undefined && !active.has(c.storeId));
  const checks: DoctorCheck[] = [
    {
      check: "credentials",
      subject: "shipstation",
      outcome: "pass",
      detail: `listStores answered: ${active.size} active store(s)`,
    },
  ];
  for (const channel of unknown) {
    checks.push({
      check: "store",
      subject: channel.id,
      outcome: "fail",
      detail: `ShipStation has no active store ${String(channel.storeId)}`,
      fix:
        `run \`hub config set channels.${channel.id}.store_id <id>\` with one ` +
        `of: ${[...active].join(", ") || "none (connect the store in ShipStation)"}`,
    });
  }
  return checks;
}

/** Zoho: one filtered item listing proves the token and organization. */
export async function zohoChecks(deps: RemoteDeps): Promise<DoctorCheck[]> {
  try {
    await new ZohoClient(deps.http, deps.settings, deps.knex).getItems([
      ZOHO_PROBE_SKU,
    ]);
  } catch (error) {
    return [refused("zoho", error, [...ZOHO_VARS])];
  }
  const checks: DoctorCheck[] = [
    {
      check: "credentials",
      subject: "zoho",
      outcome: "pass",
      detail: "an item listing was answered",
    },
  ];
  const expires = await tokenExpiry(deps.knex, ZOHO_TOKEN_SCOPE);
  if (expires) checks.push(tokenCheck("zoho", expires));
  return checks;
}

/** The clock check for one API's Date header against this host's clock. */
export function clockCheck(
  subject: string,
  serverDate: Date,
  now: Date,
): DoctorCheck {
  const skew = now.getTime() - serverDate.getTime();
  const seconds = Math.round(Math.abs(skew) / 1000);
  const direction = skew >= 0 ? "ahead of" : "behind";
  if (Math.abs(skew) <= CLOCK_SKEW_LIMIT_MS) {
    return {
      check: "clock",
      subject,
      outcome: "pass",
      detail: `this host is ${seconds}s ${direction} the API`,
    };
  }
  return {
    check: "clock",
    subject,
    outcome: "warn",
    detail: `this host is ${seconds}s ${direction} the API (more than 2 minutes)`,
    fix: "synchronise the system clock (NTP, e.g. `timedatectl set-ntp true`)",
  };
}

function tokenCheck(subject: string, expiresAt: Date): DoctorCheck {
  return {
    check: "token",
    subject,
    outcome: "pass",
    detail: `access token valid until ${expiresAt.toISOString()} (renewed automatically)`,
  };
}

function refused(
  subject: string,
  error: unknown,
  variables: string[],
): DoctorCheck {
  const detail = describeError(error);
  const status =
    error instanceof UpstreamError ? error.details.status : undefined;
  let fix: string;
  if (error instanceof ConfigError) {
    fix = "do what the message says, then run `hub doctor` again";
  } else if (status === 401 || status === 403) {
    fix =
      `the API refused the credentials: check ${variables.join(", ")} ` +
      "(a revoked refresh token must be issued again by the vendor)";
  } else if (status === 429) {
    fix =
      "the API is limiting calls right now (another run, or another program " +
      "using the same account): the credentials were not judged; run `hub doctor` again in a few minutes";
  } else {
    fix = "check the API URL and the network, then run `hub doctor --verbose`";
  }
  return { check: "credentials", subject, outcome: "fail", detail, fix };
}

function clock(deps: RemoteDeps): Date {
  return deps.now ? deps.now() : new Date();
}
