import { ControlError } from "./control-error.js";

/** How one webhook delivery went. */
export interface Delivery {
  url: string;
  status?: number;
  error?: string;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/**
 * The sandbox only ever calls back into this machine: a webhook target on
 * any other host is refused, whatever hub subscribed.
 */
export function assertLoopback(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ControlError(400, `not a URL: ${target}`);
  }
  if (
    !["http:", "https:"].includes(url.protocol) ||
    !LOOPBACK.has(url.hostname)
  ) {
    throw new ControlError(
      400,
      `refusing to call ${url.host}: the sandbox only calls 127.0.0.1, ` +
        "localhost or ::1",
    );
  }
  return url;
}

/** POSTs a JSON body to a loopback URL; never throws for HTTP failures. */
export async function deliver(
  target: string,
  payload: unknown,
): Promise<Delivery> {
  try {
    assertLoopback(target);
  } catch (e) {
    return { url: target, error: e instanceof Error ? e.message : String(e) };
  }
  try {
    const res = await fetch(target, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    return { url: target, status: res.status };
  } catch (e) {
    return { url: target, error: e instanceof Error ? e.message : String(e) };
  }
}
