import { describe, expect, it } from "vitest";
import { Settings } from "../../src/config/settings.js";
import {
  configChecks,
  missingForChannel,
} from "../../src/ops/doctor-config.js";
import { clockCheck } from "../../src/ops/doctor-remote.js";

const settings = Settings.fromEntries([
  ["channels.shop-amz.kind", "amazon"],
  ["channels.shop-amz.store_id", 11],
  ["channels.shop-amz.marketplace_id", "MARKET-TEST"],
  ["channels.shop-mkp.kind", "mirakl"],
  ["channels.shop-mkp.store_id", 12],
  ["zoho.organization_id", "123"],
]);

describe("doctor configuration checks", () => {
  it("names every missing setting and variable of a channel", () => {
    const amazon = settings.enabledChannels(["shop-amz"])[0];
    expect(amazon).toBeDefined();
    if (!amazon) return;
    expect(
      missingForChannel(amazon, { HUB_CHANNEL_SHOP_AMZ_CLIENT_ID: "x" }),
    ).toEqual({
      settings: ["seller_id", "region"],
      variables: [
        "HUB_CHANNEL_SHOP_AMZ_CLIENT_SECRET",
        "HUB_CHANNEL_SHOP_AMZ_REFRESH_TOKEN",
      ],
    });
  });

  it("passes a complete configuration and gives a fix for each gap", () => {
    const env = {
      HUB_CHANNEL_SHOP_AMZ_CLIENT_ID: "x",
      HUB_CHANNEL_SHOP_AMZ_CLIENT_SECRET: "x",
      HUB_CHANNEL_SHOP_AMZ_REFRESH_TOKEN: "x",
      HUB_CHANNEL_SHOP_AMZ_URL: "http://127.0.0.1:9/amz",
      HUB_SHIPSTATION_API_KEY: "x",
      HUB_SHIPSTATION_API_SECRET: "x",
      HUB_ZOHO_CLIENT_ID: "x",
      HUB_ZOHO_CLIENT_SECRET: "x",
      HUB_ZOHO_REFRESH_TOKEN: "x",
    };
    const checks = configChecks(settings, env);
    expect(checks.map((c) => [c.subject, c.outcome])).toEqual([
      ["shop-amz", "fail"],
      ["shop-mkp", "fail"],
      ["shipstation", "pass"],
      ["zoho", "pass"],
    ]);
    expect(checks[0]?.fix).toBe(
      "run `hub config set channels.shop-amz.seller_id <value>`",
    );
    expect(checks[1]?.detail).toBe(
      "mirakl channel lacks setting endpoint, variable HUB_CHANNEL_SHOP_MKP_API_KEY",
    );
    expect(checks[1]?.fix).toBe(
      "run `hub config set channels.shop-mkp.endpoint <value>`; " +
        "set HUB_CHANNEL_SHOP_MKP_API_KEY in the environment or .env",
    );
  });

  it("fails when no channel is enabled", () => {
    const none = configChecks(Settings.fromEntries([]), {});
    expect(none[0]).toMatchObject({ subject: "channels", outcome: "fail" });
  });
});

describe("clock check", () => {
  const server = new Date("2026-12-10T12:00:00Z");
  const at = (seconds: number) => new Date(server.getTime() + seconds * 1000);

  it("passes within two minutes either way and warns beyond", () => {
    expect(clockCheck("api", server, at(120)).outcome).toBe("pass");
    expect(clockCheck("api", server, at(-120)).outcome).toBe("pass");
    const ahead = clockCheck("api", server, at(121));
    expect(ahead).toMatchObject({
      outcome: "warn",
      detail: "this host is 121s ahead of the API (more than 2 minutes)",
    });
    expect(ahead.fix).toContain("NTP");
    expect(clockCheck("api", server, at(-300)).detail).toContain("300s behind");
  });
});
