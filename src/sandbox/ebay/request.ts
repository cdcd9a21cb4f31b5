import type { SandboxRequest, ScenarioChannel } from "../contract.js";
import { channelOf, header } from "../request.js";

export { channelOf, header, isRecord, jsonBody } from "../request.js";

/** The token scope the sandbox world uses for one eBay channel. */
export function tokenScope(channel: ScenarioChannel): string {
  return `${channel.id}:ebay`;
}

/**
 * The URL prefix a client used to reach this channel, so `next` and
 * `Location` links lead back to the sandbox rather than to api.ebay.com.
 */
export function baseUrl(req: SandboxRequest): string {
  const prefix = `/ch/${encodeURIComponent(channelOf(req).id)}`;
  const host = header(req, "host");
  return host === undefined ? prefix : `http://${host}${prefix}`;
}
