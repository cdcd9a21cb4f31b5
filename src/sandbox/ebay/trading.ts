import type {
  Route,
  SandboxRequest,
  SandboxResponse,
  SandboxWorld,
  ScenarioChannel,
} from "../contract.js";
import { listingItemId, skuOfListing } from "./ids.js";
import { channelOf, header, tokenScope } from "./request.js";
import {
  inventoryStatuses,
  isReviseInventoryStatusRequest,
  tradingResponse,
  type InventoryStatusInput,
  type InventoryStatusOutput,
  type TradingError,
} from "./trading-xml.js";

/** ReviseInventoryStatus takes 1–4 InventoryStatus nodes (ebay.md §4b). */
export const MAX_INVENTORY_STATUSES = 4;

const XML = { "content-type": "text/xml;charset=utf-8" };

type Outcome =
  | { ok: true; status: InventoryStatusOutput }
  | { ok: false; error: TradingError };

/**
 * Whether the seller account keeps GTC listings alive at quantity 0.
 * Channel option `out_of_stock_control`, on unless set to false (case B25
 * has it off).
 */
export function outOfStockControl(channel: ScenarioChannel): boolean {
  return channel.options?.["out_of_stock_control"] !== false;
}

function answer(
  req: SandboxRequest,
  world: SandboxWorld,
  errors: TradingError[],
  statuses: InventoryStatusOutput[],
  ack: "Success" | "Failure" | "PartialFailure",
): SandboxResponse {
  const body = tradingResponse({
    call: header(req, "x-ebay-api-call-name") ?? "ReviseInventoryStatus",
    timestamp: world.now(),
    ack,
    errors,
    statuses,
    version: header(req, "x-ebay-api-compatibility-level") ?? "1451",
  });
  // The Trading API reports failures in the document, under HTTP 200.
  return { status: 200, headers: XML, body };
}

function failure(
  req: SandboxRequest,
  world: SandboxWorld,
  error: TradingError,
): SandboxResponse {
  return answer(req, world, [error], [], "Failure");
}

function revise(
  world: SandboxWorld,
  channel: ScenarioChannel,
  input: InventoryStatusInput,
): Outcome {
  const bySku = world.scenario.items.some((i) => i.sku === input.sku)
    ? input.sku
    : undefined;
  const sku =
    bySku ??
    (input.itemId === undefined
      ? undefined
      : skuOfListing(world, input.itemId));
  const mismatch =
    sku !== undefined &&
    input.itemId !== undefined &&
    listingItemId(world, sku) !== input.itemId;
  if (sku === undefined || mismatch) {
    return {
      ok: false,
      error: {
        code: 21916799,
        shortMessage: "SKU Mismatch",
        longMessage: "SKU does not exist in the item specified by ItemID.",
        severity: "Error",
        parameter: input.sku ?? input.itemId ?? "",
      },
    };
  }
  const quantity = Number(input.quantity);
  const zeroRefused = quantity === 0 && !outOfStockControl(channel);
  if (!/^\d+$/.test(input.quantity ?? "") || zeroRefused) {
    // Wording from case B25; the code is not in that trimmed body.
    return {
      ok: false,
      error: {
        code: 515,
        shortMessage: "Quantity is not valid.",
        longMessage: "The quantity must be a valid number greater than 0.",
        severity: "Error",
        parameter: sku,
      },
    };
  }
  world.setQuantity(channel.id, sku, quantity);
  return {
    ok: true,
    status: { sku, itemId: listingItemId(world, sku), quantity },
  };
}

/** Handles one Trading call; only ReviseInventoryStatus is served. */
export function tradingCall(
  world: SandboxWorld,
  req: SandboxRequest,
): SandboxResponse {
  const channel = channelOf(req);
  const token = header(req, "x-ebay-api-iaf-token");
  if (!world.tokenValid(tokenScope(channel), token)) {
    return failure(req, world, {
      code: 21916984,
      shortMessage: "Invalid IAF token.",
      longMessage: "IAF token supplied is invalid.",
      severity: "Error",
    });
  }
  const call = header(req, "x-ebay-api-call-name");
  if (
    call !== "ReviseInventoryStatus" ||
    !isReviseInventoryStatusRequest(req.rawBody)
  ) {
    return failure(req, world, {
      code: 2,
      shortMessage: "Unsupported API call.",
      longMessage: `The API call "${call ?? ""}" is invalid or not supported.`,
      severity: "Error",
    });
  }
  const inputs = inventoryStatuses(req.rawBody);
  if (inputs.length === 0 || inputs.length > MAX_INVENTORY_STATUSES) {
    return failure(req, world, {
      code: 21916254,
      shortMessage: "You have exceeded the maximum allowed containers",
      longMessage: `Send between 1 and ${MAX_INVENTORY_STATUSES} InventoryStatus nodes.`,
      severity: "Error",
    });
  }
  const outcomes = inputs.map((input) => revise(world, channel, input));
  const errors = outcomes.flatMap((o) => (o.ok ? [] : [o.error]));
  const statuses = outcomes.flatMap((o) => (o.ok ? [o.status] : []));
  const ack =
    errors.length === 0
      ? "Success"
      : statuses.length === 0
        ? "Failure"
        : "PartialFailure";
  return answer(req, world, errors, statuses, ack);
}

/** eBay's Trading answer once the call limit is hit (error 518). */
export function tradingThrottled(): SandboxResponse {
  const body = tradingResponse({
    call: "ReviseInventoryStatus",
    timestamp: new Date(),
    ack: "Failure",
    errors: [
      {
        code: 518,
        shortMessage: "Call usage limit has been reached.",
        longMessage:
          "Your application has exceeded usage limit on this call. " +
          "Try again later.",
        severity: "Error",
      },
    ],
    statuses: [],
    version: "1451",
  });
  return { status: 200, headers: XML, body };
}

/** `POST /ws/api.dll`: the Trading API endpoint. */
export function tradingRoute(world: SandboxWorld): Route {
  return {
    method: "POST",
    path: "/ws/api.dll",
    // ≤ 6,000 calls per 15 s per seller (ebay.md §4b).
    rate: { perSecond: 400, burst: 6000 },
    throttled: tradingThrottled,
    handle: (req) => tradingCall(world, req),
  };
}
