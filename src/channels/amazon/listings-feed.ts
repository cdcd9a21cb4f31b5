import { gunzipSync } from "node:zlib";
import { z } from "zod";
import { UpstreamError } from "../../errors.js";
import type { HttpContext } from "../../http/http-context.js";
import { delay } from "../../http/throttle.js";
import type { QuantityOutcome, QuantityUpdate } from "../types.js";
import { quantityPatch } from "./listings.js";
import type { SpApi } from "./sp-api.js";

const FEEDS = "/feeds/2021-06-30";
// amazon.md §4b: the upload must repeat exactly this Content-Type.
const CONTENT_TYPE = "application/json; charset=UTF-8";
const DONE = new Set(["DONE", "FATAL", "CANCELLED"]);
// A feed takes minutes at Amazon; poll every 30 s for up to 20 minutes.
const POLL_MS = 30_000;
const POLL_LIMIT = 40;

const documentAnswer = z.looseObject({
  feedDocumentId: z.string(),
  url: z.string(),
  compressionAlgorithm: z.string().nullish(),
});
const feedAnswer = z.looseObject({ feedId: z.string() });
const feedStatus = z.looseObject({
  processingStatus: z.string(),
  resultFeedDocumentId: z.string().nullish(),
});
const report = z.looseObject({
  issues: z
    .array(
      z.looseObject({
        messageId: z.number().nullish(),
        sku: z.string().nullish(),
        code: z.string().nullish(),
        severity: z.string().nullish(),
        message: z.string().nullish(),
      }),
    )
    .nullish(),
});
type FeedReport = z.infer<typeof report>;

/** The JSON_LISTINGS_FEED document: one PATCH message per SKU (§4b). */
export function listingsFeed(
  sellerId: string,
  productType: string,
  updates: readonly QuantityUpdate[],
): Record<string, unknown> {
  return {
    header: { sellerId, version: "2.0", issueLocale: "en_US" },
    messages: updates.map((u, index) => ({
      messageId: index + 1,
      sku: u.sku,
      operationType: "PATCH",
      productType,
      patches: [quantityPatch(u.quantity)],
    })),
  };
}

/**
 * Per-SKU outcomes from a processing report: a message with an ERROR issue
 * was refused, every other one was taken.
 */
export function feedOutcomes(
  updates: readonly QuantityUpdate[],
  processed: FeedReport,
): QuantityOutcome[] {
  const errors = new Map<number, string[]>();
  for (const issue of processed.issues ?? []) {
    if (issue.severity !== "ERROR" || typeof issue.messageId !== "number")
      continue;
    const list = errors.get(issue.messageId) ?? [];
    list.push([issue.code, issue.message].filter(Boolean).join(" "));
    errors.set(issue.messageId, list);
  }
  return updates.map((u, index) => {
    const found = errors.get(index + 1);
    return found
      ? { sku: u.sku, status: "refused", error: found.join("; ") }
      : { sku: u.sku, status: "sent" };
  });
}

function allFailed(
  updates: readonly QuantityUpdate[],
  error: string,
  retryable: boolean,
): QuantityOutcome[] {
  return updates.map((u) => ({
    sku: u.sku,
    status: "failed",
    error,
    retryable,
  }));
}

/**
 * Feed documents live at a pre-signed URL (S3 at Amazon): no SP-API token
 * goes there, and only https or the SP-API's own origin is accepted.
 */
function documentClient(
  http: HttpContext,
  api: SpApi,
  url: string,
  name: string,
) {
  const target = new URL(url);
  if (
    target.protocol !== "https:" &&
    target.origin !== new URL(api.baseUrl).origin
  ) {
    throw new UpstreamError(
      `Amazon gave a feed document URL on ${target.host} without https; refusing it`,
      { api: name, retryable: false },
    );
  }
  return http.client({
    api: name,
    baseUrl: target.origin,
    rates: { default: { perSecond: 5, burst: 10 } },
  });
}

