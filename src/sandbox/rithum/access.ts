import { SANDBOX_CREDENTIALS } from "../contract.js";
import type {
  Route,
  RouteRate,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { odataError, rithumServerError, rithumThrottled } from "./errors.js";

/** 2,000 calls per minute per account (rithum.md §5). */
export const RITHUM_RATE: RouteRate = { perSecond: 2000 / 60, burst: 2000 };

const ACCESS_TOKEN_SECONDS = 3600;

/** The token scope the OAuth endpoint issues for one channel. */
export function rithumTokenScope(channelId: string): string {
  return `${channelId}:rithum`;
}

function basicPair(header: string | undefined): [string, string] | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function oauthError(status: number, error: string): SandboxResponse {
  return { status, body: { error } };
}

/** POST /oauth2/token: Basic application credentials plus a refresh token. */
export function tokenRoute(world: SandboxWorld): Route {
  return {
    method: "POST",
    path: "/oauth2/token",
    handle(req) {
      const channel = req.channel;
      if (channel === undefined) return rithumServerError(500);
      const pair = basicPair(req.headers.authorization);
      if (
        pair?.[0] !== SANDBOX_CREDENTIALS.clientId ||
        pair[1] !== SANDBOX_CREDENTIALS.clientSecret
      ) {
        return oauthError(401, "invalid_client");
      }
      const form = new URLSearchParams(req.rawBody);
      if (form.get("grant_type") !== "refresh_token") {
        return oauthError(400, "unsupported_grant_type");
      }
      if (form.get("refresh_token") !== SANDBOX_CREDENTIALS.refreshToken) {
        return oauthError(400, "invalid_grant");
      }
      const scope = rithumTokenScope(channel.id);
      return {
        status: 200,
        body: {
          access_token: world.issueToken(scope, ACCESS_TOKEN_SECONDS),
          token_type: "bearer",
          expires_in: ACCESS_TOKEN_SECONDS,
        },
      };
    },
  };
}

// rithum.md §1: the token may also ride in `?access_token=`.
function bearer(req: SandboxRequest): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match?.[1] ?? req.query.get("access_token") ?? undefined;
}

export type RestHandler = (
  req: SandboxRequest,
  channel: ScenarioChannel,
) => SandboxResponse | Promise<SandboxResponse>;

/** A REST v1 route behind the bearer token and the account rate. */
export function restRoute(
  world: SandboxWorld,
  method: Route["method"],
  path: string,
  handle: RestHandler,
): Route {
  return {
    method,
    path,
    rate: RITHUM_RATE,
    throttled: () => rithumThrottled(),
    async handle(req) {
      const channel = req.channel;
      if (channel === undefined) return rithumServerError(500);
      const scope = rithumTokenScope(channel.id);
      if (!world.tokenValid(scope, bearer(req))) {
        return odataError(
          401,
          "Authorization has been denied for this request.",
        );
      }
      return handle(req, channel);
    },
  };
}
