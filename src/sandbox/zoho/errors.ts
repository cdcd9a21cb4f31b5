import type { SandboxResponse } from "../contract.js";

/** Zoho's `{code, message}` envelope (api-reference/zoho.md §3). */
export function zohoError(
  status: number,
  code: number,
  message: string,
): SandboxResponse {
  return { status, body: { code, message } };
}

/** Missing, unknown or expired OAuth token. */
export const notAuthorized = (): SandboxResponse =>
  zohoError(401, 57, "You are not authorized to perform this operation");

/** organization_id absent or not the sandbox's. */
export const invalidOrganization = (): SandboxResponse =>
  zohoError(400, 6041, "Invalid value passed for organization_id");

/** No item with that id. */
export const itemNotFound = (): SandboxResponse =>
  zohoError(404, 1002, "Item does not exist.");

/** The per-organization minute limit; Zoho's body code is not confirmed. */
export function rateLimited(retryAfterSeconds: number): SandboxResponse {
  return {
    status: 429,
    headers: { "Retry-After": String(retryAfterSeconds) },
    body: {
      code: 44,
      message:
        "You have made too many requests in a short time. " +
        "Please try again after some time.",
    },
  };
}

/** Zoho's generic 5xx envelope. */
export const serverError = (status: number): SandboxResponse =>
  zohoError(status, 1, "Internal server error. Please try again later.");

/** A cut-off JSON body for the malformed fault. */
export const malformed = (): SandboxResponse => ({
  status: 200,
  headers: { "Content-Type": "application/json;charset=UTF-8" },
  body: '{"code":0,"message":"success","items":[{"item_id":"48150',
});
