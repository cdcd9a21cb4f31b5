/**
 * Zoho ids are 19-digit integers that some answers carry as JSON numbers;
 * JSON.parse would round them (zoho.md §0.5). Integer literals too long
 * to be exact as a double are quoted before parsing, so they arrive as
 * the digits Zoho sent.
 */

const DIGITS_ALWAYS_EXACT = 15;

function quoteIfLong(literal: string): string {
  if (!/^-?\d+$/.test(literal)) return literal;
  const digits = literal.replace("-", "").length;
  if (digits <= DIGITS_ALWAYS_EXACT) return literal;
  return Number.isSafeInteger(Number(literal)) ? literal : `"${literal}"`;
}

/** The text with every unsafe integer literal outside strings quoted. */
export function quoteBigIntegers(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    if (ch === '"') {
      // Copy the whole string literal, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "-" || (ch >= "0" && ch <= "9")) {
      const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
        text.slice(i, i + 400),
      );
      const literal = m?.[0] ?? ch;
      out += quoteIfLong(literal);
      i += literal.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** JSON.parse that keeps long integers exact, as strings. */
export function parseZohoJson(text: string): unknown {
  return JSON.parse(quoteBigIntegers(text));
}
