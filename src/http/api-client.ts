import got, { RequestError, type Method } from "got";
import type { z } from "zod";
import { ConfigError, UpstreamError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import { backoffMs, retryAfterMs } from "./backoff.js";
import { delay, type Rate, type Throttles } from "./throttle.js";

/** What one vendor API needs to be spoken to. */
export interface ApiDefinition {
  /** Name in logs, errors and throttle keys, e.g. `shipstation`, `amazon-us`. */
  api: string;
  baseUrl: string;
  /** Documented rate per operation; `default` applies to the rest. */
  rates: Record<string, Rate>;
  /** Vendor headers that say how many seconds until a limit resets. */
  resetHeaders?: readonly string[];
  /** Authentication headers; `refresh` is true after a 401. */
  authorize?: (refresh: boolean) => Promise<Record<string, string>>;
  /** The vendor's error envelope → code and message (one normaliser). */
  describeError?: (status: number, body: unknown) => { code?: string; message: string };
  /** Errors a vendor sends with HTTP 200 (Zoho does). */
  bodyError?: (body: unknown) => { code: string; message: string; retryable: boolean } | undefined;
  /**
   * Waits, after this process's own throttle, for the operation's turn
   * among every hub process (a limit the vendor counts per account).
   */
  pace?: (operation: string) => Promise<void>;
}

export interface RequestOptions<T> {
  /** The vendor's operation name: throttled and counted under it. */
  operation: string;
  method?: Method;
  /** Relative to the base URL, or an absolute URL on the same origin. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | readonly string[]>;
  json?: unknown;
  form?: Record<string, string>;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** Attempts in all, the first included. */
  attempts?: number;
  /**
   * False for calls that must not be repeated once the server may have seen
   * them (eBay createShippingFulfillment adds a package every time): then
   * only answers that prove nothing was done (429, refused connection) are
   * retried.
   */
  idempotent?: boolean;
  /** Validates the JSON body; a mismatch is a malformed answer. */
  schema?: z.ZodType<T>;
  /** `buffer`: the body as bytes, for documents that are not text. */
  responseType?: "json" | "text" | "buffer";
}

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
}

/** Counts of what a client did, for summaries and benchmarks. */
export interface ClientStats {
  calls: Record<string, number>;
  retries: number;
  bytesSent: number;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * One vendor API over HTTP: throttled at its documented rate, retried with
 * backoff on 429/5xx/timeouts (honouring Retry-After and reset headers),
 * never retried on answers that cannot succeed, errors normalised into
 * UpstreamError with the vendor's code.
 */
export class ApiClient {
  readonly stats: ClientStats = { calls: {}, retries: 0, bytesSent: 0 };
  private readonly origin: string;

  constructor(
    private readonly def: ApiDefinition,
    private readonly throttles: Throttles,
    private readonly logger: Logger,
    private readonly options: { timeoutMs: number; timeScale: number },
  ) {
    this.origin = new URL(def.baseUrl).origin;
  }

  /** The API's name, as in logs and throttle keys. */
  get api(): string {
    return this.def.api;
  }

  /** Sends one request, with retries; throws UpstreamError when it gives up. */
  async request<T = unknown>(req: RequestOptions<T>): Promise<ApiResponse<T>> {
    const attempts = Math.max(1, req.attempts ?? 3);
    const url = this.resolve(req.path);
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      const bucket = this.throttles.bucket(
        `${this.def.api}:${req.operation}`,
        this.def.rates[req.operation] ?? this.def.rates.default ?? { perSecond: 10, burst: 10 },
      );
      await bucket.take();
      await this.def.pace?.(req.operation);
      this.stats.calls[req.operation] = (this.stats.calls[req.operation] ?? 0) + 1;
      let failure: UpstreamError;
      try {
        const answer = await this.send(url, req, refreshed);
        const response = {
          statusCode: answer.statusCode,
          headers: answer.headers,
          body: answer.body.toString("utf8"),
          bytes: answer.body,
        };
        if (response.statusCode === 401 && this.def.authorize && !refreshed) {
          // An access token can die before its stated expiry: refresh once.
          refreshed = true;
          attempt--;
          continue;
        }
        if (response.statusCode >= 200 && response.statusCode < 300) {
          return this.accept(req, response);
        }
        failure = this.httpFailure(req, response);
        if (response.statusCode === 429) bucket.drain();
      } catch (error) {
        // The operator must act (a missing or refused credential): no retry.
        if (error instanceof ConfigError) throw error;
        if (error instanceof UpstreamError) failure = error;
        else failure = this.transportFailure(req, error);
      }
      const retry = failure.details.retryable && attempt < attempts;
      this.logger.warn(`${this.def.api} ${req.operation} failed: ${failure.message}`, {
        attempt,
        attempts,
        willRetry: retry,
      });
      if (!retry) throw failure;
      this.stats.retries++;
      const wait =
        failure.details.retryAfterMs ??
        backoffMs(attempt, 1000 / this.options.timeScale, 30_000 / this.options.timeScale);
      await delay(Math.min(wait, 120_000));
    }
  }

