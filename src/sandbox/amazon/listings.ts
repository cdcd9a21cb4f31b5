import { randomUUID } from "node:crypto";
import type { Route, SandboxWorld } from "../contract.js";
import { sellerId } from "./channel-options.js";
import { amazonError, badRequest } from "./errors.js";
import { quantityFromPatches } from "./listing-quantity.js";
import { AMAZON_RATES } from "./rates.js";
import { spApiRoute } from "./sp-api-route.js";

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** patchListingsItem of Listings Items 2021-08-01, for quantity. */
export function patchListingsItemRoute(world: SandboxWorld): Route {
  return spApiRoute(world, {
    method: "PATCH",
    path: "/listings/2021-08-01/items/:sellerId/:sku",
    rate: AMAZON_RATES.patchListingsItem,
    handle(req, channel) {
      const sku = req.params.sku ?? "";
      const pinned = sellerId(channel);
      if (pinned !== undefined && req.params.sellerId !== pinned) {
        return amazonError(
          403,
          "Unauthorized",
          "Access to requested resource is denied.",
          "",
        );
      }
      if ((req.query.get("marketplaceIds") ?? "") === "") {
        return badRequest("marketplaceIds is required.");
      }
      const body = req.body;
      if (!isFields(body) || typeof body.productType !== "string") {
        return badRequest("productType is required.");
      }
      const listed = world.scenario.items.some((item) => item.sku === sku);
      if (!listed) {
        return amazonError(
          404,
          "NOT_FOUND",
          `SKU ${sku} is not listed by this seller.`,
          "",
        );
      }
      const submissionId = randomUUID();
      const found = quantityFromPatches(body.patches);
      if (!found.ok) {
        return {
          status: 200,
          body: {
            sku,
            status: "INVALID",
            submissionId,
            issues: [
              {
                code: "90000900",
                message: found.message,
                severity: "ERROR",
                attributeNames: ["fulfillment_availability"],
                categories: ["INVALID_ATTRIBUTE"],
              },
            ],
          },
        };
      }
      // VALIDATION_PREVIEW checks the patch and applies nothing.
      if (req.query.get("mode") === "VALIDATION_PREVIEW") {
        return {
          status: 200,
          body: { sku, status: "VALID", submissionId, issues: [] },
        };
      }
      if (found.value !== undefined) {
        world.setQuantity(channel.id, sku, found.value);
      }
      return {
        status: 200,
        body: { sku, status: "ACCEPTED", submissionId, issues: [] },
      };
    },
  });
}
