import type {
  ApiClient,
  ApiResponse,
  RequestOptions,
} from "../../http/api-client.js";
import { UpstreamError } from "../../errors.js";
import { cachedAccessToken } from "../../storage/tokens.js";
import type { ConnectorDeps } from "../types.js";
import { AmazonClock } from "./clock.js";
import { describeAmazonError, isTokenRefusal } from "./errors.js";
import { lwaScope, requestLwaToken } from "./lwa.js";
import { AMAZON_RATES } from "./rates.js";
import { lwaTokenUrl, spApiBaseUrl } from "./regions.js";

// amazon.md §1: a user-agent naming the app is required on every call.
const USER_AGENT = "hub/0.1 (Language=TypeScript; Platform=Node.js)";

const RENEW_GAP_MS = 60_000;

/**
 * One channel's SP-API: LWA token from the shared cache on every call as
 * `x-amz-access-token`, Amazon's clock learned from each answer.
 */
export class SpApi {
  readonly clock = new AmazonClock();
  readonly baseUrl: string;
  private readonly client: ApiClient;
  private readonly lwa: ApiClient;
  private readonly tokenUrl: string;
  private forceRefresh = false;
  private lastRenewal: number | undefined;

  constructor(private readonly deps: ConnectorDeps) {
    const { channel, http } = deps;
    this.baseUrl = spApiBaseUrl(channel);
    this.tokenUrl = lwaTokenUrl(channel);
    this.lwa = http.client({
      api: `${channel.id}-lwa`,
      baseUrl: this.tokenUrl,
      rates: { default: { perSecond: 1, burst: 5 } },
      describeError: describeAmazonError,
    });
    this.client = http.client({
      api: channel.id,
      baseUrl: this.baseUrl,
      rates: AMAZON_RATES,
      authorize: (refresh) => this.authorize(refresh),
      describeError: describeAmazonError,
    });
  }

  /** The access token, from the database cache unless it must be renewed. */
  accessToken(force = false): Promise<string> {
    const { knex, channel } = this.deps;
    return cachedAccessToken(
      knex,
      lwaScope(channel),
      () => requestLwaToken(this.lwa, this.tokenUrl, channel, this.clock),
      force,
    );
  }

  /** Sends one SP-API request; a refused token is renewed once. */
  async request<T>(req: RequestOptions<T>): Promise<ApiResponse<T>> {
    const withAgent = {
      ...req,
      headers: { "user-agent": USER_AGENT, ...req.headers },
    };
    let answer: ApiResponse<T>;
    try {
      answer = await this.client.request(withAgent);
    } catch (error) {
      if (!isTokenRefusal(error) || !this.mayRenew()) throw error;
      this.deps.logger.warn(
        `${this.deps.channel.id}: Amazon refused the access token; renewing it once`,
      );
      this.forceRefresh = true;
      try {
        answer = await this.client.request(withAgent);
      } catch (again) {
        if (!isTokenRefusal(again)) throw again;
        throw new UpstreamError(
          `${again.message}; a fresh token was refused too: check that the app has the role for ${req.operation}, that the seller authorized it, and that channels.${this.deps.channel.id}.region matches the marketplace`,
          again.details,
          { cause: again },
        );
      }
    }
    this.clock.observe(answer.headers);
    return answer;
  }

  /**
   * A 403 also means a missing role or a wrong seller id, which no token
   * cures: renew at most once a minute, not once per SKU.
   */
  private mayRenew(): boolean {
    const now = Date.now();
    const gap = RENEW_GAP_MS / this.deps.http.timeScale;
    if (this.lastRenewal !== undefined && now - this.lastRenewal < gap) {
      return false;
    }
    this.lastRenewal = now;
    return true;
  }

  private async authorize(refresh: boolean): Promise<Record<string, string>> {
    const force = refresh || this.forceRefresh;
    this.forceRefresh = false;
    return { "x-amz-access-token": await this.accessToken(force) };
  }
}
