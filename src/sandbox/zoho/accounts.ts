import type {
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  StandIn,
} from "../contract.js";
import { SANDBOX_CREDENTIALS } from "../contract.js";
import type { Clock } from "../rate-limit.js";
import { ZOHO_TOKEN_SCOPE } from "./state.js";

/** Zoho Accounts issues at most 10 access tokens per 10 minutes. */
export const REFRESH_LIMIT = 10;
const REFRESH_WINDOW_SECONDS = 600;
const TOKEN_LIFETIME_SECONDS = 3600;

/** Options of the Zoho Accounts stand-in. */
export interface ZohoAccountsOptions {
  timeScale: number;
  /** Base URL hub should call the API on, returned as `api_domain`. */
  apiDomain: () => string;
  clock?: Clock;
}

function param(req: SandboxRequest, name: string): string | undefined {
  const fromQuery = req.query.get(name);
  if (fromQuery !== null) return fromQuery;
  const body = req.body;
  if (typeof body === "object" && body !== null && name in body) {
    const v: unknown = Reflect.get(body, name);
    return typeof v === "string" ? v : undefined;
  }
  return undefined;
}

/**
 * Zoho Accounts answers a bad grant with HTTP 200 and an `error` field
 * instead of a token, so a client must read the body, not only the status.
 */
function grantError(error: string): SandboxResponse {
  return { status: 200, body: { error } };
}

/**
 * Builds the Zoho Accounts stand-in (`POST /oauth/v2/token`, refresh grant,
 * parameters in the query string or a form body).
 */
export function createZohoAccountsStandIn(
  world: SandboxWorld,
  options: ZohoAccountsOptions,
): StandIn {
  const clock = options.clock ?? Date.now;
  const refreshes: number[] = [];
  const windowMs = (REFRESH_WINDOW_SECONDS * 1000) / options.timeScale;
  const token = (req: SandboxRequest): SandboxResponse => {
    if (param(req, "grant_type") !== "refresh_token") {
      return grantError("unsupported_grant_type");
    }
    if (
      param(req, "client_id") !== SANDBOX_CREDENTIALS.clientId ||
      param(req, "client_secret") !== SANDBOX_CREDENTIALS.clientSecret
    ) {
      return grantError("invalid_client");
    }
    if (param(req, "refresh_token") !== SANDBOX_CREDENTIALS.refreshToken) {
      return grantError("invalid_code");
    }
    const now = clock();
    while (refreshes.length > 0 && (refreshes[0] ?? 0) <= now - windowMs) {
      refreshes.shift();
    }
    if (refreshes.length >= REFRESH_LIMIT) {
      // The exact text is not confirmed (api-reference/zoho.md §1); this is
      // the "Access Denied" shape integrators report.
      return {
        status: 400,
        body: {
          error_description:
            "You have made too many requests continuously. " +
            "Please try again after some time.",
          error: "Access Denied",
          status: "failure",
        },
      };
    }
    refreshes.push(now);
    return {
      status: 200,
      body: {
        access_token: world.issueToken(
          ZOHO_TOKEN_SCOPE,
          TOKEN_LIFETIME_SECONDS,
        ),
        api_domain: options.apiDomain(),
        token_type: "Bearer",
        expires_in: TOKEN_LIFETIME_SECONDS,
      },
    };
  };
  return {
    vendor: "zoho",
    routes: [{ method: "POST", path: "/oauth/v2/token", handle: token }],
    serverError: (status) => ({
      status,
      body: { error: "internal_error", status: "failure" },
    }),
    malformed: () => ({
      status: 200,
      headers: { "Content-Type": "application/json;charset=UTF-8" },
      body: '{"access_token":"1000.',
    }),
  };
}
