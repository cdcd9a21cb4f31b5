import { randomUUID } from "node:crypto";
import type { SandboxResponse } from "../contract.js";

/** One entry of the SP-API error list. */
export interface AmazonErrorEntry {
  code: string;
  message: string;
  details?: string;
}

/** Headers every SP-API answer carries (amazon.md §5: log the request id). */
export function spApiHeaders(): Record<string, string> {
  return { "x-amzn-RequestId": randomUUID() };
}

/** The SP-API error envelope `{errors:[{code,message,details}]}`. */
export function amazonError(
  status: number,
  code: string,
  message: string,
  details?: string,
): SandboxResponse {
  const entry: AmazonErrorEntry = { code, message };
  if (details !== undefined) entry.details = details;
  return { status, headers: spApiHeaders(), body: { errors: [entry] } };
}

/**
 * 400 for bad input. The Orders models disagree on the code (amazon.md §3a):
 * searchOrders/getOrders say `InvalidInput`, confirmShipment `Invalid Input`.
 */
export function invalidInput(
  message: string,
  code: "InvalidInput" | "Invalid Input" = "InvalidInput",
): SandboxResponse {
  return amazonError(400, code, message);
}

/** Listings and Feeds say `BAD_REQUEST` for the same thing. */
export function badRequest(message: string): SandboxResponse {
  return amazonError(400, "BAD_REQUEST", message, message);
}

/** 404 for an order, listing or feed the seller does not have. */
export function notFound(message: string): SandboxResponse {
  return amazonError(404, "NotFound", message);
}

/** 429 once a route's bucket is empty; no rate header on it (amazon.md §5). */
export function quotaExceeded(): SandboxResponse {
  return amazonError(
    429,
    "QuotaExceeded",
    "You exceeded your quota for the requested resource.",
  );
}

/** The 5xx envelope SP-API answers with. */
export function amazonServerError(status: number): SandboxResponse {
  if (status === 503) {
    return amazonError(
      503,
      "ServiceUnavailable",
      "Service temporarily unavailable. Please try again later.",
    );
  }
  return amazonError(
    status,
    "InternalFailure",
    "An internal error occurred. Please try again later.",
  );
}

/** A 200 whose JSON is cut off mid-object. */
export function amazonMalformed(): SandboxResponse {
  return {
    status: 200,
    headers: { ...spApiHeaders(), "content-type": "application/json" },
    body: '{"orders":[{"orderId":"000-0000000-00000',
  };
}
