import type { QuantityUpdate } from "../types.js";

/**
 * The Trading API's XML for ReviseInventoryStatus (api-reference/ebay.md
 * §4b): a request builder and a reader of the few answer fields hub needs.
 * The documents are flat and small, so plain text matching suffices.
 */

/** One `<Errors>` node of a Trading answer. */
export interface TradingError {
  code?: string;
  shortMessage: string;
  longMessage: string;
  severity: string;
  /** `<ErrorParameters>` values: the SKU or ItemID the error is about. */
  parameters: string[];
}

/** What a ReviseInventoryStatus answer says. */
export interface ReviseAnswer {
  ack: string;
  errors: TradingError[];
  /** SKUs echoed in `<InventoryStatus>`: the ones that took. */
  revised: Array<{ sku?: string; itemId?: string; quantity?: number }>;
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** A ReviseInventoryStatus request body for 1–4 SKUs. */
export function reviseInventoryStatusXml(
  updates: readonly QuantityUpdate[],
): string {
  const nodes = updates.map(
    (u) =>
      "  <InventoryStatus>\n" +
      `    <SKU>${escapeXml(u.sku)}</SKU>\n` +
      `    <Quantity>${u.quantity}</Quantity>\n` +
      "  </InventoryStatus>",
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ReviseInventoryStatusRequest xmlns="urn:ebay:apis:eBLBaseComponents">',
    "  <ErrorLanguage>en_US</ErrorLanguage>",
    "  <WarningLevel>High</WarningLevel>",
    ...nodes,
    "</ReviseInventoryStatusRequest>",
    "",
  ].join("\n");
}

function text(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(
    xml,
  );
  return match?.[1] === undefined ? undefined : unescapeXml(match[1].trim());
}

function nodes(xml: string, name: string): string[] {
  return (
    xml.match(new RegExp(`<${name}(?:\\s[^>]*)?>[\\s\\S]*?</${name}>`, "g")) ??
    []
  );
}

function readError(node: string): TradingError {
  const error: TradingError = {
    shortMessage: text(node, "ShortMessage") ?? "",
    longMessage: text(node, "LongMessage") ?? "",
    severity: text(node, "SeverityCode") ?? "Error",
    parameters: nodes(node, "ErrorParameters")
      .map((p) => text(p, "Value"))
      .filter((v): v is string => v !== undefined),
  };
  const code = text(node, "ErrorCode");
  return code === undefined ? error : { ...error, code };
}

/** Reads a ReviseInventoryStatus answer; undefined if it is not one. */
export function readReviseAnswer(xml: string): ReviseAnswer | undefined {
  const ack = text(xml, "Ack");
  if (ack === undefined || !/<ReviseInventoryStatusResponse[\s>]/.test(xml)) {
    return undefined;
  }
  return {
    ack,
    errors: nodes(xml, "Errors").map(readError),
    revised: nodes(xml, "InventoryStatus").map((node) => {
      const quantity = text(node, "Quantity");
      const sku = text(node, "SKU");
      const itemId = text(node, "ItemID");
      return {
        ...(sku === undefined ? {} : { sku }),
        ...(itemId === undefined ? {} : { itemId }),
        ...(quantity === undefined ? {} : { quantity: Number(quantity) }),
      };
    }),
  };
}
