/**
 * ShipStation V1 error bodies (api-reference/shipstation.md §1): ASP.NET
 * envelopes `{Message, ModelState}` (400) and `{Message, ExceptionMessage,
 * ExceptionType}` (500), and lower-case `{message}` on 429.
 */

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function modelStateText(value: unknown): string | undefined {
  const state = record(value);
  if (!state) return undefined;
  const parts = Object.entries(state).map(([field, messages]) => {
    const list = Array.isArray(messages)
      ? messages.map(String)
      : [String(messages)];
    return `${field}: ${list.join("; ")}`;
  });
  return parts.length > 0 ? parts.join(" / ") : undefined;
}

/** ShipStation's one error normaliser: its envelope → code and message. */
export function describeShipStationError(
  status: number,
  body: unknown,
): { code?: string; message: string } {
  const b = record(body);
  if (!b) {
    const text = typeof body === "string" ? body.trim().slice(0, 200) : "";
    return { message: text || `HTTP ${status}` };
  }
  const head = [b.Message, b.message].find((m) => typeof m === "string");
  const detail =
    modelStateText(b.ModelState) ??
    (typeof b.ExceptionMessage === "string" ? b.ExceptionMessage : undefined);
  const message =
    [head, detail].filter(Boolean).join(" — ") || `HTTP ${status}`;
  const type =
    typeof b.ExceptionType === "string" ? b.ExceptionType : undefined;
  return type ? { code: type, message } : { message };
}
