import { defaultQuantity, quantityFromPatches } from "./listing-quantity.js";
import type { ParseResult } from "./search-query.js";

/** One issue line of a JSON_LISTINGS_FEED processing report. */
export interface FeedIssue {
  messageId: number;
  sku: string;
  code: string;
  severity: "ERROR" | "WARNING";
  message: string;
}

/** What processing a listings feed yields: quantities to apply and a report. */
export interface ListingsFeedOutcome {
  status: "DONE" | "FATAL";
  quantities: Array<{ sku: string; quantity: number }>;
  report: Record<string, unknown>;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const INVALID_ATTRIBUTE = "90000900";

function messageQuantity(message: Fields): ParseResult<number | undefined> {
  switch (message.operationType) {
    case "PATCH":
      return quantityFromPatches(message.patches);
    case "UPDATE":
    case "PARTIAL_UPDATE": {
      const attributes = isFields(message.attributes) ? message.attributes : {};
      if (attributes.fulfillment_availability === undefined) {
        return { ok: true, value: undefined };
      }
      return defaultQuantity(attributes.fulfillment_availability);
    }
    case "DELETE":
      return { ok: true, value: undefined };
    default:
      return {
        ok: false,
        message: `operationType ${String(message.operationType)} is not valid.`,
      };
  }
}

function fatal(feedId: string, message: string): ListingsFeedOutcome {
  return {
    status: "FATAL",
    quantities: [],
    report: {
      header: { version: "2.0", feedId },
      issues: [{ code: INVALID_ATTRIBUTE, severity: "ERROR", message }],
      summary: {
        errors: 1,
        warnings: 0,
        messagesProcessed: 0,
        messagesAccepted: 0,
        messagesInvalid: 0,
      },
    },
  };
}

/**
 * Processes a JSON_LISTINGS_FEED document (amazon.md §4b): each message is
 * accepted or invalid on its own; only a document that cannot be read at
 * all makes the feed FATAL.
 */
export function processListingsFeed(
  content: string,
  feedId: string,
  listed: (sku: string) => boolean,
): ListingsFeedOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    return fatal(feedId, "The feed document is not valid JSON.");
  }
  if (!isFields(doc) || !Array.isArray(doc.messages)) {
    return fatal(feedId, "The feed document has no messages list.");
  }
  const header = isFields(doc.header) ? doc.header : {};
  const issues: FeedIssue[] = [];
  const quantities: Array<{ sku: string; quantity: number }> = [];
  let accepted = 0;
  for (const entry of doc.messages) {
    const message = isFields(entry) ? entry : {};
    const messageId =
      typeof message.messageId === "number" ? message.messageId : 0;
    const sku = typeof message.sku === "string" ? message.sku : "";
    const problem = (text: string): void => {
      issues.push({
        messageId,
        sku,
        code: INVALID_ATTRIBUTE,
        severity: "ERROR",
        message: text,
      });
    };
    if (sku === "" || !listed(sku)) {
      problem(`SKU '${sku}' is not listed by this seller.`);
      continue;
    }
    const found = messageQuantity(message);
    if (!found.ok) {
      problem(found.message);
      continue;
    }
    accepted += 1;
    if (found.value !== undefined) {
      quantities.push({ sku, quantity: found.value });
    }
  }
  const processed = doc.messages.length;
  return {
    status: "DONE",
    quantities,
    report: {
      header: {
        ...(typeof header.sellerId === "string" && {
          sellerId: header.sellerId,
        }),
        version: "2.0",
        feedId,
      },
      issues,
      summary: {
        errors: issues.length,
        warnings: 0,
        messagesProcessed: processed,
        messagesAccepted: accepted,
        messagesInvalid: processed - accepted,
      },
    },
  };
}
