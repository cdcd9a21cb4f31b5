import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { parseBody } from "./body.js";
import type {
  ChannelKind,
  FaultRule,
  Route,
  SandboxRequest,
  SandboxResponse,
  Scenario,
} from "./contract.js";
import { ControlError } from "./control-error.js";
import { handleControl } from "./control.js";
import { FaultBook } from "./faults.js";
import {
  buildMounts,
  findMount,
  type Mount,
  type StandInFactory,
} from "./mounts.js";
import { headerSeconds } from "./rate-limit.js";
import { matchRoute } from "./router.js";
import { buildStateView, type SandboxStateView } from "./state-view.js";
import { CoreWorld } from "./world.js";

/** Sandbox's own port unless told otherwise. */
export const DEFAULT_PORT = 4980;
/** The sandbox only ever listens on loopback. */
export const SANDBOX_HOST = "127.0.0.1";
/** How long a `slow` fault holds the answer unless the rule says. */
export const DEFAULT_SLOW_MS = 30_000;
/** Retry-After of a forced 429, in vendor seconds. */
const FAULT_RETRY_AFTER_SECONDS = 2;
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Options of the sandbox server. */
export interface SandboxServerOptions {
  port?: number;
  scenario: Scenario;
  timeScale?: number;
  /** Replaces marketplace stand-ins by kind (tests of the core). */
  standIns?: Partial<Record<ChannelKind, StandInFactory>>;
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) reject(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function send(res: ServerResponse, answer: SandboxResponse): void {
  if (res.destroyed || res.headersSent) return;
  const headers = { ...answer.headers };
  let payload: string | Buffer = "";
  if (Buffer.isBuffer(answer.body)) {
    payload = answer.body;
  } else if (typeof answer.body === "string") {
    payload = answer.body;
    if (payload !== "" && !hasHeader(headers, "content-type")) {
      headers["Content-Type"] = "text/plain; charset=utf-8";
    }
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    if (!hasHeader(headers, "content-type")) {
      headers["Content-Type"] = "application/json; charset=utf-8";
    }
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** Header-safe text: printable ASCII only, bounded. */
function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").slice(0, 200);
}

function defaultThrottled(retryAfter: number): SandboxResponse {
  return {
    status: 429,
    headers: { "Retry-After": String(headerSeconds(retryAfter)) },
    body: { error: "Too Many Requests" },
  };
}

function defaultServerError(status: number): SandboxResponse {
  return { status, body: { error: "server error" } };
}

/**
 * The sandbox HTTP server: one listener on 127.0.0.1 in front of every
 * stand-in, with request counting, faults and per-route token buckets.
 */
export class SandboxServer {
  readonly faults = new FaultBook();
  readonly counts = new Map<string, number>();
  readonly timeScale: number;
  private scenario: Scenario;
  private currentWorld: CoreWorld;
  private mounts: Mount[];
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private baseUrl = `http://${SANDBOX_HOST}:${DEFAULT_PORT}`;

  constructor(private readonly options: SandboxServerOptions) {
    this.scenario = options.scenario;
    this.timeScale = options.timeScale ?? 1;
    this.currentWorld = new CoreWorld(this.scenario, {
      timeScale: this.timeScale,
    });
    this.mounts = this.mountAll();
    this.server = createServer((req, res) => {
      this.onRequest(req, res).catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        send(res, { status: 500, body: { error: message } });
      });
    });
  }

  private mountAll(): Mount[] {
    return buildMounts(
      this.currentWorld,
      this.timeScale,
      () => this.url,
      this.options.standIns,
    );
  }

  get world(): CoreWorld {
    return this.currentWorld;
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Starts listening; resolves with the bound port. */
  async listen(): Promise<number> {
    const port = this.options.port ?? DEFAULT_PORT;
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, SANDBOX_HOST, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const bound = (this.server.address() as AddressInfo).port;
    this.baseUrl = `http://${SANDBOX_HOST}:${bound}`;
    return bound;
  }

  /** Stops listening and cuts open connections (slow faults included). */
  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
    });
    this.server.closeAllConnections();
    await closed;
  }

  /**
   * Back to the scenario (optionally a new one): a fresh world and fresh
   * stand-ins, request counts and rate limits cleared, faults cleared.
   */
  reset(scenario?: Scenario): void {
    if (scenario) this.scenario = scenario;
    this.currentWorld = new CoreWorld(this.scenario, {
      timeScale: this.timeScale,
    });
    this.mounts = this.mountAll();
    this.counts.clear();
    this.faults.clear();
  }

  setFaults(rules: FaultRule[], seed?: number): void {
    this.faults.set(rules, seed);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** What the stand-ins hold now, for tests and `GET /_sandbox/state`. */
  state(): SandboxStateView {
    return buildStateView(this.currentWorld, this.counts);
  }

  private count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async onRequest(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const rawBody = await readBody(req);
    const url = new URL(req.url ?? "/", this.baseUrl);
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const body = parseBody(req.headers["content-type"], rawBody);
    if (path === "/_sandbox" || path.startsWith("/_sandbox/")) {
      send(res, await this.control(method, path, body));
      return;
    }
    const found = findMount(this.mounts, path);
    const match = found
      ? matchRoute(found.mount.routes, method, found.subPath)
      : undefined;
    if (!found || !match) {
      this.count(`${found?.mount.name ?? "-"} ${method} (no route)`);
      send(res, {
        status: 404,
        body: { error: "not found", method, path },
      });
      return;
    }
    const { mount } = found;
    const key = `${mount.name} ${method} ${match.route.path}`;
    this.count(key);
    const request: SandboxRequest = {
      method,
      path: found.subPath,
      params: match.params,
      query: url.searchParams,
      headers: headerMap(req),
      rawBody,
      body,
    };
    if (mount.channel) request.channel = mount.channel;
    const fault = this.faults.pick(key, mount.name);
    if (fault?.kind === "lost") {
      // The stand-in does the work; the client never hears of it.
      await this.answer(mount, match.route, request);
      res.socket?.destroy();
      return;
    }
    if (fault) {
      const answered = await this.applyFault(fault, mount, match.route, res);
      if (answered) return;
    }
    send(res, await this.answer(mount, match.route, request));
  }

  /** Applies a fault; false when the request should go on (slow). */
  private async applyFault(
    fault: FaultRule,
    mount: Mount,
    route: Route,
    res: ServerResponse,
  ): Promise<boolean> {
    const standIn = mount.standIn;
    switch (fault.kind) {
      case "429": {
        const after = FAULT_RETRY_AFTER_SECONDS / this.timeScale;
        send(res, (route.throttled ?? defaultThrottled)(after));
        return true;
      }
      case "500":
      case "503": {
        const status = Number(fault.kind);
        send(res, (standIn.serverError ?? defaultServerError)(status));
        return true;
      }
      case "malformed":
        send(
          res,
          standIn.malformed?.() ?? {
            status: 200,
            headers: { "Content-Type": "application/json" },
            body: '{"truncated": ',
          },
        );
        return true;
      case "drop":
      case "lost":
        res.socket?.destroy();
        return true;
      case "slow":
        await this.sleep(fault.delay_ms ?? DEFAULT_SLOW_MS);
        return res.destroyed;
    }
  }

  private async answer(
    mount: Mount,
    route: Route,
    request: SandboxRequest,
  ): Promise<SandboxResponse> {
    const bucket = mount.buckets.get(route);
    if (bucket && !bucket.take()) {
      return (route.throttled ?? defaultThrottled)(bucket.retryAfterSeconds());
    }
    try {
      return await route.handle(request);
    } catch (e) {
      const answer = (mount.standIn.serverError ?? defaultServerError)(500);
      const message = e instanceof Error ? e.message : String(e);
      return {
        ...answer,
        headers: { ...answer.headers, "X-Sandbox-Error": ascii(message) },
      };
    }
  }

  private async control(
    method: string,
    path: string,
    body: unknown,
  ): Promise<SandboxResponse> {
    try {
      return await handleControl(this, method, path, body);
    } catch (e) {
      if (e instanceof ControlError) {
        return { status: e.status, body: { error: e.message } };
      }
      throw e;
    }
  }
}
