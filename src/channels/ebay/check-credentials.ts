import type { Knex } from "knex";
import type { ApiClient } from "../../http/api-client.js";
import { tokenExpiry } from "../../storage/tokens.js";
import type { CredentialCheck } from "../types.js";
import { ORDER_PATH } from "./api.js";
import { lastModifiedFilter } from "./order-filter.js";
import { orderPage } from "./schemas.js";

/**
 * One cheap authenticated call: getOrders for the last hour, one order at
 * most. It proves the refresh token, the scopes and the API URL at once.
 */
export async function checkCredentials(
  client: ApiClient,
  knex: Knex,
  scope: string,
): Promise<CredentialCheck> {
  const now = new Date();
  const answer = await client.request({
    operation: "getOrders",
    path: ORDER_PATH,
    query: {
      filter: lastModifiedFilter(new Date(now.getTime() - 3_600_000), now),
      limit: 1,
    },
    schema: orderPage,
  });
  const header = answer.headers["date"];
  const date = new Date(
    Array.isArray(header) ? (header[0] ?? "") : (header ?? ""),
  );
  const expires = await tokenExpiry(knex, scope);
  return {
    ...(Number.isNaN(date.getTime()) ? {} : { serverDate: date }),
    ...(expires === undefined ? {} : { tokenExpiresAt: expires }),
  };
}
