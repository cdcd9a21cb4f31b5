import type { SandboxResponse } from "../contract.js";
import type { ModelState } from "./order-input.js";

/**
 * ShipStation V1 runs on ASP.NET Web API, so its errors use that
 * framework's PascalCase envelope (api-reference/shipstation.md §1).
 */
export function invalidRequest(modelState: ModelState): SandboxResponse {
  return {
    status: 400,
    body: { Message: "The request is invalid.", ModelState: modelState },
  };
}

/** The Basic-auth refusal; the body is ASP.NET's standard denial text. */
export function unauthorized(): SandboxResponse {
  return {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="ssapi.shipstation.com"' },
    body: { Message: "Authorization has been denied for this request." },
  };
}

/** A 404 for a record that does not exist. */
export function notFound(message: string): SandboxResponse {
  return { status: 404, body: { Message: message } };
}

/** The 500 envelope with exception details. */
export function serverError(status: number): SandboxResponse {
  return {
    status,
    body: {
      Message: "An error has occurred.",
      ExceptionMessage: "Object reference not set to an instance of an object.",
      ExceptionType: "System.NullReferenceException",
      StackTrace: null,
    },
  };
}

/** The rate-limit headers ShipStation puts on every answer. */
export function rateHeaders(
  limit: number,
  remaining: number,
  resetSeconds: number,
): Record<string, string> {
  return {
    "X-Rate-Limit-Limit": String(limit),
    "X-Rate-Limit-Remaining": String(remaining),
    "X-Rate-Limit-Reset": String(resetSeconds),
  };
}

/** 429 with the documented body and headers. */
export function tooManyRequests(
  limit: number,
  resetSeconds: number,
): SandboxResponse {
  return {
    status: 429,
    headers: rateHeaders(limit, 0, resetSeconds),
    body: { message: "Too Many Requests" },
  };
}

/** A 200 whose JSON is cut off mid-object, for the malformed fault. */
export function malformed(): SandboxResponse {
  return {
    status: 200,
    headers: { "Content-Type": "application/json; charset=utf-8" },
    body: '{"orders":[{"orderId":100000001,"orderNumber":"',
  };
}
