import { describe, expect, it } from "vitest";
import type { PackageConfirmation } from "../../src/channels/types.js";
import type { PlaybackHandle, PlaybackPair } from "../../src/sandbox/playback/index.js";
import { lwaPair } from "./support/amazon.js";
import { amazonCase } from "./support/amazon-case.js";
import { v2026Order } from "./support/amazon-orders.js";
import { caseSequence } from "./support/case-files.js";

const ORDER = "111-0000000-0000018";
const TRACKING = "9400100000000000001801";

const pkg: PackageConfirmation = {
  orderId: ORDER,
  packageRef: "1",
  carrierCode: "stamps_com",
  trackingNumber: TRACKING,
  shipDate: "2024-05-10T15:00:00Z",
  lines: [{ lineId: "18000000000001", sku: "LAMP-01", quantity: 1 }],
  completesOrder: true,
};

const frame = amazonCase();

/**
 * The case's pairs as hub meets them: the confirmation and its 400 as in
 * the file; the status read (v0 getOrder in the file) as getOrder
 * v2026-01-01 with the package a colleague confirmed by hand.
 */
function sequence(handTracking: string): PlaybackPair[] {
  const [statusRead, confirm] = caseSequence("B18");
  if (!statusRead || !confirm) throw new Error("B18 sequence changed");
  return [
    lwaPair(),
    confirm,
    {
      request: { method: "GET", path: `/orders/2026-01-01/orders/${ORDER}` },
      response: {
        status: 200,
        body: {
          order: v2026Order(ORDER, "SHIPPED", "2024-05-10T14:00:00Z", {
            orderItems: [{ orderItemId: "18000000000001", quantityOrdered: 1 }],
            packages: [
              {
                packageReferenceId: "9",
                trackingNumber: handTracking,
                carrier: "USPS",
                packageItems: [{ orderItemId: "18000000000001", quantity: 1 }],
              },
            ],
          }),
        },
      },
    },
  ];
}

let playback: PlaybackHandle | undefined;

async function confirm(handTracking: string) {
  const at = await frame.play(sequence(handTracking));
  playback = at.playback;
  return at.amazon.confirmPackage(pkg);
}

describe("case B18: order already confirmed on Amazon", () => {
  it("B18.1: the refusal is recorded as already done, not failed; the confirmation is sent once", async () => {
    const result = await confirm(TRACKING);
    expect(result).toEqual({ outcome: "already_done", carrierSent: "USPS" });
    const confirms = playback?.requests().filter((r) => r.method === "POST" && r.path.endsWith("/shipmentConfirmation"));
    expect(confirms).toHaveLength(1);
    expect(playback?.unmatched()).toEqual([]);
    expect(playback?.remaining()).toEqual([]);
  });

  it("B18.3: another tracking already on the order is reported as a mismatch naming it", async () => {
    const result = await confirm("9400100000000000009999");
    expect(result).toEqual({
      outcome: "mismatch",
      carrierSent: "USPS",
      existingTracking: "9400100000000000009999",
    });
  });
});
