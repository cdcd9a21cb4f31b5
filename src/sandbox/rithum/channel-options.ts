import type { ScenarioChannel } from "../contract.js";

const DEFAULT_PROFILE_ID = 10000001;

/** The channel's ChannelAdvisor profile (`options.profile_id`). */
export function profileId(channel: ScenarioChannel): number {
  const value = channel.options?.profile_id ?? channel.options?.profileId;
  const id = typeof value === "string" ? Number(value) : value;
  return typeof id === "number" && Number.isInteger(id)
    ? id
    : DEFAULT_PROFILE_ID;
}

/** The REST root of this channel on the sandbox, as nextLinks need it. */
export function baseUrl(
  host: string | undefined,
  channel: ScenarioChannel,
): string {
  return `http://${host ?? "127.0.0.1"}/ch/${channel.id}/v1`;
}

const DEFAULT_CARRIERS = ["UPS", "FedEx", "USPS", "DHL"];

/**
 * Carriers configured in the seller's account (`options.carriers`, comma
 * separated); Ship refuses others (rithum.md §0.5).
 */
export function shippingCarriers(channel: ScenarioChannel): string[] {
  const value = channel.options?.carriers;
  if (typeof value !== "string" || value.trim() === "") return DEFAULT_CARRIERS;
  return value.split(",").map((carrier) => carrier.trim());
}
