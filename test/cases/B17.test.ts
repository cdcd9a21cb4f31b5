import { describe, expect, it } from "vitest";
import type { PackageConfirmation } from "../../src/channels/types.js";
import { UpstreamError } from "../../src/errors.js";
import type { PlaybackHandle, PlaybackPair } from "../../src/sandbox/playback/index.js";
import { lwaPair } from "./support/amazon.js";
import { amazonCase } from "./support/amazon-case.js";
import { caseSequence } from "./support/case-files.js";

const ORDER = "111-0000000-0000017";
const CONFIRM_PATH = `/orders/v0/orders/${ORDER}/shipmentConfirmation`;

// The package the case's accepted request describes, as hub's pipeline
// hands it over: ShipStation's carrier code, the item ids of getOrderItems.
const pkg: PackageConfirmation = {
  orderId: ORDER,
  packageRef: "1",
  carrierCode: "ups",
  trackingNumber: "1Z999AA10000001701",
  shipDate: "2024-05-09T15:00:00Z",
  lines: [{ lineId: "17000000000001", sku: "LAMP-01", quantity: 1 }],
  completesOrder: true,
};

const frame = amazonCase();

let playback: PlaybackHandle | undefined;

async function run(sequence: PlaybackPair[]) {
  const at = await frame.play([lwaPair(), ...sequence]);
  playback = at.playback;
  return at.amazon.confirmPackage(pkg).catch((e: unknown) => e);
}

function confirmBodies(): Array<{ packageDetail: Record<string, unknown> }> {
  return (playback?.requests() ?? [])
    .filter((r) => r.path === CONFIRM_PATH)
    .map((r) => JSON.parse(r.body) as { packageDetail: Record<string, unknown> });
}

describe("case B17: confirmShipment body types", () => {
  it("B17.1: packageReferenceId goes as the string \"1\"; the numeric variant is never sent", async () => {
    const result = await run(caseSequence("B17"));
    expect(result).toEqual({ outcome: "pushed", carrierSent: "UPS" });
    const [body] = confirmBodies();
    expect(body?.packageDetail.packageReferenceId).toBe("1");
    expect(playback?.unmatched()).toEqual([]);
    // Only the pair with the number is left over.
    expect(playback?.remaining().map((p) => p.note)).toEqual(["numeric value -> rejected"]);
  });

  it("B17.2: orderItems is an array of objects with getOrderItems' orderItemId", async () => {
    await run(caseSequence("B17"));
    const [body] = confirmBodies();
    expect(Array.isArray(body?.packageDetail.orderItems)).toBe(true);
    expect(body?.packageDetail.orderItems).toEqual([
      { orderItemId: "17000000000001", quantity: 1 },
    ]);
  });

  it("B17.3: a 400 InvalidInput is permanent, sent once, and names the field", async () => {
    const [rejected] = caseSequence("B17");
    if (!rejected) throw new Error("B17 sequence changed");
    // Whatever hub sends, Amazon answers the case's 400; hub then reads the
    // order to explain it (still unshipped, nothing to explain it by).
    const refusal: PlaybackPair = {
      request: { method: "POST", path: CONFIRM_PATH },
      response: rejected.response,
    };
    const orderRead: PlaybackPair = {
      request: { method: "GET", path: `/orders/2026-01-01/orders/${ORDER}` },
      response: {
        status: 200,
        body: {
          order: {
            orderId: ORDER,
            createdTime: "2024-05-09T10:00:00Z",
            lastUpdatedTime: "2024-05-09T10:00:00Z",
            fulfillment: { fulfillmentStatus: "UNSHIPPED" },
            orderItems: [{ orderItemId: "17000000000001", quantityOrdered: 1 }],
            packages: [],
          },
        },
      },
    };
    const failure = await run([refusal, refusal, orderRead, orderRead]);
    expect(failure).toBeInstanceOf(UpstreamError);
    const error = failure as UpstreamError;
    expect(error.details).toMatchObject({ status: 400, retryable: false });
    expect(error.message).toContain("packageDetail.packageReferenceId");
    expect(confirmBodies()).toHaveLength(1);
  });
});
