import { describe, expect, it } from "vitest";
import { redact, redactText, secretValuesFromEnv } from "../../src/log/redact.js";

describe("redaction", () => {
  it("masks credential fields at any depth, not counters named after calls", () => {
    const out = redact(
      { access_token: "abc", nested: { Authorization: "Basic xyz", clientSecret: "s" }, calls: { "amazon-us lwaToken": 2 } },
      [],
    );
    expect(out).toEqual({
      access_token: "[redacted]",
      nested: { Authorization: "[redacted]", clientSecret: "[redacted]" },
      calls: { "amazon-us lwaToken": 2 },
    });
  });

  it("masks the values of credential variables inside text", () => {
    const secrets = secretValuesFromEnv({ HUB_ZOHO_CLIENT_SECRET: "very-secret-value", HUB_ZOHO_API_URL: "http://127.0.0.1:1/zoho" });
    expect(secrets).toEqual(["very-secret-value"]);
    expect(redactText("failed with very-secret-value and Bearer abc.def", secrets)).toBe(
      "failed with [redacted] and Bearer [redacted]",
    );
  });
});
