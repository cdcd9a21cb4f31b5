import { ConfigError } from "../../errors.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { RithumApi } from "./api.js";
import type { RithumFulfillment } from "./schemas.js";
import type { z } from "zod";
import { distributionCenters } from "./schemas.js";

/** `channels.<id>.distribution_center_id` as a number; "0" is a real id. */
export function configuredCenter(channel: ChannelConfig): number | undefined {
  const value = channel.values.distribution_center_id;
  if (typeof value === "number") return value;
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const id = Number(value);
  if (!Number.isInteger(id) || id < 0) {
    throw new ConfigError(
      `channel ${channel.id}: distribution_center_id "${value}" is not a Rithum distribution centre ID (a whole number)`,
    );
  }
  return id;
}

/**
 * The centre a package ships from (case B31): the Ship fulfilment that
 * holds one of its items, else any Ship fulfilment with a centre; a null
 * or absent DistributionCenterID, an item without fulfilment or an empty
 * list mean the default centre. 0 is an id like any other (DC-MAIN), so
 * nothing here tests truthiness.
 */
export function shipFromCenter(
  fulfillments: readonly RithumFulfillment[],
  itemIds: ReadonlySet<number>,
  fallback: number,
): number {
  const ships = fulfillments.filter((f) => (f.Type ?? "Ship") === "Ship");
  const holding = ships.find(
    (f) =>
      typeof f.DistributionCenterID === "number" &&
      (f.Items ?? []).some((i) => itemIds.has(i.OrderItemID)),
  );
  const any = ships.find((f) => typeof f.DistributionCenterID === "number");
  const id = (holding ?? any)?.DistributionCenterID;
  return typeof id === "number" ? id : fallback;
}

/**
 * The centre quantities are set in: the configured one, else the only
 * seller-managed centre of the account. Externally managed centres cannot
 * be updated (rithum.md §4); with several own centres the operator picks.
 */
export async function quantityCenter(
  api: RithumApi,
  channel: ChannelConfig,
): Promise<number> {
  const configured = configuredCenter(channel);
  if (configured !== undefined) return configured;
  const res = await api.request({
    operation: "listDistributionCenters",
    path: "v1/DistributionCenters",
    schema: distributionCenters,
  });
  return pickCenter(channel, res.body.value);
}

/**
 * The configured centre, else the account's only seller-managed one, from
 * the list GET /v1/DistributionCenters gave; a ConfigError naming the
 * setting when there are several or none.
 */
export function pickCenter(
  channel: ChannelConfig,
  centers: ReadonlyArray<z.infer<typeof distributionCenters>["value"][number]>,
): number {
  const configured = configuredCenter(channel);
  if (configured !== undefined) return configured;
  const own = centers.filter(
    (dc) => !dc.IsExternallyManaged && !dc.IsDeleted,
  );
  const only = own[0];
  if (own.length === 1 && only) return only.ID;
  const listed =
    own.map((dc) => `${dc.ID} (${dc.Code ?? "?"})`).join(", ") || "none";
  throw new ConfigError(
    `channel ${channel.id} needs distribution_center_id: the account has these seller-managed centres: ${listed}; run \`hub config set channels.${channel.id}.distribution_center_id <ID>\``,
  );
}
