import { SANDBOX_CREDENTIALS } from "../contract.js";
import type {
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { amazonTokenScope } from "./sp-api-route.js";

const ACCESS_TOKEN_SECONDS = 3600;

function lwaError(
  status: number,
  error: string,
  description: string,
): SandboxResponse {
  return { status, body: { error_description: description, error } };
}

// amazon.md §1: the guide says form body, some SDKs send JSON and both work.
function tokenFields(req: SandboxRequest): Record<string, string> {
  const fields: Record<string, string> = {};
  const body = req.body;
  if (typeof body === "object" && body !== null) {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === "string") fields[key] = value;
    }
    return fields;
  }
  return Object.fromEntries(new URLSearchParams(req.rawBody));
}

/** Login with Amazon: refresh token in, one-hour access token out. */
export function lwaTokenRoute(world: SandboxWorld): Route {
  return {
    method: "POST",
    path: "/auth/o2/token",
    handle(req) {
      const channel = req.channel;
      if (channel === undefined) {
        return lwaError(500, "server_error", "No channel for this prefix.");
      }
      const fields = tokenFields(req);
      if (fields.grant_type !== "refresh_token") {
        return lwaError(
          400,
          "unsupported_grant_type",
          "The authorization grant type is not supported by this server.",
        );
      }
      if (
        fields.client_id !== SANDBOX_CREDENTIALS.clientId ||
        fields.client_secret !== SANDBOX_CREDENTIALS.clientSecret
      ) {
        return lwaError(401, "invalid_client", "Client authentication failed");
      }
      if (fields.refresh_token !== SANDBOX_CREDENTIALS.refreshToken) {
        return lwaError(
          400,
          "invalid_grant",
          "The request has an invalid grant parameter : refresh_token",
        );
      }
      const scope = amazonTokenScope(channel.id);
      return {
        status: 200,
        body: {
          access_token: world.issueToken(scope, ACCESS_TOKEN_SECONDS),
          refresh_token: SANDBOX_CREDENTIALS.refreshToken,
          token_type: "bearer",
          expires_in: ACCESS_TOKEN_SECONDS,
        },
      };
    },
  };
}
