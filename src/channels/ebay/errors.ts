/**
 * eBay's error envelopes in one place (api-reference/ebay.md §1 and §5):
 * REST answers `{errors: [{errorId, message, longMessage, parameters}]}`,
 * the OAuth token endpoint answers `{error, error_description}`.
 */

interface EbayErrorEntry {
  errorId?: unknown;
  message?: unknown;
  longMessage?: unknown;
  parameters?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parameterText(parameters: unknown): string {
  if (!Array.isArray(parameters)) return "";
  const pairs = parameters
    .filter(isRecord)
    .map((p) => `${String(p.name ?? "")}=${String(p.value ?? "")}`);
  return pairs.length > 0 ? ` (${pairs.join(", ")})` : "";
}

function describeEntry(entry: EbayErrorEntry): string {
  const text =
    typeof entry.longMessage === "string" && entry.longMessage !== ""
      ? entry.longMessage
      : String(entry.message ?? "error");
  return `${text}${parameterText(entry.parameters)}`;
}

/** The eBay error id and message of an error body, whatever its shape. */
export function describeEbayError(
  _status: number,
  body: unknown,
): { code?: string; message: string } {
  if (!isRecord(body)) {
    return { message: typeof body === "string" ? body : "no error body" };
  }
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    const entries = body.errors.filter(isRecord) as EbayErrorEntry[];
    const first = entries[0];
    const message = entries.map(describeEntry).join("; ");
    return first?.errorId === undefined
      ? { message }
      : { code: String(first.errorId), message };
  }
  if (typeof body.error === "string") {
    const description =
      typeof body.error_description === "string"
        ? `: ${body.error_description}`
        : "";
    return { code: body.error, message: `${body.error}${description}` };
  }
  return { message: JSON.stringify(body).slice(0, 200) };
}
