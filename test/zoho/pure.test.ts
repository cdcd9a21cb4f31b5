import { describe, expect, it } from "vitest";
import { Settings } from "../../src/config/settings.js";
import { ConfigError } from "../../src/errors.js";
import { dataCentreUrls, zohoUrls } from "../../src/zoho/data-centres.js";
import { describeAccountsError, zohoBodyError } from "../../src/zoho/errors.js";
import { rawItemSchema, readItem } from "../../src/zoho/items.js";
import { parseZohoJson, quoteBigIntegers } from "../../src/zoho/raw-json.js";

describe("Zoho data centres", () => {
  it("derives the accounts and API hosts of each data centre", () => {
    expect(dataCentreUrls("com")).toEqual({
      accounts: "https://accounts.zoho.com",
      api: "https://www.zohoapis.com",
    });
    expect(dataCentreUrls("eu").accounts).toBe("https://accounts.zoho.eu");
    expect(dataCentreUrls("com.au").api).toBe("https://www.zohoapis.com.au");
    expect(dataCentreUrls("ca")).toEqual({
      accounts: "https://accounts.zohocloud.ca",
      api: "https://www.zohoapis.ca",
    });
    expect(dataCentreUrls("com.cn").accounts).toBe(
      "https://accounts.zoho.com.cn",
    );
    expect(dataCentreUrls("sa").api).toBe("https://www.zohoapis.sa");
    expect(() => dataCentreUrls("mars")).toThrow(ConfigError);
  });

  it("lets the environment override the derived URLs", () => {
    const saved = [
      process.env.HUB_ZOHO_API_URL,
      process.env.HUB_ZOHO_ACCOUNTS_URL,
    ];
    try {
      delete process.env.HUB_ZOHO_API_URL;
      delete process.env.HUB_ZOHO_ACCOUNTS_URL;
      const jp = Settings.fromEntries([["zoho.data_center", "jp"]]);
      expect(zohoUrls(jp)).toEqual({
        accounts: "https://accounts.zoho.jp",
        api: "https://www.zohoapis.jp",
      });
      process.env.HUB_ZOHO_API_URL = "http://127.0.0.1:9/zoho";
      // One override alone would send the refresh token to the real host.
      expect(() => zohoUrls(jp)).toThrow(/go together/);
      process.env.HUB_ZOHO_ACCOUNTS_URL = "http://127.0.0.1:9/zoho-accounts";
      expect(zohoUrls(jp)).toEqual({
        accounts: "http://127.0.0.1:9/zoho-accounts",
        api: "http://127.0.0.1:9/zoho",
      });
    } finally {
      const [api, accounts] = saved;
      if (api === undefined) delete process.env.HUB_ZOHO_API_URL;
      else process.env.HUB_ZOHO_API_URL = api;
      if (accounts === undefined) delete process.env.HUB_ZOHO_ACCOUNTS_URL;
      else process.env.HUB_ZOHO_ACCOUNTS_URL = accounts;
    }
  });
});

describe("big integers in Zoho JSON", () => {
  it("keeps 19-digit ids exact and leaves everything else alone", () => {
    const text =
      '{"item_id": 4815000000044208123, "n": -9007199254740993, "small": 4815000000044208,' +
      ' "s": "id 4815000000044208123 \\" 12345678901234567890", "x": 1.5e3, "q": 51}';
    const parsed = parseZohoJson(text) as Record<string, unknown>;
    expect(parsed.item_id).toBe("4815000000044208123");
    expect(parsed.n).toBe("-9007199254740993");
    expect(parsed.small).toBe(4815000000044208);
    expect(parsed.s).toBe('id 4815000000044208123 " 12345678901234567890');
    expect(parsed.x).toBe(1500);
    expect(parsed.q).toBe(51);
    // Plain JSON.parse would have lost the last digits.
    expect(String(JSON.parse(text).item_id)).not.toBe("4815000000044208123");
    expect(quoteBigIntegers("[1,2,3]")).toBe("[1,2,3]");
  });
});

describe("Zoho items (case B35)", () => {
  const fixture = {
    item_id: "350001",
    sku: "TOWEL-GRY",
    status: "active",
    stock_on_hand: 80,
    available_stock: 80,
    actual_available_stock: 51,
    stock_on_hand_formatted: "80,00",
    actual_available_stock_formatted: "51,00",
    warehouses: [
      {
        warehouse_id: "1",
        warehouse_name: "Main",
        warehouse_stock_on_hand: 80,
        warehouse_available_stock: 80,
        warehouse_actual_available_stock: 51,
        warehouse_committed_stock: 29,
        warehouse_available_for_sale_stock: 51,
      },
    ],
  };

  it("takes the committed-aware figure, never stock_on_hand or available_stock", () => {
    const reading = readItem(rawItemSchema.parse(fixture));
    expect(reading).toMatchObject({
      kind: "item",
      item: {
        itemId: "350001",
        sku: "TOWEL-GRY",
        available: 51,
        locations: [{ locationId: "1", name: "Main", available: 51 }],
      },
    });
  });

  it("parses numeric strings as integers and ignores formatted strings", () => {
    const reading = readItem(
      rawItemSchema.parse({
        ...fixture,
        actual_available_stock: "51",
        actual_available_stock_formatted: "9,99",
      }),
    );
    expect(reading?.kind === "item" && reading.item.available).toBe(51);
    const negative = readItem(
      rawItemSchema.parse({ ...fixture, actual_available_stock: -2 }),
    );
    expect(negative?.kind === "item" && negative.item.available).toBe(-2);
  });

  it("skips items without SKU or stock tracking; a missing figure is not zero", () => {
    expect(readItem(rawItemSchema.parse({ ...fixture, sku: "" }))).toEqual({
      kind: "no_sku",
    });
    expect(
      readItem(rawItemSchema.parse({ ...fixture, track_inventory: false })),
    ).toEqual({ kind: "untracked" });
    const { actual_available_stock: _gone, ...noFigure } = fixture;
    expect(readItem(rawItemSchema.parse(noFigure))).toBeUndefined();
  });
});

describe("Zoho error envelopes", () => {
  it("treats a non-zero code sent with HTTP 200 as an error", () => {
    expect(zohoBodyError({ code: 0, message: "success" })).toBeUndefined();
    expect(
      zohoBodyError({ code: 1002, message: "Item does not exist." }),
    ).toEqual({
      code: "1002",
      message: "Item does not exist.",
      retryable: false,
    });
    expect(zohoBodyError([1, 2])).toBeUndefined();
  });

  it("names the token refresh limit clearly", () => {
    const limit = describeAccountsError(400, {
      error: "Access Denied",
      error_description: "You have made too many requests continuously.",
    });
    expect(limit.code).toBe("refresh_limit");
    expect(limit.message).toMatch(/10 refreshes .* per 10 minutes/);
    expect(
      describeAccountsError(200, { error: "invalid_code" }).message,
    ).toMatch(/HUB_ZOHO_REFRESH_TOKEN/);
  });
});
