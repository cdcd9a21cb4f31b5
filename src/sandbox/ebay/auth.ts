import type {
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
} from "../contract.js";
import { invalidAccessToken, missingAccessToken } from "./errors.js";
import { channelOf, header, tokenScope } from "./request.js";

type Handler = (
  req: SandboxRequest,
) => SandboxResponse | Promise<SandboxResponse>;

/** The bearer token of a REST call, if one was sent. */
export function bearerToken(req: SandboxRequest): string | undefined {
  const value = header(req, "authorization");
  if (value === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1];
}

/** Wraps a REST handler so it only runs for a valid user access token. */
export function withUserToken(world: SandboxWorld, handler: Handler): Handler {
  return (req) => {
    const token = bearerToken(req);
    if (token === undefined) return missingAccessToken();
    if (!world.tokenValid(tokenScope(channelOf(req)), token)) {
      return invalidAccessToken();
    }
    return handler(req);
  };
}
