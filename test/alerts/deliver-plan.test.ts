import { describe, expect, it } from "vitest";
import {
  alertRecipients,
  mailContent,
  sendsOwed,
  smsText,
  SMS_MAX_CHARS,
} from "../../src/alerts/deliver-plan.js";
import { Settings } from "../../src/config/settings.js";

const recipients = {
  emailFrom: "hub@example.invalid",
  emailTo: ["ops@example.invalid"],
  smsTo: ["+1 555 0100", "+1 555 0101"],
};

describe("sendsOwed", () => {
  it("owes one mail to all addresses and one SMS per number", () => {
    expect(sendsOwed(recipients, []).map((s) => s.id)).toEqual([
      "email",
      "sms:+1 555 0100",
      "sms:+1 555 0101",
    ]);
  });

  it("skips what an earlier attempt delivered", () => {
    const owed = sendsOwed(recipients, ["email", "sms:+1 555 0101"]);
    expect(owed.map((s) => s.id)).toEqual(["sms:+1 555 0100"]);
  });

  it("owes nothing when nobody is configured", () => {
    const none = alertRecipients(Settings.fromEntries([]));
    expect(none.emailTo).toEqual([]);
    expect(sendsOwed(none, [])).toEqual([]);
  });
});

describe("alert text", () => {
  it("keeps a short SMS whole and cuts a long one to one message", () => {
    expect(smsText("push-tracking  failed\n")).toBe("hub: push-tracking failed");
    const long = smsText("x".repeat(400));
    expect(long).toHaveLength(SMS_MAX_CHARS);
    expect(long.endsWith("…")).toBe(true);
  });

  it("puts the subject, body, kind and key in the mail", () => {
    const mail = mailContent({
      alertKey: "low_stock:MUG-BLUE",
      kind: "low_stock",
      subject: "MUG-BLUE is low",
      body: "1 unit left",
      createdAt: new Date("2026-03-01T10:00:00Z"),
    });
    expect(mail.subject).toBe("[hub] MUG-BLUE is low");
    expect(mail.text).toContain("1 unit left");
    expect(mail.text).toContain("low_stock:MUG-BLUE");
    expect(mail.text).toContain("2026-03-01T10:00:00.000Z");
  });
});
