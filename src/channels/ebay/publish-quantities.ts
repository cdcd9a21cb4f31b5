import { UpstreamError } from "../../errors.js";
import type { ApiClient } from "../../http/api-client.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import { TRADING_PATH } from "./api.js";
import { reviseOutcomes, tokenRejected } from "./quantity-outcomes.js";
import {
  readReviseAnswer,
  reviseInventoryStatusXml,
  type ReviseAnswer,
} from "./trading-xml.js";

/** ReviseInventoryStatus takes at most 4 InventoryStatus nodes (§4b). */
export const REVISE_BATCH_SIZE = 4;

/** Any recent compatibility level will do (ebay.md §4b). */
const COMPATIBILITY_LEVEL = "1451";

// Trading site ids of the marketplaces hub may sell on (Trading API
// SiteCodeType); US when the channel names none.
const SITE_IDS: Readonly<Record<string, string>> = {
  EBAY_US: "0",
  EBAY_CA: "2",
  EBAY_GB: "3",
  EBAY_AU: "15",
  EBAY_AT: "16",
  EBAY_FR: "71",
  EBAY_DE: "77",
  EBAY_IT: "101",
  EBAY_ES: "186",
};

/** The Trading `X-EBAY-API-SITEID` of a marketplace id such as EBAY_GB. */
export function siteId(marketplaceId: unknown): string {
  return typeof marketplaceId === "string"
    ? (SITE_IDS[marketplaceId.toUpperCase()] ?? "0")
    : "0";
}

/** Splits updates into batches of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

async function reviseInventoryStatus(
  client: ApiClient,
  batch: readonly QuantityUpdate[],
  token: string,
  site: string,
): Promise<ReviseAnswer> {
  const answer = await client.request<string>({
    operation: "ReviseInventoryStatus",
    method: "POST",
    path: TRADING_PATH,
    headers: {
      "content-type": "text/xml",
      accept: "text/xml",
      "x-ebay-api-call-name": "ReviseInventoryStatus",
      "x-ebay-api-siteid": site,
      "x-ebay-api-compatibility-level": COMPATIBILITY_LEVEL,
      "x-ebay-api-iaf-token": token,
    },
    body: reviseInventoryStatusXml(batch),
    responseType: "text",
  });
  const read = readReviseAnswer(answer.body);
  if (read === undefined) {
    throw new UpstreamError(
      "eBay ReviseInventoryStatus answered with a body that is not a " +
        "ReviseInventoryStatusResponse",
      {
        api: client.api,
        status: answer.status,
        code: "malformed",
        retryable: true,
      },
    );
  }
  return read;
}

function failedBatch(
  batch: readonly QuantityUpdate[],
  error: UpstreamError,
): QuantityOutcome[] {
  return batch.map((u) => ({
    sku: u.sku,
    status: "failed",
    error: error.message,
    retryable: error.details.retryable,
  }));
}

/**
 * Absolute quantities through Trading ReviseInventoryStatus, 4 SKUs a call.
 * Setting an absolute quantity twice is harmless, so the client may retry
 * it; a batch that still fails marks its SKUs failed and the rest go on.
 */
export async function publishQuantities(
  client: ApiClient,
  updates: readonly QuantityUpdate[],
  accessToken: (force: boolean) => Promise<string>,
  marketplaceId: unknown,
): Promise<QuantityOutcome[]> {
  const site = siteId(marketplaceId);
  const outcomes: QuantityOutcome[] = [];
  for (const batch of batches(updates, REVISE_BATCH_SIZE)) {
    try {
      let answer = await reviseInventoryStatus(
        client,
        batch,
        await accessToken(false),
        site,
      );
      if (tokenRejected(answer)) {
        // Trading reports a dead token in a 200: refresh once, send again.
        answer = await reviseInventoryStatus(
          client,
          batch,
          await accessToken(true),
          site,
        );
      }
      outcomes.push(...reviseOutcomes(batch, answer));
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      outcomes.push(...failedBatch(batch, error));
    }
  }
  return outcomes;
}