  private resolve(path: string): string {
    const url = new URL(path, this.def.baseUrl.endsWith("/") ? this.def.baseUrl : `${this.def.baseUrl}/`);
    if (/^https?:/.test(path)) {
      // A next-page link comes from the server; credentials follow it only
      // to the origin we were configured with.
      if (url.origin !== this.origin) {
        throw new UpstreamError(`${this.def.api} sent a link to another host (${url.host}); refusing to follow it`, { api: this.def.api, retryable: false });
      }
      return url.toString();
    }
    const base = this.def.baseUrl.replace(/\/+$/, "");
    return `${base}/${path.replace(/^\/+/, "")}`;
  }

  private async send<T>(url: string, req: RequestOptions<T>, refresh: boolean) {
    const auth = this.def.authorize ? await this.def.authorize(refresh) : {};
    const searchParams = new URLSearchParams();
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) searchParams.append(key, String(v));
      else searchParams.append(key, String(value));
    }
    const body =
      req.json !== undefined
        ? JSON.stringify(req.json)
        : req.form
          ? new URLSearchParams(req.form).toString()
          : req.body;
    const contentType =
      req.json !== undefined
        ? { "content-type": "application/json" }
        : req.form
          ? { "content-type": "application/x-www-form-urlencoded" }
          : {};
    if (body !== undefined) this.stats.bytesSent += Buffer.byteLength(body);
    const query = searchParams.toString();
    return got(query ? `${url}${url.includes("?") ? "&" : "?"}${query}` : url, {
      method: req.method ?? "GET",
      headers: { accept: "application/json", ...contentType, ...auth, ...req.headers },
      ...(body !== undefined ? { body } : {}),
      throwHttpErrors: false,
      retry: { limit: 0 },
      followRedirect: false,
      timeout: { request: this.options.timeoutMs },
      responseType: "buffer",
    });
  }

  private accept<T>(
    req: RequestOptions<T>,
    response: { statusCode: number; headers: ApiResponse<T>["headers"]; body: string; bytes: Buffer },
  ): ApiResponse<T> {
    const status = response.statusCode;
    if (req.responseType === "text") {
      return { status, headers: response.headers, body: response.body as T };
    }
    if (req.responseType === "buffer") {
      return { status, headers: response.headers, body: response.bytes as T };
    }
    let parsed: unknown;
    try {
      parsed = response.body === "" ? {} : JSON.parse(response.body);
    } catch (error) {
      throw new UpstreamError(`${this.def.api} ${req.operation} answered ${status} with a body that is not JSON`, { api: this.def.api, status, code: "malformed", retryable: req.idempotent !== false }, { cause: error });
    }
    const inBody = this.def.bodyError?.(parsed);
    if (inBody) {
      throw new UpstreamError(`${this.def.api} ${req.operation}: ${inBody.message} (code ${inBody.code})`, { api: this.def.api, status, code: inBody.code, retryable: inBody.retryable });
    }
    if (req.schema) {
      const checked = req.schema.safeParse(parsed);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new UpstreamError(`${this.def.api} ${req.operation} answered with an unexpected body (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"})`, { api: this.def.api, status, code: "malformed", retryable: req.idempotent !== false });
      }
      return { status, headers: response.headers, body: checked.data };
    }
    return { status, headers: response.headers, body: parsed as T };
  }

  private httpFailure<T>(
    req: RequestOptions<T>,
    response: { statusCode: number; headers: ApiResponse<T>["headers"]; body: string },
  ): UpstreamError {
    const status = response.statusCode;
    let parsed: unknown = response.body;
    try {
      parsed = JSON.parse(response.body);
    } catch {
      // Keep the text: some vendors answer errors in XML or plain text.
    }
    const described = this.def.describeError?.(status, parsed);
    const message = described?.message ?? summarise(response.body);
    const retryable =
      RETRYABLE_STATUS.has(status) && (req.idempotent !== false || status === 429);
    const wait = retryAfterMs(response.headers, this.def.resetHeaders ?? []);
    return new UpstreamError(
      `${this.def.api} ${req.operation} answered ${status}: ${message}`,
      {
        api: this.def.api,
        status,
        ...(described?.code ? { code: described.code } : {}),
        retryable,
        ...(wait !== undefined ? { retryAfterMs: wait } : {}),
      },
    );
  }

  private transportFailure<T>(req: RequestOptions<T>, error: unknown): UpstreamError {
    const code = error instanceof RequestError ? error.code : "EUNKNOWN";
    const notSent = NOT_SENT_CODES.has(code);
    const what = code === "ETIMEDOUT" ? `no answer within ${this.options.timeoutMs} ms` : `${code}: ${(error as Error).message}`;
    return new UpstreamError(
      `${this.def.api} ${req.operation} failed (${what})`,
      { api: this.def.api, code, retryable: req.idempotent !== false || notSent },
      { cause: error },
    );
  }
}

function summarise(body: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || "(empty body)";
}
