import { afterAll, afterEach, beforeAll } from "vitest";
import type { ChannelConnector } from "../../../src/channels/types.js";
import {
  startPlayback,
  type PlaybackHandle,
  type PlaybackPair,
} from "../../../src/sandbox/playback/index.js";
import { amazonAt } from "./amazon.js";
import { openCaseDatabase, type OpenDatabase } from "./database.js";

/** An Amazon connector talking to one playback of a case's pairs. */
export interface AmazonPlayback {
  amazon: ChannelConnector;
  playback: PlaybackHandle;
}

/**
 * The frame of an Amazon field case file: a database for the file, and
 * one playback at a time, closed after each test with the environment it
 * set and the token it cached (the next test's sequence brings its own).
 */
export function amazonCase(): {
  play(sequence: PlaybackPair[], marketplaceId?: string): Promise<AmazonPlayback>;
} {
  let database: OpenDatabase | undefined;
  let playback: PlaybackHandle | undefined;
  let restore: (() => void) | undefined;
  beforeAll(async () => {
    database = await openCaseDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await playback?.close();
    playback = undefined;
    await database?.knex("oauth_tokens").del();
  });
  return {
    async play(sequence, marketplaceId) {
      if (!database) throw new Error("amazonCase: the database is not open yet");
      playback = await startPlayback(sequence);
      const at = amazonAt(playback.url, database.knex, marketplaceId);
      restore = at.restore;
      return { amazon: at.amazon, playback };
    },
  };
}
