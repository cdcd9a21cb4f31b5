import { afterEach } from "vitest";
import { Settings } from "../../../src/config/settings.js";
import { HttpContext } from "../../../src/http/http-context.js";
import { createLogger } from "../../../src/log/logger.js";
import { ShipStationClient } from "../../../src/shipstation/client.js";
import {
  startPlayback,
  type PlaybackHandle,
  type PlaybackPair,
} from "../../../src/sandbox/playback/index.js";
import type { CreateOrderBody } from "../../../src/shipstation/wire.js";
import { setEnv } from "./env.js";

/** A silent logger for connectors and clients under test. */
export const quietLogger = createLogger({ tty: false, verbose: false, silent: true });

/**
 * A ShipStation client aimed at `url` with fake credentials, on a fresh
 * HttpContext (throttles are per context, as per process in hub).
 */
export function shipStationAt(url: string): {
  client: ShipStationClient;
  restore: () => void;
} {
  const restore = setEnv({
    HUB_SHIPSTATION_URL: url,
    HUB_SHIPSTATION_API_KEY: "case-key",
    HUB_SHIPSTATION_API_SECRET: "case-secret",
    HUB_TIME_SCALE: "1",
  });
  const client = new ShipStationClient(
    new HttpContext(quietLogger),
    Settings.fromEntries([]),
  );
  return { client, restore };
}

const ADDRESS = {
  name: "Test Buyer",
  street1: "1 Example Street",
  city: "Springfield",
  state: "IL",
  postalCode: "62701",
  country: "US",
};

/** The smallest createorders body hub would send for an order key. */
export function createBody(orderKey: string): CreateOrderBody {
  const orderNumber = orderKey.slice(orderKey.indexOf(":") + 1);
  return {
    orderNumber,
    orderKey,
    orderDate: "2024-05-02T09:12:00.0000000",
    orderStatus: "awaiting_shipment",
    billTo: ADDRESS,
    shipTo: ADDRESS,
    items: [],
    amountPaid: 0,
    taxAmount: 0,
    shippingAmount: 0,
    advancedOptions: { storeId: 310001 },
  };
}

/**
 * The frame of a ShipStation field case file: one playback at a time and
 * a client pointed at it, both undone after each test.
 */
export function shipStationCase(): {
  play(sequence: PlaybackPair[]): Promise<ReturnType<typeof shipStationAt> & { playback: PlaybackHandle }>;
} {
  let playback: PlaybackHandle | undefined;
  let restore: (() => void) | undefined;
  afterEach(async () => {
    restore?.();
    restore = undefined;
    await playback?.close();
    playback = undefined;
  });
  return {
    async play(sequence) {
      playback = await startPlayback(sequence);
      const ss = shipStationAt(playback.url);
      restore = ss.restore;
      return { ...ss, playback };
    },
  };
}
