/** Helpers every marketplace stand-in uses to read a request. */
import type { SandboxRequest, ScenarioChannel } from "./contract.js";

/** A header by name, whatever case the server stored it under. */
export function header(req: SandboxRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON body, parsed here when the server could not. */
export function jsonBody(req: SandboxRequest): unknown {
  if (req.body !== undefined) return req.body;
  if (req.rawBody.trim() === "") return undefined;
  try {
    return JSON.parse(req.rawBody) as unknown;
  } catch {
    return undefined;
  }
}

/** The channel the server mounted this request under. */
export function channelOf(req: SandboxRequest): ScenarioChannel {
  if (req.channel === undefined) {
    throw new Error(`a marketplace stand-in got ${req.path} without a channel`);
  }
  return req.channel;
}
