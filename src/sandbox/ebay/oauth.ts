import {
  SANDBOX_CREDENTIALS,
  type Route,
  type SandboxRequest,
  type SandboxResponse,
  type SandboxWorld,
} from "../contract.js";
import { tooManyRequests } from "./errors.js";
import { channelOf, header, tokenScope } from "./request.js";

/** User access tokens live two hours (api-reference/ebay.md §1). */
export const USER_TOKEN_LIFETIME_SECONDS = 7200;

const SCOPE_ROOT = "https://api.ebay.com/oauth/api_scope";

/** What the sandbox's refresh token was granted at onboarding. */
const GRANTED_SCOPES = new Set([
  SCOPE_ROOT,
  `${SCOPE_ROOT}/sell.fulfillment`,
  `${SCOPE_ROOT}/sell.fulfillment.readonly`,
  `${SCOPE_ROOT}/sell.inventory`,
  `${SCOPE_ROOT}/sell.inventory.readonly`,
]);

function oauthError(
  status: number,
  error: string,
  description: string,
): SandboxResponse {
  return { status, body: { error, error_description: description } };
}

function clientAuthenticated(req: SandboxRequest): boolean {
  const value = header(req, "authorization") ?? "";
  const match = /^Basic\s+(\S+)$/i.exec(value);
  if (match?.[1] === undefined) return false;
  const pair = Buffer.from(match[1], "base64").toString("utf8");
  const expected = `${SANDBOX_CREDENTIALS.clientId}:${SANDBOX_CREDENTIALS.clientSecret}`;
  return pair === expected;
}

/** Scopes asked for that the refresh token was never granted. */
export function ungrantedScopes(scope: string | null): string[] {
  if (scope === null) return [];
  return scope.split(/\s+/).filter((s) => s !== "" && !GRANTED_SCOPES.has(s));
}

function refreshUserToken(
  world: SandboxWorld,
  req: SandboxRequest,
  form: URLSearchParams,
): SandboxResponse {
  if (form.get("refresh_token") !== SANDBOX_CREDENTIALS.refreshToken) {
    return oauthError(
      400,
      "invalid_grant",
      "the provided authorization refresh token is invalid or was issued " +
        "to another client",
    );
  }
  // A refresh may only narrow the scopes granted at onboarding.
  if (ungrantedScopes(form.get("scope")).length > 0) {
    return oauthError(
      400,
      "invalid_scope",
      "the requested scope is invalid, unknown, malformed, or exceeds the " +
        "scope granted to the client",
    );
  }
  const token = world.issueToken(
    tokenScope(channelOf(req)),
    USER_TOKEN_LIFETIME_SECONDS,
  );
  return {
    status: 200,
    body: {
      access_token: token,
      expires_in: USER_TOKEN_LIFETIME_SECONDS,
      token_type: "User Access Token",
    },
  };
}

function applicationToken(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  // Issued under another scope on purpose: an application token is not
  // valid for seller data, so REST calls made with it get eBay's 401.
  const token = world.issueToken(
    `${tokenScope(channelOf(req))}:application`,
    USER_TOKEN_LIFETIME_SECONDS,
  );
  return {
    status: 200,
    body: {
      access_token: token,
      expires_in: USER_TOKEN_LIFETIME_SECONDS,
      token_type: "Application Access Token",
    },
  };
}

/** `POST /identity/v1/oauth2/token`: eBay's OAuth token endpoint. */
export function oauthTokenRoute(world: SandboxWorld): Route {
  return {
    method: "POST",
    path: "/identity/v1/oauth2/token",
    // Refresh-token grants are capped at 50,000 a day (ebay.md §1).
    rate: { perSecond: 50_000 / 86_400, burst: 50_000 },
    throttled: () => tooManyRequests(),
    handle(req) {
      if (!clientAuthenticated(req)) {
        return oauthError(
          401,
          "invalid_client",
          "client authentication failed",
        );
      }
      const form = new URLSearchParams(req.rawBody);
      const grant = form.get("grant_type");
      if (grant === "refresh_token") return refreshUserToken(world, req, form);
      if (grant === "client_credentials") return applicationToken(world, req);
      return oauthError(
        400,
        "unsupported_grant_type",
        "grant type in request is not supported by the authorization server",
      );
    },
  };
}
