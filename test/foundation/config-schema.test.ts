import { describe, expect, it } from "vitest";
import { SETTINGS, findSetting } from "../../src/config/schema.js";
import { parseSetting } from "../../src/config/store.js";
import { Settings } from "../../src/config/settings.js";

describe("settings schema", () => {
  it.each(SETTINGS.filter((s) => s.default !== undefined).map((s) => [s.pattern, s]))(
    "the default of %s is valid by its own schema",
    (_pattern, spec) => {
      expect(spec.schema.safeParse(spec.default).success).toBe(true);
    },
  );

  it("matches keys with channel ids and SKUs", () => {
    expect(findSetting("channels.mirakl-acme.ratio")?.pattern).toBe("channels.<id>.ratio");
    expect(findSetting("sku.MUG-01.ratio.amazon-us")?.pattern).toBe("sku.<sku>.ratio.<id>");
    expect(findSetting("sku.MUG-01.safety_stock")?.pattern).toBe("sku.<sku>.safety_stock");
    expect(findSetting("channels.ebay-us.carrier.ups")?.pattern).toBe("channels.<id>.carrier.<carrier>");
    expect(findSetting("channels.Bad Id.ratio")).toBeUndefined();
  });

  it("parses strings from the command line into typed values", () => {
    expect(parseSetting("channels.a.enabled", "false")).toBe(false);
    expect(parseSetting("alerts.email_to", "ops@example.invalid, b@example.invalid")).toEqual(["ops@example.invalid", "b@example.invalid"]);
    expect(() => parseSetting("channels.a.kind", "etsy")).toThrow(/amazon, ebay, mirakl, rithum/);
    expect(() => parseSetting("shipstation.endpoint", "ftp://x")).toThrow(/URL/);
  });

  it("lists channels in configuration order with per-SKU overrides", () => {
    const settings = Settings.fromEntries([
      ["channels.b.store_id", 2],
      ["channels.b.kind", "ebay"],
      ["channels.a.kind", "amazon"],
      ["channels.a.ratio", 50],
      ["channels.a.enabled", false],
      ["sku.X.ratio.b", 10],
      ["channels.b.ratio", 30],
    ]);
    expect(settings.channels.map((c) => c.id)).toEqual(["b", "a"]);
    expect(settings.enabledChannels().map((c) => c.id)).toEqual(["b"]);
    const b = settings.channels[0];
    expect(b && settings.ratio("X", b)).toBe(10);
    expect(b && settings.ratio("Y", b)).toBe(30);
    expect(settings.safetyStock("X")).toBe(1);
    expect(() => settings.enabledChannels(["zzz"])).toThrow(/unknown channel "zzz"/);
  });
});

describe("URL settings", () => {
  it("refuse link-local (metadata) addresses", () => {
    expect(() => parseSetting("shipstation.endpoint", "http://169.254.169.254/")).toThrow(/refused/);
    expect(parseSetting("shipstation.endpoint", "https://ssapi.shipstation.com")).toBe("https://ssapi.shipstation.com");
  });
});
