import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import type {
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { gzipFeedReports } from "./channel-options.js";
import { invalidInput, notFound } from "./errors.js";
import { processListingsFeed } from "./feed-report.js";
import { AMAZON_RATES } from "./rates.js";
import { spApiRoute } from "./sp-api-route.js";

const FEEDS = "/feeds/2021-06-30";

interface FeedDocument {
  contentType: string;
  content?: string | Buffer;
  /** Set on a processing report stored compressed. */
  compressionAlgorithm?: "GZIP";
}

interface Feed {
  feedId: string;
  feedType: string;
  marketplaceIds: string[];
  createdTime: string;
  processingStatus: "DONE" | "FATAL";
  processingEndTime: string;
  resultFeedDocumentId: string;
}

interface FeedStore {
  documents: Map<string, FeedDocument>;
  feeds: Map<string, Feed>;
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Amazon hands out a pre-signed S3 URL; here it points back at the sandbox.
function documentUrl(
  req: SandboxRequest,
  channel: ScenarioChannel,
  documentId: string,
): string {
  const host = req.headers.host ?? "127.0.0.1";
  const id = encodeURIComponent(documentId);
  return `http://${host}/ch/${channel.id}${FEEDS}/documents/${id}/content`;
}

function sameType(a: string, b: string): boolean {
  const norm = (t: string): string => t.toLowerCase().replace(/\s+/g, "");
  return norm(a) === norm(b);
}

// S3 answers a pre-signed URL misuse in XML, not in the SP-API envelope.
function s3Error(
  status: number,
  code: string,
  message: string,
): SandboxResponse {
  return {
    status,
    headers: { "content-type": "application/xml" },
    body:
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
      `<Message>${message}</Message></Error>`,
  };
}

/** The Feeds API flow for JSON_LISTINGS_FEED (amazon.md §4b). */
export function feedRoutes(world: SandboxWorld): Route[] {
  const stores = new Map<string, FeedStore>();
  let nextFeedId = 50001;
  const store = (channel: ScenarioChannel): FeedStore => {
    const known = stores.get(channel.id);
    if (known !== undefined) return known;
    const fresh: FeedStore = { documents: new Map(), feeds: new Map() };
    stores.set(channel.id, fresh);
    return fresh;
  };
  const listed = (sku: string): boolean =>
    world.scenario.items.some((item) => item.sku === sku);

  const createFeedDocument = spApiRoute(world, {
    method: "POST",
    path: `${FEEDS}/documents`,
    rate: AMAZON_RATES.createFeedDocument,
    handle(req, channel) {
      const body = req.body;
      if (!isFields(body) || typeof body.contentType !== "string") {
        return invalidInput("contentType is required.");
      }
      const feedDocumentId = `amzn1.tortuga.sandbox.${randomUUID()}`;
      store(channel).documents.set(feedDocumentId, {
        contentType: body.contentType,
      });
      return {
        status: 201,
        body: {
          feedDocumentId,
          url: documentUrl(req, channel, feedDocumentId),
        },
      };
    },
  });

  const upload: Route = {
    method: "PUT",
    path: `${FEEDS}/documents/:feedDocumentId/content`,
    handle(req) {
      const channel = req.channel;
      const id = req.params.feedDocumentId ?? "";
      const doc = channel && store(channel).documents.get(id);
      if (!doc) return s3Error(404, "NoSuchKey", "The key does not exist.");
      // amazon.md §4b: the upload must repeat the declared Content-Type.
      const type = req.headers["content-type"] ?? "";
      if (!sameType(type, doc.contentType)) {
        return s3Error(
          403,
          "SignatureDoesNotMatch",
          "The Content-Type differs from the one the URL was signed for.",
        );
      }
      doc.content = req.rawBody;
      return { status: 200 };
    },
  };

  const download: Route = {
    method: "GET",
    path: `${FEEDS}/documents/:feedDocumentId/content`,
    handle(req) {
      const channel = req.channel;
      const id = req.params.feedDocumentId ?? "";
      const doc = channel && store(channel).documents.get(id);
      if (!doc || doc.content === undefined) {
        return s3Error(404, "NoSuchKey", "The key does not exist.");
      }
      return {
        status: 200,
        headers: { "content-type": doc.contentType },
        body: doc.content,
      };
    },
  };

  const createFeed = spApiRoute(world, {
    method: "POST",
    path: `${FEEDS}/feeds`,
    rate: AMAZON_RATES.createFeed,
    handle(req, channel) {
      const body = req.body;
      if (!isFields(body)) return invalidInput("A JSON body is required.");
      if (body.feedType !== "JSON_LISTINGS_FEED") {
        return invalidInput(
          `feedType ${String(body.feedType)} is not supported here.`,
        );
      }
      const marketplaceIds = body.marketplaceIds;
      if (
        !Array.isArray(marketplaceIds) ||
        marketplaceIds.length === 0 ||
        !marketplaceIds.every((id) => typeof id === "string")
      ) {
        return invalidInput("marketplaceIds is required.");
      }
      const inputId = body.inputFeedDocumentId;
      const feeds = store(channel);
      const input =
        typeof inputId === "string" ? feeds.documents.get(inputId) : undefined;
      if (input?.content === undefined) {
        return invalidInput("inputFeedDocumentId has no uploaded document.");
      }
      const feedId = String(nextFeedId++);
      const outcome = processListingsFeed(
        input.content.toString(),
        feedId,
        listed,
      );
      for (const { sku, quantity } of outcome.quantities) {
        world.setQuantity(channel.id, sku, quantity);
      }
      const resultFeedDocumentId = `amzn1.tortuga.sandbox.${randomUUID()}`;
      const report = JSON.stringify(outcome.report);
      feeds.documents.set(
        resultFeedDocumentId,
        gzipFeedReports(channel)
          ? {
              contentType: "application/octet-stream",
              content: gzipSync(report),
              compressionAlgorithm: "GZIP",
            }
          : { contentType: "application/json", content: report },
      );
      const now = world.now().toISOString();
      feeds.feeds.set(feedId, {
        feedId,
        feedType: body.feedType,
        marketplaceIds: marketplaceIds as string[],
        createdTime: now,
        processingStatus: outcome.status,
        processingEndTime: now,
        resultFeedDocumentId,
      });
      return { status: 202, body: { feedId } };
    },
  });

  const getFeed = spApiRoute(world, {
    method: "GET",
    path: `${FEEDS}/feeds/:feedId`,
    rate: AMAZON_RATES.getFeed,
    handle(req, channel) {
      const feedId = req.params.feedId ?? "";
      const feed = store(channel).feeds.get(feedId);
      if (feed === undefined) return notFound(`Feed ${feedId} was not found.`);
      return {
        status: 200,
        body: {
          ...feed,
          processingStartTime: feed.createdTime,
        },
      };
    },
  });

  const getFeedDocument = spApiRoute(world, {
    method: "GET",
    path: `${FEEDS}/documents/:feedDocumentId`,
    handle(req, channel) {
      const id = req.params.feedDocumentId ?? "";
      const doc = store(channel).documents.get(id);
      if (doc === undefined) {
        return notFound(`Feed document ${id} was not found.`);
      }
      return {
        status: 200,
        body: {
          feedDocumentId: id,
          url: documentUrl(req, channel, id),
          ...(doc.compressionAlgorithm
            ? { compressionAlgorithm: doc.compressionAlgorithm }
            : {}),
        },
      };
    },
  });

  return [
    createFeedDocument,
    upload,
    download,
    createFeed,
    getFeed,
    getFeedDocument,
  ];
}