async function waitForFeed(api: SpApi, feedId: string, timeScale: number) {
  for (let poll = 0; poll < POLL_LIMIT; poll++) {
    const answer = await api.request({
      operation: "getFeed",
      path: `${FEEDS}/feeds/${encodeURIComponent(feedId)}`,
      schema: feedStatus,
    });
    if (DONE.has(answer.body.processingStatus)) return answer.body;
    await delay(POLL_MS / timeScale);
  }
  return undefined;
}

/**
 * Quantities through the Feeds API (amazon.md §4b): create a document,
 * upload the feed, create the feed, wait for it, read the report.
 */
export async function publishByFeed(
  api: SpApi,
  http: HttpContext,
  target: {
    channelId: string;
    sellerId: string;
    marketplaceId: string;
    productType: string;
  },
  updates: readonly QuantityUpdate[],
): Promise<QuantityOutcome[]> {
  const created = await api.request({
    operation: "createFeedDocument",
    method: "POST",
    path: `${FEEDS}/documents`,
    json: { contentType: CONTENT_TYPE },
    schema: documentAnswer,
  });
  const docs = `${target.channelId}-feed-documents`;
  const feedBody = JSON.stringify(
    listingsFeed(target.sellerId, target.productType, updates),
  );
  await documentClient(http, api, created.body.url, docs).request({
    operation: "uploadFeedDocument",
    method: "PUT",
    path: created.body.url,
    body: feedBody,
    headers: { "content-type": CONTENT_TYPE },
    responseType: "text",
  });
  const feed = await api.request({
    operation: "createFeed",
    method: "POST",
    path: `${FEEDS}/feeds`,
    json: {
      feedType: "JSON_LISTINGS_FEED",
      marketplaceIds: [target.marketplaceId],
      inputFeedDocumentId: created.body.feedDocumentId,
    },
    schema: feedAnswer,
  });
  const feedId = feed.body.feedId;
  const status = await waitForFeed(api, feedId, http.timeScale);
  if (status === undefined) {
    return allFailed(
      updates,
      `feed ${feedId} was still processing when hub stopped waiting`,
      true,
    );
  }
  if (status.processingStatus !== "DONE" || !status.resultFeedDocumentId) {
    return allFailed(
      updates,
      `feed ${feedId} ended ${status.processingStatus}`,
      status.processingStatus === "CANCELLED",
    );
  }
  const result = await api.request({
    operation: "getFeedDocument",
    path: `${FEEDS}/documents/${encodeURIComponent(status.resultFeedDocumentId)}`,
    schema: documentAnswer,
  });
  const download = documentClient(http, api, result.body.url, docs);
  if (result.body.compressionAlgorithm === "GZIP") {
    const packed = await download.request<Buffer>({
      operation: "downloadFeedDocument",
      path: result.body.url,
      responseType: "buffer",
    });
    const processed = readCompressedReport(packed.body);
    if (typeof processed === "string") {
      return allFailed(updates, `feed ${feedId}: ${processed}`, true);
    }
    return feedOutcomes(updates, processed);
  }
  const processed = await download.request({
    operation: "downloadFeedDocument",
    path: result.body.url,
    schema: report,
  });
  return feedOutcomes(updates, processed.body);
}

/**
 * A processing report Amazon stored GZIP-compressed (amazon.md §4b): the
 * report, or why it cannot be read.
 */
export function readCompressedReport(
  bytes: Buffer,
): FeedReport | string {
  let text: string;
  try {
    text = gunzipSync(bytes).toString("utf8");
  } catch (error) {
    return `the GZIP processing report cannot be unpacked (${error instanceof Error ? error.message : String(error)})`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "the unpacked processing report is not JSON";
  }
  const checked = report.safeParse(parsed);
  if (!checked.success) {
    return "the unpacked processing report is not a JSON_LISTINGS_FEED report";
  }
  return checked.data;
}
