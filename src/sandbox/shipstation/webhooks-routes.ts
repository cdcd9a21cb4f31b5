import type { Route } from "../contract.js";
import { invalidRequest, notFound } from "./errors.js";
import { renderWebhook } from "./render.js";
import type { ShipStationState } from "./state.js";

/** Event names the V1 subscribe call accepts. */
export const WEBHOOK_EVENTS = [
  "ORDER_NOTIFY",
  "ITEM_ORDER_NOTIFY",
  "SHIP_NOTIFY",
  "ITEM_SHIP_NOTIFY",
  "FULFILLMENT_SHIPPED",
  "FULFILLMENT_REJECTED",
];

function record(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

/** POST /webhooks/subscribe, GET /webhooks, DELETE /webhooks/{id}. */
export function webhookRoutes(state: ShipStationState): Route[] {
  return [
    {
      method: "POST",
      path: "/webhooks/subscribe",
      handle: (req) => {
        const b = record(req.body);
        const errors: Record<string, string[]> = {};
        if (typeof b.target_url !== "string" || b.target_url === "") {
          errors["subscribe.target_url"] = [
            "The target_url field is required.",
          ];
        }
        if (typeof b.event !== "string" || !WEBHOOK_EVENTS.includes(b.event)) {
          errors["subscribe.event"] = ["The event field is not valid."];
        }
        if (Object.keys(errors).length > 0) return invalidRequest(errors);
        const storeId =
          b.store_id === undefined || b.store_id === null
            ? null
            : Number(b.store_id);
        const hook = state.subscribe({
          url: String(b.target_url),
          hookType: String(b.event),
          storeId: Number.isFinite(storeId) ? storeId : null,
          name: typeof b.friendly_name === "string" ? b.friendly_name : null,
        });
        // The blueprint answers `{id}`; the current docs show the full
        // object. Both id fields are given so either reading works.
        return {
          status: 201,
          body: { id: hook.webHookId, ...renderWebhook(hook) },
        };
      },
    },
    {
      method: "GET",
      path: "/webhooks",
      handle: () => ({
        status: 200,
        body: { webhooks: state.webhooks.map(renderWebhook) },
      }),
    },
    {
      method: "DELETE",
      path: "/webhooks/:webhookId",
      handle: (req) =>
        state.unsubscribe(Number(req.params.webhookId))
          ? { status: 200, body: "" }
          : notFound(`Webhook not found: ${req.params.webhookId ?? ""}`),
    },
  ];
}
