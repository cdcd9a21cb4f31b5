import {
  createServer,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { requestMatches } from "./match.js";
import type {
  PlaybackPair,
  PlaybackResponse,
  RecordedRequest,
} from "./types.js";

/** The status of a request no pair matches: outside HTTP's range on purpose. */
export const UNMATCHED_STATUS = 599;

const HOST = "127.0.0.1";

/** Options of `startPlayback`. */
export interface PlaybackOptions {
  /** Prefix of every relative path of the sequence, e.g. `/shipstation`. */
  basePath?: string;
}

/** A running playback server. */
export interface PlaybackHandle {
  /** e.g. `http://127.0.0.1:43121` (no trailing slash). */
  readonly url: string;
  /** Every request received, in arrival order. */
  requests(): RecordedRequest[];
  /** Requests that matched no pair (they were answered 599). */
  unmatched(): RecordedRequest[];
  /** Pairs never requested, in sequence order. */
  remaining(): PlaybackPair[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 that answers each request with the first
 * not yet used pair that matches it, so repeated identical requests walk
 * through the sequence in order.
 */
export async function startPlayback(
  sequence: readonly PlaybackPair[],
  opts: PlaybackOptions = {},
): Promise<PlaybackHandle> {
  const used = new Set<number>();
  const received: RecordedRequest[] = [];

  const server = createServer((req, res) => {
    void readAll(req).then(
      (body) => {
        const got = record(req, body);
        received.push(got);
        const index = sequence.findIndex(
          (pair, i) =>
            !used.has(i) && requestMatches(pair.request, got, opts.basePath),
        );
        const pair = sequence[index];
        if (pair === undefined) {
          answer(res, unmatchedAnswer(got));
          return;
        }
        used.add(index);
        got.pairIndex = index;
        answer(res, pair.response);
      },
      () => answer(res, { status: 500, body: { error: "playback: body unreadable" } }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${HOST}:${port}`,
    requests: () => received.map((r) => ({ ...r })),
    unmatched: () => received.filter((r) => r.pairIndex === undefined),
    remaining: () => sequence.filter((_, i) => !used.has(i)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function record(req: IncomingMessage, body: string): RecordedRequest {
  const target = req.url ?? "/";
  const mark = target.indexOf("?");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return {
    method: req.method ?? "GET",
    path: safeDecode(mark < 0 ? target : target.slice(0, mark)),
    rawQuery: mark < 0 ? "" : target.slice(mark + 1),
    headers,
    body,
    at: Date.now(),
  };
}

// A malformed escape stays as sent; it then simply matches no pair.
function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function unmatchedAnswer(got: RecordedRequest): PlaybackResponse {
  return {
    status: UNMATCHED_STATUS,
    body: {
      error: "playback: no remaining pair matches this request",
      method: got.method,
      path: got.path,
      query: got.rawQuery,
    },
  };
}

function answer(res: ServerResponse, response: PlaybackResponse): void {
  const headers: Record<string, string> = { ...response.headers };
  const hasType = Object.keys(headers).some(
    (name) => name.toLowerCase() === "content-type",
  );
  let text = "";
  if (typeof response.body === "string") {
    text = response.body;
    if (!hasType) headers["content-type"] = guessTextType(text);
  } else if (response.body !== undefined && response.body !== null) {
    text = JSON.stringify(response.body);
    if (!hasType) headers["content-type"] = "application/json";
  }
  // 204 and 304 carry no body whatever the file says.
  if (response.status === 204 || response.status === 304) text = "";
  res.writeHead(response.status, headers);
  res.end(text);
}

function guessTextType(text: string): string {
  return text.trimStart().startsWith("<")
    ? "text/xml; charset=utf-8"
    : "text/plain; charset=utf-8";
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
