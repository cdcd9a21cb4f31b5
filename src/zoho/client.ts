import type { Knex } from "knex";
import { z } from "zod";
import { optionalEnv } from "../config/env.js";
import type { Settings } from "../config/settings.js";
import { ConfigError, UpstreamError } from "../errors.js";
import type { ApiClient } from "../http/api-client.js";
import type { HttpContext } from "../http/http-context.js";
import type { Rate, TokenBucket } from "../http/throttle.js";
import { zohoUrls } from "./data-centres.js";
import { describeZohoError, zohoBodyError } from "./errors.js";
import { rawItemSchema, readItem, type ZohoItem } from "./items.js";
import { parseZohoJson } from "./raw-json.js";
import { accountsClient, zohoAccessToken } from "./token.js";

/**
 * 100 requests per minute per organization, all apps together (zoho.md
 * §0.2, §4): a bucket of 20 refilled at 80/min keeps any minute at 100.
 */
export const ZOHO_RATE: Rate = { perSecond: 80 / 60, burst: 20 };

/** The largest page Zoho serves (zoho.md §2). */
const PER_PAGE = 200;

/** Above this many SKUs one full listing is cheaper than a call per SKU. */
const SKU_LOOKUP_LIMIT = 20;

/** Every item with stock, and what was left out. */
export interface ZohoItemListing {
  items: ZohoItem[];
  /** Items without a SKU: nothing to publish them under. */
  skippedWithoutSku: number;
  /** Items with `track_inventory: false`. */
  skippedUntracked: number;
}

const listSchema = z.object({
  code: z.union([z.number(), z.string()]),
  items: z.array(rawItemSchema),
  page_context: z.object({ has_more_page: z.boolean().nullish() }).nullish(),
});

/** Zoho Inventory v1, read-only: items and their stock. */
export class ZohoClient {
  private readonly api: ApiClient;
  private readonly organizationId: string;
  private readonly org: TokenBucket;

  constructor(http: HttpContext, settings: Settings, knex: Knex) {
    const urls = zohoUrls(settings);
    const org =
      optionalEnv("HUB_ZOHO_ORGANIZATION_ID") ??
      settings.string("zoho.organization_id");
    if (!org) {
      throw new ConfigError(
        "the Zoho organization id is not set: run `hub config set " +
          "zoho.organization_id <digits>` or set HUB_ZOHO_ORGANIZATION_ID",
      );
    }
    this.organizationId = org;
    const accounts = accountsClient(http, urls.accounts);
    // The limit is per organization across every endpoint, while ApiClient
    // keys its buckets per operation: one shared bucket goes first.
    this.org = http.throttles.bucket(`zoho:${org}`, ZOHO_RATE);
    this.api = http.client({
      api: "zoho",
      baseUrl: `${urls.api.replace(/\/+$/, "")}/inventory/v1`,
      rates: { default: ZOHO_RATE },
      authorize: async (refresh) => ({
        authorization: `Zoho-oauthtoken ${await zohoAccessToken(knex, accounts, refresh)}`,
      }),
      describeError: describeZohoError,
      bodyError: zohoBodyError,
    });
  }

  /**
   * One GET, read as text so 19-digit ids stay exact; the `{code}` check
   * ApiClient makes on JSON answers is made here on the parsed text.
   */
  private async get(
    operation: string,
    path: string,
    query: Record<string, string | number | undefined>,
  ): Promise<unknown> {
    await this.org.take();
    const response = await this.api.request<string>({
      operation,
      path,
      query: { organization_id: this.organizationId, ...query },
      responseType: "text",
    });
    let body: unknown;
    try {
      body = parseZohoJson(response.body);
    } catch (error) {
      throw new UpstreamError(
        `zoho ${operation} answered with a body that is not JSON`,
        {
          api: "zoho",
          status: response.status,
          code: "malformed",
          retryable: true,
        },
        { cause: error },
      );
    }
    const inBody = zohoBodyError(body);
    if (inBody) {
      throw new UpstreamError(
        `zoho ${operation}: ${inBody.message} (code ${inBody.code})`,
        {
          api: "zoho",
          status: response.status,
          code: inBody.code,
          retryable: inBody.retryable,
        },
      );
    }
    return body;
  }

  private async page(query: Record<string, string | number | undefined>) {
    const body = await this.get("listItems", "items", {
      ...query,
      per_page: PER_PAGE,
    });
    const checked = listSchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new UpstreamError(
        `zoho listItems answered with an unexpected body (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"})`,
        { api: "zoho", code: "malformed", retryable: true },
      );
    }
    return checked.data;
  }

  /**
   * GET /items, every page until `has_more_page` is false. Any failure on
   * any page throws: a partial list is never returned (DESIGN.md Guards).
   */
  async listItems(
    filter: Record<string, string> = {},
  ): Promise<ZohoItemListing> {
    const listing: ZohoItemListing = {
      items: [],
      skippedWithoutSku: 0,
      skippedUntracked: 0,
    };
    for (let page = 1; ; page++) {
      const body = await this.page({ ...filter, page });
      for (const raw of body.items) this.take(listing, raw);
      if (body.page_context?.has_more_page !== true) return listing;
    }
  }

  private take(listing: ZohoItemListing, raw: z.infer<typeof rawItemSchema>) {
    const reading = readItem(raw);
    if (!reading) {
      throw new UpstreamError(
        `zoho item ${raw.item_id} (${raw.sku ?? "no SKU"}) has no ` +
          "actual_available_stock; refusing to treat missing stock as zero",
        { api: "zoho", code: "malformed", retryable: false },
      );
    }
    if (reading.kind === "no_sku") listing.skippedWithoutSku++;
    else if (reading.kind === "untracked") listing.skippedUntracked++;
    else listing.items.push(reading.item);
  }

  /**
   * The items of the given SKUs (the webhook path): the list's exact `sku`
   * filter (zoho.md §2), one call per SKU; for many SKUs one full listing.
   * SKUs Zoho does not know are returned in `missing`.
   */
  async getItems(
    skus: readonly string[],
  ): Promise<{ items: ZohoItem[]; missing: string[] }> {
    const wanted = [...new Set(skus)];
    const found = new Map<string, ZohoItem>();
    if (wanted.length > SKU_LOOKUP_LIMIT) {
      const all = await this.listItems();
      for (const item of all.items) found.set(item.sku, item);
    } else {
      for (const sku of wanted) {
        const listing = await this.listItems({ sku });
        for (const item of listing.items) {
          if (item.sku === sku) found.set(sku, item);
        }
      }
    }
    const items = wanted.flatMap((sku) => {
      const item = found.get(sku);
      return item ? [item] : [];
    });
    return { items, missing: wanted.filter((sku) => !found.has(sku)) };
  }
}
