import type {
  ApiClient,
  RequestOptions,
  ApiResponse,
} from "../../http/api-client.js";
import type { Knex } from "knex";
import { delay, type Rate } from "../../http/throttle.js";
import { claimSlot } from "../../storage/pacing.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { HttpContext } from "../../http/http-context.js";
import { channelBaseUrl, channelSecret } from "../endpoints.js";

/**
 * Mirakl publishes call ceilings as design-time contracts, not headers
 * (mirakl.md §0.5, §7): OR11 and STO01 at most once a minute, STO02 every
 * 15 s. A second of margin each absorbs the time requests spend on the
 * wire. OR21/OR23/OR24 have none; a modest default keeps bursts polite.
 */
export const MIRAKL_RATES: Record<string, Rate> = {
  OR11: { perSecond: 1 / 61, burst: 1 },
  STO01: { perSecond: 1 / 61, burst: 1 },
  STO02: { perSecond: 1 / 16, burst: 1 },
  default: { perSecond: 5, burst: 5 },
};

/**
 * Mirakl's error body is not confirmed (mirakl.md §7); OR21 names string
 * codes (ORDER_INVALID_STATE, …) and case B28 shows `{message, status}`.
 * A leading code of that form in the message is taken as the code.
 */
export function describeMiraklError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  let message: string | undefined;
  if (typeof body === "string") message = body.trim();
  else if (typeof body === "object" && body !== null) {
    const fields = body as Record<string, unknown>;
    const text = fields.message ?? fields.error ?? fields.error_description;
    if (typeof text === "string") message = text;
  }
  if (!message) return { message: `HTTP ${status} without detail` };
  const code = /^([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b/.exec(message)?.[1];
  return code ? { code, message } : { message };
}

/**
 * One Mirakl instance of one channel. The shop API key goes bare in
 * `Authorization`, no `Bearer` (mirakl.md §1); it is read on first use so
 * that building a connector never fails for a missing variable.
 */
export class MiraklApi {
  private client: ApiClient | undefined;

  constructor(
    private readonly channel: ChannelConfig,
    private readonly http: HttpContext,
    /** Where the once-a-minute slots are shared between processes. */
    private readonly knex?: Knex,
  ) {}

  /** Sends one request with the shop key. */
  request<T>(req: RequestOptions<T>): Promise<ApiResponse<T>> {
    const client = this.open();
    const key = channelSecret(this.channel, "API_KEY");
    return client.request({
      ...req,
      headers: { ...req.headers, authorization: key },
    });
  }

  private open(): ApiClient {
    if (!this.client) {
      this.client = this.http.client({
        api: this.channel.id,
        // An operator's own instance: there is no vendor default.
        baseUrl: channelBaseUrl(this.channel),
        rates: MIRAKL_RATES,
        describeError: describeMiraklError,
        ...(this.knex ? { pace: (operation: string) => this.pace(operation) } : {}),
      });
    }
    return this.client;
  }

  /**
   * OR11 and STO01 count per shop, not per process: pull-orders and
   * push-tracking started in the same minute would otherwise earn a 429
   * (mirakl.md §0.5, §7). The slot is shared through the database.
   */
  private async pace(operation: string): Promise<void> {
    const rate = MIRAKL_RATES[operation];
    if (!SHARED_SLOTS.has(operation) || !rate || !this.knex) return;
    const interval = 1000 / rate.perSecond / this.http.timeScale;
    const wait = await claimSlot(this.knex, `${this.channel.id}:${operation}`, interval);
    if (wait > 0) await delay(wait);
  }
}

/** The once-a-minute operations, paced across processes. */
const SHARED_SLOTS = new Set(["OR11", "STO01"]);
