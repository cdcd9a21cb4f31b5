/** A literal on the right of an OData comparison. */
export type ODataLiteral =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" };

export type ODataOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** One `Field op literal` comparison. */
export interface ODataComparison {
  field: string;
  op: ODataOperator;
  literal: ODataLiteral;
}

/** A `$filter` as the stand-in understands it: comparisons joined by `and`. */
export type ODataFilter = ODataComparison[];

export type FilterResult<T> =
  { ok: true; value: T } | { ok: false; message: string };

const TOKEN =
  /\s*(?:('(?:[^']|'')*')|(\()|(\))|([A-Za-z_][A-Za-z0-9_.]*)|(\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)|(-?\d+(?:\.\d+)?))/y;

type Token =
  | { type: "string"; text: string }
  | { type: "open" | "close" }
  | { type: "word"; text: string }
  | { type: "date"; text: string }
  | { type: "number"; text: string };

function tokenize(text: string): FilterResult<Token[]> {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (text.slice(TOKEN.lastIndex).trim() === "") break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      return {
        ok: false,
        message: `Syntax error at position ${at} in '${text}'.`,
      };
    }
    if (m[1] !== undefined) {
      // OData doubles a quote inside a string literal (rithum.md §4).
      tokens.push({
        type: "string",
        text: m[1].slice(1, -1).replace(/''/g, "'"),
      });
    } else if (m[2] !== undefined) tokens.push({ type: "open" });
    else if (m[3] !== undefined) tokens.push({ type: "close" });
    else if (m[4] !== undefined) tokens.push({ type: "word", text: m[4] });
    else if (m[5] !== undefined) tokens.push({ type: "date", text: m[5] });
    else if (m[6] !== undefined) tokens.push({ type: "number", text: m[6] });
  }
  return { ok: true, value: tokens };
}

const OPERATORS: readonly string[] = ["eq", "ne", "gt", "ge", "lt", "le"];

function literal(token: Token | undefined): ODataLiteral | undefined {
  if (token === undefined) return undefined;
  switch (token.type) {
    case "string":
      return { kind: "string", value: token.text };
    case "number":
      return { kind: "number", value: Number(token.text) };
    case "date": {
      const ms = Date.parse(token.text);
      return Number.isNaN(ms) ? undefined : { kind: "date", value: ms };
    }
    case "word":
      if (token.text === "true" || token.text === "false") {
        return { kind: "boolean", value: token.text === "true" };
      }
      return token.text === "null" ? { kind: "null" } : undefined;
    default:
      return undefined;
  }
}

/**
 * Parses the `$filter` forms hub sends: `eq`/`ne`/`gt`/`ge`/`lt`/`le`
 * comparisons joined by `and`, optionally in parentheses. `or`, `not` and
 * functions are refused rather than guessed at.
 */
export function parseODataFilter(text: string): FilterResult<ODataFilter> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  const list = tokens.value.filter(
    (t) => t.type !== "open" && t.type !== "close",
  );
  const comparisons: ODataComparison[] = [];
  let i = 0;
  while (i < list.length) {
    const field = list[i];
    const op = list[i + 1];
    const value = literal(list[i + 2]);
    if (
      field?.type !== "word" ||
      op?.type !== "word" ||
      !OPERATORS.includes(op.text) ||
      value === undefined
    ) {
      return { ok: false, message: `The $filter '${text}' is not supported.` };
    }
    comparisons.push({
      field: field.text,
      op: op.text as ODataOperator,
      literal: value,
    });
    i += 3;
    const joiner = list[i];
    if (joiner === undefined) break;
    if (
      joiner.type !== "word" ||
      joiner.text !== "and" ||
      i + 1 >= list.length
    ) {
      return { ok: false, message: `The $filter '${text}' is not supported.` };
    }
    i += 1;
  }
  return { ok: true, value: comparisons };
}

function compare(actual: unknown, literal: ODataLiteral): number | undefined {
  switch (literal.kind) {
    case "null":
      return actual === null || actual === undefined ? 0 : 1;
    case "boolean":
      return actual === literal.value ? 0 : 1;
    case "number":
      return typeof actual === "number" ? actual - literal.value : undefined;
    case "date": {
      const ms = typeof actual === "string" ? Date.parse(actual) : NaN;
      return Number.isNaN(ms) ? undefined : ms - literal.value;
    }
    case "string":
      return typeof actual === "string"
        ? actual.localeCompare(literal.value)
        : undefined;
  }
}

function holds(diff: number | undefined, op: ODataOperator): boolean {
  if (diff === undefined) return op === "ne";
  switch (op) {
    case "eq":
      return diff === 0;
    case "ne":
      return diff !== 0;
    case "gt":
      return diff > 0;
    case "ge":
      return diff >= 0;
    case "lt":
      return diff < 0;
    case "le":
      return diff <= 0;
  }
}

/** The first field the filter names that the entity does not have. */
export function unknownField(
  filter: ODataFilter,
  entity: Record<string, unknown>,
): string | undefined {
  return filter.find((c) => !(c.field in entity))?.field;
}

/** True if the entity satisfies every comparison. */
export function matchesFilter(
  filter: ODataFilter,
  entity: Record<string, unknown>,
): boolean {
  return filter.every((c) => holds(compare(entity[c.field], c.literal), c.op));
}
