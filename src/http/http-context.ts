import { timeScale } from "../config/env.js";
import type { Logger } from "../log/logger.js";
import { ApiClient, type ApiDefinition } from "./api-client.js";
import { Throttles } from "./throttle.js";

/**
 * The HTTP machinery of one process: one throttle per API operation shared
 * by every client, one timeout. Built once per run and handed down.
 */
export class HttpContext {
  readonly throttles: Throttles;
  readonly timeScale: number;
  readonly timeoutMs: number;
  readonly clients: ApiClient[] = [];

  constructor(readonly logger: Logger) {
    this.timeScale = timeScale();
    this.throttles = new Throttles(this.timeScale);
    const timeout = Number(process.env.HUB_HTTP_TIMEOUT_MS ?? "30000");
    this.timeoutMs = Number.isFinite(timeout) && timeout > 0 ? timeout : 30_000;
  }

  /** A client for one API, sharing this process's throttles. */
  client(def: ApiDefinition): ApiClient {
    const client = new ApiClient(def, this.throttles, this.logger, {
      timeoutMs: this.timeoutMs,
      timeScale: this.timeScale,
    });
    this.clients.push(client);
    return client;
  }

  /** Calls made per API and operation, for summaries and benchmarks. */
  callCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const client of this.clients) {
      for (const [op, n] of Object.entries(client.stats.calls)) {
        const key = `${client.api} ${op}`;
        out[key] = (out[key] ?? 0) + n;
      }
    }
    return out;
  }
}
