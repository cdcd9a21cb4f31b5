import type { ScenarioChannel } from "../contract.js";

/** The US marketplace, used when a scenario channel names none. */
export const DEFAULT_MARKETPLACE_ID = "ATVPDKIKX0DER";

function option(channel: ScenarioChannel, names: string[]): string | undefined {
  for (const name of names) {
    const value = channel.options?.[name];
    if (typeof value === "string" && value !== "") return value;
  }
  return undefined;
}

/** The channel's marketplace id (`options.marketplace_id`). */
export function marketplaceId(channel: ScenarioChannel): string {
  return (
    option(channel, ["marketplace_id", "marketplaceId"]) ??
    DEFAULT_MARKETPLACE_ID
  );
}

/** The seller id, when the scenario pins one (`options.seller_id`). */
export function sellerId(channel: ScenarioChannel): string | undefined {
  return option(channel, ["seller_id", "sellerId"]);
}

/**
 * Whether feed processing reports are GZIP-compressed
 * (`options.feed_report_compression: "GZIP"`; amazon.md §4b says they may be).
 */
export function gzipFeedReports(channel: ScenarioChannel): boolean {
  return option(channel, ["feed_report_compression"])?.toUpperCase() === "GZIP";
}
