import type { SandboxResponse } from "../contract.js";

/**
 * The OData error envelope (rithum.md §3). ChannelAdvisor leaves `code`
 * empty and puts everything in `message`.
 */
export function odataError(status: number, message: string): SandboxResponse {
  return { status, body: { error: { code: "", message } } };
}

/** 429 past the account's calls per minute; no rate headers documented. */
export function rithumThrottled(): SandboxResponse {
  return odataError(429, "Rate limit exceeded. Please retry later.");
}

/** The 5xx answer in the same envelope. */
export function rithumServerError(status: number): SandboxResponse {
  return odataError(status, "An error has occurred.");
}

/** A 200 whose JSON stops inside the value list. */
export function rithumMalformed(): SandboxResponse {
  return {
    status: 200,
    headers: { "content-type": "application/json; odata.metadata=minimal" },
    body: '{"@odata.context":"$metadata#Orders","value":[{"ID":1',
  };
}
