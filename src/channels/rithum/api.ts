import { channelVar } from "../../config/env.js";
import { ConfigError, UpstreamError } from "../../errors.js";
import type {
  ApiClient,
  ApiResponse,
  RequestOptions,
} from "../../http/api-client.js";
import type { Rate } from "../../http/throttle.js";
import { cachedAccessToken, type IssuedToken } from "../../storage/tokens.js";
import type { ConnectorDeps } from "../types.js";
import {
  channelBaseUrl,
  channelSecret,
  channelTokenUrl,
} from "../endpoints.js";
import { tokenAnswer } from "./schemas.js";

export const RITHUM_BASE_URL = "https://api.channeladvisor.com";
export const RITHUM_TOKEN_URL = "https://api.channeladvisor.com/oauth2/token";

/** 2,000 calls a minute per account (rithum.md §5). */
export const RITHUM_RATES: Record<string, Rate> = {
  default: { perSecond: 2000 / 60, burst: 50 },
};

/**
 * ChannelAdvisor's OData error `{"error":{"code","message"}}`, its
 * un-wrapped variant, and the OAuth `{"error":"invalid_grant"}` (rithum.md
 * §1, §3): the one place their bodies are read.
 */
export function describeRithumError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  if (typeof body === "string")
    return { message: body.trim() || `HTTP ${status}` };
  if (typeof body !== "object" || body === null)
    return { message: `HTTP ${status}` };
  const fields = body as Record<string, unknown>;
  const inner =
    typeof fields.error === "object" && fields.error !== null
      ? (fields.error as Record<string, unknown>)
      : fields;
  const code =
    typeof inner.code === "string" && inner.code ? inner.code : undefined;
  const oauth = typeof fields.error === "string" ? fields.error : undefined;
  const text =
    inner.message ?? inner.Message ?? fields.error_description ?? oauth;
  const message = typeof text === "string" && text ? text : `HTTP ${status}`;
  const named = code ?? oauth;
  return named ? { code: named, message } : { message };
}

/** The token cache scope of a channel. */
export function rithumTokenScope(channelId: string): string {
  return `${channelId}:rithum`;
}

/**
 * The REST v1 API of one channel behind an OAuth access token: refresh-token
 * grant with Basic application id:secret (rithum.md §1), cached in the
 * database across runs, refreshed once on a 401 by the client.
 */
export class RithumApi {
  private client: ApiClient | undefined;
  private tokenClient: ApiClient | undefined;
  /** The token of this run, so each call does not go to the database. */
  private current: string | undefined;

  constructor(private readonly deps: ConnectorDeps) {}

  /** Sends one request with the bearer token. */
  async request<T>(req: RequestOptions<T>): Promise<ApiResponse<T>> {
    // Fetched before the client runs, so that a refused refresh token
    // reaches the caller as the ConfigError it is.
    this.current ??= await this.token();
    return this.open().request(req);
  }

  /** The access token, from the database cache or freshly issued. */
  async token(force = false): Promise<string> {
    const { knex, channel } = this.deps;
    const scope = rithumTokenScope(channel.id);
    this.current = await cachedAccessToken(
      knex,
      scope,
      () => this.issue(),
      force,
    );
    return this.current;
  }

  private open(): ApiClient {
    if (!this.client) {
      this.client = this.deps.http.client({
        api: this.deps.channel.id,
        baseUrl: channelBaseUrl(this.deps.channel, RITHUM_BASE_URL),
        rates: RITHUM_RATES,
        authorize: async (refresh) => {
          const token =
            refresh || !this.current ? await this.token(refresh) : this.current;
          return { authorization: `Bearer ${token}` };
        },
        describeError: describeRithumError,
      });
    }
    return this.client;
  }

  private async issue(): Promise<IssuedToken> {
    const { channel } = this.deps;
    const url = channelTokenUrl(channel, RITHUM_TOKEN_URL);
    const id = channelSecret(channel, "CLIENT_ID");
    const secret = channelSecret(channel, "CLIENT_SECRET");
    const refreshToken = channelSecret(channel, "REFRESH_TOKEN");
    this.tokenClient ??= this.deps.http.client({
      api: `${channel.id}-oauth`,
      baseUrl: url,
      rates: RITHUM_RATES,
      describeError: describeRithumError,
    });
    try {
      const res = await this.tokenClient.request({
        operation: "token",
        method: "POST",
        path: url,
        form: { grant_type: "refresh_token", refresh_token: refreshToken },
        headers: {
          authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`,
        },
        schema: tokenAnswer,
      });
      return {
        accessToken: res.body.access_token,
        expiresInSeconds: res.body.expires_in,
      };
    } catch (error) {
      throw credentialProblem(channel.id, error);
    }
  }
}

/**
 * A token answer of 400/401 is the operator's to fix (a refresh token
 * unused for three months expires, rithum.md §0.6), not a retryable fault.
 */
function credentialProblem(channelId: string, error: unknown): unknown {
  if (!(error instanceof UpstreamError)) return error;
  const status = error.details.status;
  if (status !== 400 && status !== 401) return error;
  return new ConfigError(
    `channel ${channelId}: Rithum refused the application credentials or refresh token (${error.details.code ?? status}); check ${channelVar(channelId, "CLIENT_ID")} and ${channelVar(channelId, "CLIENT_SECRET")}, or create a new refresh token in the Developer Console and set ${channelVar(channelId, "REFRESH_TOKEN")}`,
    { cause: error },
  );
}
