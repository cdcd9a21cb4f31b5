import type { Knex } from "knex";

/** Kinds of alert an operator can receive. */
export type AlertKind =
  | "run_failed"
  | "dead_letter"
  | "quarantine"
  | "low_stock"
  | "voided_after_push"
  | "publication_stopped"
  | "cancel_after_ship"
  | "tracking_mismatch"
  | "silence"
  | "dead_man";

export interface Alert {
  /**
   * What makes two alerts "the same": the same key within the quiet period
   * is logged as suppressed and not sent again.
   */
  key: string;
  kind: AlertKind;
  subject: string;
  body: string;
}

/**
 * Records an alert in the alert log, which is also the outbox the alert
 * senders deliver from. Returns false when the same key was raised within
 * `quietMinutes` (the row is kept, marked suppressed, so the log is whole).
 */
export async function raiseAlert(
  db: Knex,
  alert: Alert,
  quietMinutes: number,
): Promise<boolean> {
  const since = new Date(Date.now() - quietMinutes * 60_000);
  const recent = await db("alert_log")
    .where({ alert_key: alert.key, suppressed: false })
    .andWhere("created_at", ">", since)
    .first("id");
  await db("alert_log").insert({
    alert_key: alert.key,
    kind: alert.kind,
    subject: alert.subject,
    body: alert.body,
    suppressed: Boolean(recent),
  });
  return !recent;
}
