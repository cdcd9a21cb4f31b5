import { optionalEnv } from "../config/env.js";
import type { Settings } from "../config/settings.js";
import { ConfigError } from "../errors.js";

/** Zoho data centres (the `zoho.data_center` setting). */
export type DataCentre =
  "com" | "eu" | "in" | "com.au" | "jp" | "ca" | "com.cn" | "sa";

/** Where one data centre's token server and API live. */
export interface ZohoUrls {
  accounts: string;
  api: string;
}

/**
 * An organization must be called in its own data centre (zoho.md §0.3,
 * §1). Canada is the odd one: its accounts server is `zohocloud.ca`.
 */
const DATA_CENTRES: Record<DataCentre, ZohoUrls> = {
  com: {
    accounts: "https://accounts.zoho.com",
    api: "https://www.zohoapis.com",
  },
  eu: { accounts: "https://accounts.zoho.eu", api: "https://www.zohoapis.eu" },
  in: { accounts: "https://accounts.zoho.in", api: "https://www.zohoapis.in" },
  "com.au": {
    accounts: "https://accounts.zoho.com.au",
    api: "https://www.zohoapis.com.au",
  },
  jp: { accounts: "https://accounts.zoho.jp", api: "https://www.zohoapis.jp" },
  ca: {
    accounts: "https://accounts.zohocloud.ca",
    api: "https://www.zohoapis.ca",
  },
  "com.cn": {
    accounts: "https://accounts.zoho.com.cn",
    api: "https://www.zohoapis.com.cn",
  },
  sa: { accounts: "https://accounts.zoho.sa", api: "https://www.zohoapis.sa" },
};

function isDataCentre(value: string): value is DataCentre {
  return Object.hasOwn(DATA_CENTRES, value);
}

/** The accounts and API URLs of a data centre. */
export function dataCentreUrls(dataCentre: string): ZohoUrls {
  if (!isDataCentre(dataCentre)) {
    throw new ConfigError(
      `unknown Zoho data centre "${dataCentre}": use one of ` +
        `${Object.keys(DATA_CENTRES).join(", ")} ` +
        "(`hub config set zoho.data_center <dc>`)",
    );
  }
  return DATA_CENTRES[dataCentre];
}

/**
 * The URLs hub calls: derived from `zoho.data_center`, each overridden by
 * HUB_ZOHO_ACCOUNTS_URL / HUB_ZOHO_API_URL when set.
 */
export function zohoUrls(settings: Settings): ZohoUrls {
  const setting = settings.get("zoho.data_center");
  const derived = dataCentreUrls(typeof setting === "string" ? setting : "com");
  const accounts = optionalEnv("HUB_ZOHO_ACCOUNTS_URL");
  const api = optionalEnv("HUB_ZOHO_API_URL");
  // One without the other would send the refresh token to Zoho's real
  // accounts server while the calls go elsewhere (or the other way round).
  if ((accounts === undefined) !== (api === undefined)) {
    throw new ConfigError(
      "HUB_ZOHO_ACCOUNTS_URL and HUB_ZOHO_API_URL go together: set both, or neither to use zoho.data_center",
    );
  }
  return { accounts: accounts ?? derived.accounts, api: api ?? derived.api };
}
