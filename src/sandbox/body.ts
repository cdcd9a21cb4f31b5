/**
 * Request bodies parsed by content type. JSON and forms become objects;
 * multipart becomes `{ <part name>: <text> }` (file parts as their text,
 * which is what Mirakl's CSV imports need); XML, CSV and plain text stay in
 * the raw body only.
 */
export function parseBody(
  contentType: string | undefined,
  raw: string,
): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("json")) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (type.includes("multipart/form-data")) {
    return parseMultipart(contentType ?? "", raw);
  }
  if (type === "") {
    // Some clients omit the type on JSON bodies; accept them if they parse.
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Splits a multipart/form-data body into its named parts. */
export function parseMultipart(
  contentType: string,
  raw: string,
): Record<string, string> | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  const parts: Record<string, string> = {};
  for (const chunk of raw.split(`--${boundary}`)) {
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd < 0) continue;
    const headers = chunk.slice(0, headerEnd);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    let value = chunk.slice(headerEnd + 4);
    if (value.endsWith("\r\n")) value = value.slice(0, -2);
    parts[name] = value;
  }
  return parts;
}
