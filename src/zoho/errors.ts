/**
 * Zoho's error envelopes. Inventory answers `{code, message}` with
 * `code: 0` on success and a non-zero code on failure, sometimes with
 * HTTP 200, so the body must be checked as well as the status (zoho.md
 * §0.4, §3). Zoho Accounts answers `{error}` (also with HTTP 200) or
 * `{error, error_description}`.
 */

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Inventory's one error normaliser: its envelope → code and message. */
export function describeZohoError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  const b = record(body);
  const message = typeof b?.message === "string" ? b.message : undefined;
  const code =
    typeof b?.code === "number" || typeof b?.code === "string"
      ? String(b.code)
      : undefined;
  const text = message ?? (typeof body === "string" ? body.slice(0, 200) : "");
  return {
    ...(code !== undefined ? { code } : {}),
    message: text || `HTTP ${status}`,
  };
}

/** A non-zero `code` in a body that came with HTTP 200 is an error. */
export function zohoBodyError(
  body: unknown,
): { code: string; message: string; retryable: boolean } | undefined {
  const b = record(body);
  if (!b || !("code" in b)) return undefined;
  if (b.code === 0 || b.code === "0") return undefined;
  const described = describeZohoError(200, body);
  return {
    code: described.code ?? "unknown",
    message: described.message,
    // A refusal in the body is an answer, not a transport accident.
    retryable: false,
  };
}

/**
 * The refresh limit (10 per 10 minutes per refresh token, zoho.md §0.1)
 * answers "Access Denied" / "too many requests"; the exact text is not
 * confirmed, so both words are recognised.
 */
export function isRefreshLimit(error: string, description: string): boolean {
  return /access denied/i.test(error) || /too many requests/i.test(description);
}

/** Accounts' envelope → code and an operator-facing message. */
export function describeAccountsError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  const b = record(body);
  const error = typeof b?.error === "string" ? b.error : "";
  const description =
    typeof b?.error_description === "string" ? b.error_description : "";
  if (isRefreshLimit(error, description)) {
    return {
      code: "refresh_limit",
      message:
        "Zoho refused a new access token: at most 10 refreshes are " +
        "allowed per 10 minutes per refresh token. Wait 10 minutes; if it " +
        "recurs, check that no other program uses the same refresh token",
    };
  }
  if (error === "invalid_code") {
    return {
      code: error,
      message:
        "Zoho rejected the refresh token (invalid_code): check " +
        "HUB_ZOHO_REFRESH_TOKEN and that zoho.data_center is the " +
        "organization's data centre",
    };
  }
  if (error === "invalid_client") {
    return {
      code: error,
      message:
        "Zoho rejected the client (invalid_client): check " +
        "HUB_ZOHO_CLIENT_ID and HUB_ZOHO_CLIENT_SECRET",
    };
  }
  const text = [error, description].filter(Boolean).join(": ");
  return error
    ? { code: error, message: text }
    : { message: text || `HTTP ${status}` };
}
