import { UpstreamError } from "../../errors.js";

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The one error normaliser of the SP-API and LWA: `{errors:[{code, message,
 * details}]}` (amazon.md §5) and LWA's `{error, error_description}` (§1).
 * The codes differ between models ("InvalidInput", "Invalid Input",
 * "BAD_REQUEST" for the same thing, §3a), so callers decide on the HTTP
 * status and keep the code only for logs.
 */
export function describeAmazonError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  if (isFields(body) && Array.isArray(body.errors)) {
    const entries = body.errors.filter(isFields);
    const first = entries[0];
    const message = entries
      .map((e) => {
        const text = typeof e.message === "string" ? e.message : "";
        const details =
          typeof e.details === "string" && e.details !== "" ? e.details : "";
        return details !== "" && details !== text
          ? `${text} (${details})`
          : text;
      })
      .filter((text) => text !== "")
      .join("; ");
    return {
      ...(typeof first?.code === "string" ? { code: first.code } : {}),
      message: message || `HTTP ${status}`,
    };
  }
  if (isFields(body) && typeof body.error === "string") {
    const description =
      typeof body.error_description === "string" ? body.error_description : "";
    return {
      code: body.error,
      message: description ? `${body.error}: ${description}` : body.error,
    };
  }
  return {
    message: typeof body === "string" && body ? body : `HTTP ${status}`,
  };
}

/**
 * Amazon answers a dead or foreign access token with 403 Unauthorized or
 * MissingAuthenticationToken, not 401 (amazon.md §5), so the client's
 * refresh-on-401 never fires: one forced refresh is tried on these.
 */
export function isTokenRefusal(error: unknown): error is UpstreamError {
  return (
    error instanceof UpstreamError &&
    error.details.status === 403 &&
    (error.details.code === "Unauthorized" ||
      error.details.code === "MissingAuthenticationToken")
  );
}

/** True for an UpstreamError with this HTTP status. */
export function hasStatus(
  error: unknown,
  status: number,
): error is UpstreamError {
  return error instanceof UpstreamError && error.details.status === status;
}
