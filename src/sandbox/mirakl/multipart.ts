/** The content of one named part of a multipart/form-data body. */
export function formPart(
  contentType: string | undefined,
  body: string,
  name: string,
): string | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? "")?.[1];
  if (boundary === undefined) return undefined;
  for (const part of body.split(`--${boundary}`)) {
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) continue;
    const head = part.slice(0, split.index);
    if (!new RegExp(`name="${name}"`, "i").test(head)) continue;
    return part.slice(split.index + split[0].length).replace(/\r?\n$/, "");
  }
  return undefined;
}

function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ";" && !quoted) {
      out.push(cell);
      cell = "";
    } else {
      cell += char;
    }
  }
  out.push(cell);
  return out;
}

/** Rows of a `;`-separated CSV as header-keyed records. */
export function parseSemicolonCsv(text: string): Array<Record<string, string>> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const [first, ...rest] = lines;
  if (first === undefined) return [];
  const headers = cells(first).map((h) => h.trim());
  return rest.map((line) => {
    const values = cells(line);
    const row: Record<string, string> = {};
    headers.forEach((h, i) => {
      row[h] = (values[i] ?? "").trim();
    });
    return row;
  });
}
