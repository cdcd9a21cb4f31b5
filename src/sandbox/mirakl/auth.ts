import {
  SANDBOX_CREDENTIALS,
  type SandboxRequest,
  type SandboxResponse,
} from "../contract.js";
import { unauthorized } from "./errors.js";
import { header } from "./request.js";

type Handler = (
  req: SandboxRequest,
) => SandboxResponse | Promise<SandboxResponse>;

/**
 * Wraps a handler so it runs only for the shop API key sent bare in
 * `Authorization` (mirakl.md §1): `Bearer <key>` is refused like any
 * other wrong value.
 */
export function withApiKey(handler: Handler): Handler {
  return (req) => {
    if (header(req, "authorization") !== SANDBOX_CREDENTIALS.apiKey) {
      return unauthorized();
    }
    return handler(req);
  };
}
