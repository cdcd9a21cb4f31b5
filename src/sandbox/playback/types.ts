/**
 * The wire format of a field case's `http-sequence.json`: request/response
 * pairs a stand-in plays back in order. `note` explains and is never wire
 * data.
 */
export interface PlaybackRequest {
  method: string;
  /** A path, or an absolute URL whose host becomes the first path segment. */
  path: string;
  /** Decoded values; `<= ISO>` means "an instant no later than", `<…>` any. */
  query?: Record<string, string>;
  /** The exact bytes after `?`, compared byte for byte. */
  raw_query?: string;
  /** Objects match as a subset; a string ending in `...` as a prefix. */
  body?: unknown;
  /** Compared case-insensitively by name, as a subset. */
  headers?: Record<string, string>;
}

/** What the stand-in answers. */
export interface PlaybackResponse {
  status: number;
  headers?: Record<string, string>;
  /** Objects are sent as JSON, strings as they are, null as no body. */
  body?: unknown;
}

/** One exchange of a sequence. */
export interface PlaybackPair {
  request: PlaybackRequest;
  response: PlaybackResponse;
  note?: string;
}

/** A request as the playback server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** The bytes after `?`, as sent ("" when none). */
  rawQuery: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** The raw body text ("" when none). */
  body: string;
  /** Epoch milliseconds when it arrived. */
  at: number;
  /** Index in the sequence of the pair that answered it, if any. */
  pairIndex?: number;
}
