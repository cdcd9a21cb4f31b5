import type { SandboxResponse } from "../contract.js";

/** One entry of eBay's REST error envelope (api-reference/ebay.md §5). */
export interface EbayError {
  errorId: number;
  domain: string;
  category: "REQUEST" | "APPLICATION" | "BUSINESS";
  message: string;
  longMessage?: string;
  parameters?: Array<{ name: string; value: string }>;
}

/** Answers with eBay's `{ errors: [...] }` envelope. */
export function ebayErrors(
  status: number,
  ...errors: EbayError[]
): SandboxResponse {
  return { status, body: { errors } };
}

/** eBay's 401 for a call without any access token (error 1002). */
export function missingAccessToken(): SandboxResponse {
  return ebayErrors(401, {
    errorId: 1002,
    domain: "OAuth",
    category: "REQUEST",
    message: "Missing access token",
    longMessage:
      "Access token is missing in the Authorization HTTP request header.",
  });
}

/** eBay's 401 for an unknown or expired access token (error 1001). */
export function invalidAccessToken(): SandboxResponse {
  return ebayErrors(401, {
    errorId: 1001,
    domain: "OAuth",
    category: "REQUEST",
    message: "Invalid access token",
    longMessage:
      "Invalid access token. Check the value of the Authorization HTTP " +
      "request header.",
  });
}

/**
 * eBay's 429 (error 2001). No rate-limit headers are documented for REST,
 * so none are sent: clients must back off on the status alone.
 */
export function tooManyRequests(): SandboxResponse {
  return ebayErrors(429, {
    errorId: 2001,
    domain: "ACCESS",
    category: "REQUEST",
    message: "Too many requests",
    longMessage: "The request limit has been reached for the resource.",
  });
}

/** eBay's 5xx envelope (error 2003, "retry" per the sell error table). */
export function internalError(status: number): SandboxResponse {
  return ebayErrors(status, {
    errorId: 2003,
    domain: "ACCESS",
    category: "APPLICATION",
    message: "Internal error",
    longMessage:
      "There was a problem with an eBay internal system or process. " +
      "Contact eBay developer support for assistance.",
  });
}

/** A 200 whose JSON is cut off mid-document. */
export function malformedJson(): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: '{"href":"","total":1,"orders":[{"orderId":"00-',
  };
}

/** eBay's resource-not-found answer (error 2002). */
export function resourceNotFound(): SandboxResponse {
  return ebayErrors(404, {
    errorId: 2002,
    domain: "ACCESS",
    category: "REQUEST",
    message: "Resource not found",
  });
}
