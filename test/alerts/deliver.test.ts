import { createServer } from "node:net";
import type { Knex } from "knex";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverPendingAlerts } from "../../src/alerts/deliver.js";
import { SMS_MAX_CHARS } from "../../src/alerts/deliver-plan.js";
import { raiseAlert, type Alert } from "../../src/alerts/raise.js";
import { Settings } from "../../src/config/settings.js";
import { createLogger } from "../../src/log/logger.js";
import type { Database } from "../../src/storage/database.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";
import { startSmsSink, startSmtpSink, type SmsSink, type SmtpSink } from "./sinks.js";

const logger = createLogger({ tty: false, verbose: false, silent: true });
const SID = "AC00000000000000000000000000000001";
const SMS_TOKEN = "test-sms-auth-token";

let testDb: TestDatabase;
let db: Database;
let knex: Knex;
let smtp: SmtpSink;
let sms: SmsSink;

function settings(overrides: Array<[string, unknown]> = []): Settings {
  return Settings.fromEntries([
    ["alerts.email_to", ["ops@example.invalid", "owner@example.invalid"]],
    ["alerts.email_from", "hub@example.invalid"],
    ["alerts.sms_to", ["+1 555 0100"]],
    ["alerts.sms_base_url", sms.url],
    ...overrides,
  ]);
}

function env(smtpPort = smtp.port): NodeJS.ProcessEnv {
  return {
    HUB_SMTP_URL: `smtp://alerts:test-pass@127.0.0.1:${smtpPort}`,
    HUB_SMS_ACCOUNT_SID: SID,
    HUB_SMS_AUTH_TOKEN: SMS_TOKEN,
    HUB_SMS_FROM: "+1 555 0199",
  };
}

const failedRun: Alert = {
  key: "run_failed:pull-orders",
  kind: "run_failed",
  subject: "pull-orders failed on amazon-us",
  body: "The run ended with status failed: the marketplace answered 503.",
};

async function alertRows(): Promise<Array<Record<string, unknown>>> {
  return knex("alert_log").select().orderBy("id");
}

/** A port nothing listens on: a mail server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.migrate();
  db = await testDb.open();
  knex = db.knex;
  smtp = await startSmtpSink();
  sms = await startSmsSink();
});

afterAll(async () => {
  await smtp?.close();
  await sms?.close();
  await db?.close();
  await testDb?.drop();
});

beforeEach(async () => {
  await knex("alert_log").del();
  smtp.mails.length = 0;
  smtp.failing = false;
  sms.requests.length = 0;
  sms.status = 201;
});

describe("deliverPendingAlerts", () => {
  it("sends one mail and one SMS per alert key within the quiet period", async () => {
    expect(await raiseAlert(knex, failedRun, 60)).toBe(true);
    expect(await raiseAlert(knex, failedRun, 60)).toBe(false);

    const report = await deliverPendingAlerts(knex, settings(), logger, env());

    expect(report).toEqual({ delivered: 1, deliveredToNobody: 0, pending: 0 });
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.from).toBe("hub@example.invalid");
    expect(mail?.to).toEqual(["ops@example.invalid", "owner@example.invalid"]);
    expect(mail?.data).toContain(`Subject: [hub] ${failedRun.subject}`);
    expect(mail?.data).toContain("the marketplace answered 503");
    expect(sms.requests).toHaveLength(1);

    const [first, second] = await alertRows();
    expect(first?.delivered).toEqual(["email", "sms:+1 555 0100"]);
    expect(first?.delivered_at).not.toBeNull();
    expect(second?.suppressed).toBe(true);
    expect(second?.delivered_at).toBeNull();

    const again = await deliverPendingAlerts(knex, settings(), logger, env());
    expect(again).toEqual({ delivered: 0, deliveredToNobody: 0, pending: 0 });
    expect(smtp.mails).toHaveLength(1);
  });

  it("posts SMS as Twilio form fields with Basic auth, cut to one message", async () => {
    const long = { ...failedRun, subject: `stock protection for ${"LAMP-01 ".repeat(40)}` };
    await raiseAlert(knex, long, 60);

    await deliverPendingAlerts(knex, settings(), logger, env());

    expect(sms.requests).toHaveLength(1);
    const request = sms.requests[0];
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request?.contentType).toContain("application/x-www-form-urlencoded");
    const expected = `Basic ${Buffer.from(`${SID}:${SMS_TOKEN}`).toString("base64")}`;
    expect(request?.authorization).toBe(expected);
    expect(request?.form.To).toBe("+1 555 0100");
    expect(request?.form.From).toBe("+1 555 0199");
    expect(request?.form.Body?.startsWith("hub: stock protection for LAMP-01")).toBe(true);
    expect(request?.form.Body?.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
  });

  it("keeps an alert when the mail server is down and sends it later", async () => {
    await raiseAlert(knex, failedRun, 60);

    const down = await deliverPendingAlerts(knex, settings(), logger, env(await closedPort()));
    expect(down).toEqual({ delivered: 0, deliveredToNobody: 0, pending: 1 });
    let [row] = await alertRows();
    expect(row?.delivered_at).toBeNull();
    expect(row?.delivered).toEqual(["sms:+1 555 0100"]);

    const up = await deliverPendingAlerts(knex, settings(), logger, env());
    expect(up).toEqual({ delivered: 1, deliveredToNobody: 0, pending: 0 });
    expect(smtp.mails).toHaveLength(1);
    // The SMS went out on the first try and is not sent again.
    expect(sms.requests).toHaveLength(1);
    [row] = await alertRows();
    expect(row?.delivered_at).not.toBeNull();
  });

  it("keeps an alert the mail server refuses, and one the SMS API refuses", async () => {
    await raiseAlert(knex, failedRun, 60);
    smtp.failing = true;
    sms.status = 401;

    const refused = await deliverPendingAlerts(knex, settings(), logger, env());
    expect(refused.pending).toBe(1);
    expect((await alertRows())[0]?.delivered).toEqual([]);

    smtp.failing = false;
    sms.status = 201;
    const accepted = await deliverPendingAlerts(knex, settings(), logger, env());
    expect(accepted.delivered).toBe(1);
    expect(smtp.mails).toHaveLength(1);
    expect(sms.requests.filter((r) => r.form.To === "+1 555 0100")).toHaveLength(2);
  });

  it("closes alerts when nobody is configured to receive them", async () => {
    await raiseAlert(knex, failedRun, 60);
    const nobody = settings([
      ["alerts.email_to", []],
      ["alerts.sms_to", []],
    ]);

    const report = await deliverPendingAlerts(knex, nobody, logger, env());

    expect(report).toEqual({ delivered: 0, deliveredToNobody: 1, pending: 0 });
    const [row] = await alertRows();
    expect(row?.delivered).toEqual([]);
    expect(row?.delivered_at).not.toBeNull();
    expect(smtp.mails).toHaveLength(0);
    expect(sms.requests).toHaveLength(0);
  });

  it("leaves mail pending when HUB_SMTP_URL is missing", async () => {
    await raiseAlert(knex, failedRun, 60);
    const { HUB_SMTP_URL: _omitted, ...noSmtp } = env();

    const report = await deliverPendingAlerts(knex, settings(), logger, noSmtp);

    expect(report.pending).toBe(1);
    expect((await alertRows())[0]?.delivered_at).toBeNull();
  });
});
