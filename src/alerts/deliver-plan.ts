import type { Settings } from "../config/settings.js";

/** Who alerts go to, from the alerts.* settings. */
export interface AlertRecipients {
  emailFrom: string;
  emailTo: string[];
  smsTo: string[];
}

/** One send still owed for an alert. */
export type AlertSend =
  | { channel: "email"; id: "email"; to: string[] }
  | { channel: "sms"; id: string; to: string };

/** An SMS is one short message: longer text is cut with an ellipsis. */
export const SMS_MAX_CHARS = 160;

function list(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string" && v !== "")
    : [];
}

/** Reads the recipients from the settings. */
export function alertRecipients(settings: Settings): AlertRecipients {
  return {
    emailFrom: settings.string("alerts.email_from") ?? "hub-alerts@example.invalid",
    emailTo: list(settings.get("alerts.email_to")),
    smsTo: list(settings.get("alerts.sms_to")),
  };
}

/**
 * The sends an alert still needs: one mail to every address, one SMS per
 * number, minus those an earlier attempt already made.
 */
export function sendsOwed(
  recipients: AlertRecipients,
  delivered: readonly string[],
): AlertSend[] {
  const owed: AlertSend[] = [];
  if (recipients.emailTo.length > 0 && !delivered.includes("email")) {
    owed.push({ channel: "email", id: "email", to: recipients.emailTo });
  }
  for (const to of recipients.smsTo) {
    const id = `sms:${to}`;
    if (!delivered.includes(id)) owed.push({ channel: "sms", id, to });
  }
  return owed;
}

/** The SMS text of an alert: its subject, short. */
export function smsText(subject: string): string {
  const text = `hub: ${subject.replace(/\s+/g, " ").trim()}`;
  return text.length <= SMS_MAX_CHARS
    ? text
    : `${text.slice(0, SMS_MAX_CHARS - 1)}…`;
}

/** The mail of an alert: subject line and plain-text body. */
export function mailContent(alert: {
  alertKey: string;
  kind: string;
  subject: string;
  body: string;
  createdAt: Date;
}): { subject: string; text: string } {
  return {
    subject: `[hub] ${alert.subject}`,
    text:
      `${alert.body}\n\n` +
      `kind: ${alert.kind}\n` +
      `raised at: ${alert.createdAt.toISOString()}\n` +
      `alert key: ${alert.alertKey} (repeats are held back for ` +
      "alerts.quiet_minutes)\n",
  };
}
