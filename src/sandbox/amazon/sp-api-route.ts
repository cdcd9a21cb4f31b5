import type {
  Route,
  RouteRate,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import {
  amazonError,
  amazonServerError,
  quotaExceeded,
  spApiHeaders,
} from "./errors.js";

/** The token scope LWA issues for one channel. */
export function amazonTokenScope(channelId: string): string {
  return `${channelId}:amazon`;
}

/** An SP-API handler: the channel is resolved and the token checked. */
export type SpApiHandler = (
  req: SandboxRequest,
  channel: ScenarioChannel,
) => SandboxResponse | Promise<SandboxResponse>;

export interface SpApiRouteSpec {
  method: Route["method"];
  path: string;
  rate?: RouteRate;
  handle: SpApiHandler;
}

/**
 * Checks `x-amz-access-token`. No header at all is MissingAuthenticationToken;
 * a token LWA did not issue (or that expired) is Unauthorized (amazon.md §5).
 */
export function refuseAccess(
  world: SandboxWorld,
  req: SandboxRequest,
  channel: ScenarioChannel,
): SandboxResponse | undefined {
  const token = req.headers["x-amz-access-token"];
  if (token === undefined || token === "") {
    return amazonError(
      403,
      "MissingAuthenticationToken",
      "Access to requested resource is denied.",
      "The request is missing the x-amz-access-token header.",
    );
  }
  if (!world.tokenValid(amazonTokenScope(channel.id), token)) {
    return amazonError(
      403,
      "Unauthorized",
      "Access to requested resource is denied.",
      "",
    );
  }
  return undefined;
}

// amazon.md §5: the rate header is best effort on 2xx, 400 and 404 only.
function showsRateHeader(status: number): boolean {
  return (status >= 200 && status < 300) || status === 400 || status === 404;
}

/** Wraps an SP-API operation: token check, request id and rate header. */
export function spApiRoute(world: SandboxWorld, spec: SpApiRouteSpec): Route {
  const route: Route = {
    method: spec.method,
    path: spec.path,
    throttled: () => quotaExceeded(),
    async handle(req) {
      const channel = req.channel;
      if (channel === undefined) return amazonServerError(500);
      const answer =
        refuseAccess(world, req, channel) ?? (await spec.handle(req, channel));
      const headers = { ...spApiHeaders(), ...answer.headers };
      if (spec.rate !== undefined && showsRateHeader(answer.status)) {
        headers["x-amzn-RateLimit-Limit"] = String(spec.rate.perSecond);
      }
      return { ...answer, headers };
    },
  };
  if (spec.rate !== undefined) route.rate = spec.rate;
  return route;
}
