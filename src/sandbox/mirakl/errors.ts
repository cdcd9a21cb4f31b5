import type { SandboxResponse } from "../contract.js";

/**
 * Mirakl's error body. mirakl.md §7 leaves the shape unconfirmed; the
 * `{ message, status }` pair is what case B28 shows for an OR11 400.
 */
export function miraklError(status: number, message: string): SandboxResponse {
  return { status, body: { message, status } };
}

/** Mirakl's 401 for a missing or wrong shop API key. */
export function unauthorized(): SandboxResponse {
  return miraklError(401, "Unauthorized");
}

/**
 * Mirakl's 429. No rate-limit headers and no Retry-After are documented
 * (mirakl.md §0.5, §7), so none are sent: clients back off ≥ 60 s.
 */
export function tooManyRequests(): SandboxResponse {
  return miraklError(429, "Too Many Requests");
}

/** Mirakl's 5xx answer. */
export function serverError(status: number): SandboxResponse {
  return miraklError(
    status,
    status === 503 ? "Service Unavailable" : "Internal Server Error",
  );
}

/** A 200 whose JSON stops half way. */
export function malformed(): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"orders":[{"order_id":"MKP-',
  };
}

/** The bare 400 Mirakl gives for a call in the wrong order state. */
export function badRequest(): SandboxResponse {
  return miraklError(400, "Bad Request");
}
