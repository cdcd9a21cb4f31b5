/** One `<InventoryStatus>` node of a ReviseInventoryStatus request. */
export interface InventoryStatusInput {
  sku?: string;
  itemId?: string;
  quantity?: string;
}

/** One `<Errors>` node of a Trading API response. */
export interface TradingError {
  code?: number;
  shortMessage: string;
  longMessage: string;
  severity: "Error" | "Warning";
  parameter?: string;
}

function unescape(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Escapes text for an XML element or attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function element(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(
    xml,
  );
  return match?.[1] === undefined ? undefined : unescape(match[1].trim());
}

/** The `<InventoryStatus>` nodes of a request, in order. */
export function inventoryStatuses(xml: string): InventoryStatusInput[] {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  const nodes = withoutComments.match(
    /<InventoryStatus(?:\s[^>]*)?>[\s\S]*?<\/InventoryStatus>/g,
  );
  return (nodes ?? []).map((node) => {
    const input: InventoryStatusInput = {};
    const sku = element(node, "SKU");
    const itemId = element(node, "ItemID");
    const quantity = element(node, "Quantity");
    if (sku !== undefined) input.sku = sku;
    if (itemId !== undefined) input.itemId = itemId;
    if (quantity !== undefined) input.quantity = quantity;
    return input;
  });
}

/** True if the body is a ReviseInventoryStatusRequest document. */
export function isReviseInventoryStatusRequest(xml: string): boolean {
  return /<ReviseInventoryStatusRequest[\s>]/.test(xml);
}

function errorXml(error: TradingError): string {
  const parts = [
    `    <ShortMessage>${escapeXml(error.shortMessage)}</ShortMessage>`,
    `    <LongMessage>${escapeXml(error.longMessage)}</LongMessage>`,
  ];
  if (error.code !== undefined) {
    parts.push(`    <ErrorCode>${error.code}</ErrorCode>`);
  }
  parts.push(`    <SeverityCode>${error.severity}</SeverityCode>`);
  if (error.parameter !== undefined) {
    parts.push(
      `    <ErrorParameters ParamID="0"><Value>` +
        `${escapeXml(error.parameter)}</Value></ErrorParameters>`,
    );
  }
  parts.push("    <ErrorClassification>RequestError</ErrorClassification>");
  return `  <Errors>\n${parts.join("\n")}\n  </Errors>`;
}

/** One echoed `<InventoryStatus>` of a response. */
export interface InventoryStatusOutput {
  sku: string;
  itemId: string;
  quantity: number;
}

/** A complete `<…Response>` document of the Trading API. */
export function tradingResponse(args: {
  call: string;
  timestamp: Date;
  ack: "Success" | "Warning" | "Failure" | "PartialFailure";
  errors: TradingError[];
  statuses: InventoryStatusOutput[];
  version: string;
}): string {
  const statuses = args.statuses.map(
    (s) =>
      `  <InventoryStatus>\n    <SKU>${escapeXml(s.sku)}</SKU>\n` +
      `    <ItemID>${escapeXml(s.itemId)}</ItemID>\n` +
      `    <Quantity>${s.quantity}</Quantity>\n  </InventoryStatus>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${args.call}Response xmlns="urn:ebay:apis:eBLBaseComponents">`,
    `  <Timestamp>${args.timestamp.toISOString()}</Timestamp>`,
    `  <Ack>${args.ack}</Ack>`,
    ...args.errors.map(errorXml),
    `  <Version>${escapeXml(args.version)}</Version>`,
    `  <Build>E${escapeXml(args.version)}_CORE_API_SANDBOX_R1</Build>`,
    ...statuses,
    `</${args.call}Response>`,
    "",
  ].join("\n");
}
