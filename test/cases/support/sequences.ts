import type { PlaybackPair } from "../../../src/sandbox/playback/index.js";
import { caseSequence } from "./case-files.js";

// hub sends POST /orders/createorders (a batch) where the case shows the
// single createorder: each pair is carried over to a batch of one order.
/** B09's pairs as hub's batch calls. */
export function b09Sequence(): PlaybackPair[] {
  return caseSequence("B09").map((pair) => {
    const key = (pair.request.body as { orderKey: string }).orderKey;
    const answer = pair.response.body as { orderId?: number };
    return {
      request: { ...pair.request, path: "/orders/createorders", body: [{ orderKey: key }] },
      response:
        pair.response.status === 200
          ? {
              ...pair.response,
              body: {
                hasErrors: false,
                results: [
                  { orderId: answer.orderId, orderKey: key, orderNumber: key.split(":")[1], success: true },
                ],
              },
            }
          : pair.response,
    };
  });
}

