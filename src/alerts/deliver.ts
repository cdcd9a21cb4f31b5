import type { Knex } from "knex";
import type { Settings } from "../config/settings.js";
import { describeError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import {
  claimAlert,
  pendingAlertIds,
  recordAlertDelivery,
  type PendingAlert,
} from "../storage/repos/alerts.js";
import {
  alertRecipients,
  mailContent,
  sendsOwed,
  smsText,
  type AlertRecipients,
  type AlertSend,
} from "./deliver-plan.js";
import { createMailer, type Mailer } from "./transports/email.js";
import { transportEnv, type TransportEnv } from "./transports/env.js";
import { sendSms, type SmsAccount } from "./transports/sms.js";

/** Alerts handled per call: a backlog after an outage drains over runs. */
export const DELIVERY_BATCH = 50;

/** What one delivery pass did. */
export interface AlertDeliveryReport {
  /** Alerts now complete on every configured channel. */
  delivered: number;
  /** Alerts closed with no recipient configured. */
  deliveredToNobody: number;
  /** Alerts left for the next pass because a send failed. */
  pending: number;
}

interface Senders {
  mailer: Mailer | undefined;
  sms: SmsAccount | undefined;
}

function smsAccount(
  settings: Settings,
  env: TransportEnv,
): SmsAccount | undefined {
  const baseUrl = settings.string("alerts.sms_base_url");
  if (!baseUrl || !env.smsAccountSid || !env.smsAuthToken || !env.smsFrom) {
    return undefined;
  }
  return {
    baseUrl,
    accountSid: env.smsAccountSid,
    authToken: env.smsAuthToken,
    from: env.smsFrom,
  };
}

async function send(
  owed: AlertSend,
  alert: PendingAlert,
  recipients: AlertRecipients,
  senders: Senders,
): Promise<void> {
  if (owed.channel === "email") {
    if (!senders.mailer) {
      throw new Error(
        "HUB_SMTP_URL is not set: set it to smtp://user:pass@host:port",
      );
    }
    await senders.mailer.send({
      from: recipients.emailFrom,
      to: owed.to,
      ...mailContent(alert),
    });
    return;
  }
  if (!senders.sms) {
    throw new Error(
      "SMS is not configured: set alerts.sms_base_url and HUB_SMS_ACCOUNT_SID, " +
        "HUB_SMS_AUTH_TOKEN and HUB_SMS_FROM",
    );
  }
  await sendSms(senders.sms, owed.to, smsText(alert.subject));
}

/**
 * Sends every undelivered, unsuppressed alert in the alert log by mail and
 * SMS and records where it went. A failed send is logged and retried by
 * the next call; it never throws for a transport failure.
 */
export async function deliverPendingAlerts(
  knex: Knex,
  settings: Settings,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AlertDeliveryReport> {
  const report: AlertDeliveryReport = {
    delivered: 0,
    deliveredToNobody: 0,
    pending: 0,
  };
  const ids = await pendingAlertIds(knex, DELIVERY_BATCH);
  if (ids.length === 0) return report;

  const recipients = alertRecipients(settings);
  const vars = transportEnv(env);
  const senders: Senders = {
    mailer: vars.smtpUrl ? createMailer(vars.smtpUrl) : undefined,
    sms: smsAccount(settings, vars),
  };
  try {
    for (const id of ids) {
      const outcome = await knex.transaction((trx) =>
        deliverOne(trx, id, recipients, senders, logger),
      );
      if (outcome) report[outcome] += 1;
    }
  } finally {
    senders.mailer?.close();
  }
  if (report.delivered + report.deliveredToNobody + report.pending > 0) {
    logger.info("alert delivery done", { ...report });
  }
  return report;
}

async function deliverOne(
  trx: Knex.Transaction,
  id: number,
  recipients: AlertRecipients,
  senders: Senders,
  logger: Logger,
): Promise<keyof AlertDeliveryReport | undefined> {
  const alert = await claimAlert(trx, id);
  if (!alert) return undefined;
  const log = logger.child({ alertId: id, alertKey: alert.alertKey });
  const owed = sendsOwed(recipients, alert.delivered);
  if (owed.length === 0 && alert.delivered.length === 0) {
    log.warn(
      `alert "${alert.subject}" delivered to nobody: set alerts.email_to ` +
        "or alerts.sms_to to receive alerts",
    );
    await recordAlertDelivery(trx, id, [], true);
    return "deliveredToNobody";
  }
  const delivered = [...alert.delivered];
  let failed = 0;
  for (const item of owed) {
    try {
      await send(item, alert, recipients, senders);
      delivered.push(item.id);
      log.info(`alert sent by ${item.channel}`, { to: item.id });
    } catch (error) {
      failed += 1;
      const reason = describeError(error);
      log.error(
        `alert not sent by ${item.channel}, kept for the next run: ${reason}`,
      );
    }
  }
  await recordAlertDelivery(trx, id, delivered, failed === 0);
  return failed === 0 ? "delivered" : "pending";
}
