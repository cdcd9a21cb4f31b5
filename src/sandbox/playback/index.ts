export { startPlayback, UNMATCHED_STATUS } from "./server.js";
export type { PlaybackHandle, PlaybackOptions } from "./server.js";
export { servedPath } from "./match.js";
export type {
  PlaybackPair,
  PlaybackRequest,
  PlaybackResponse,
  RecordedRequest,
} from "./types.js";
