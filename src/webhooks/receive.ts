import type { IncomingMessage, ServerResponse } from "node:http";
import type { Knex } from "knex";
import { describeError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import { storeInboxEvent } from "../storage/repos/inbox.js";
import { readBody } from "./body.js";
import type { ParseResult } from "./events.js";
import { sendJson } from "./respond.js";
import { tokenMatches } from "./token.js";

/** One event endpoint: who sends to it and how its body is checked. */
export interface EventEndpoint {
  source: "shipstation" | "zoho";
  /** Undefined when the operator has not set the endpoint's token. */
  token: string | undefined;
  tokenVariable: string;
  parse(text: string, receivedAt: Date): ParseResult;
}

/**
 * Handles one delivery: token, size, shape, then one insert. The answer is
 * sent only after the row is committed, so a 200 means the event is kept.
 */
export async function receiveEvent(
  endpoint: EventEndpoint,
  givenToken: string,
  req: IncomingMessage,
  res: ServerResponse,
  db: Knex,
  logger: Logger,
): Promise<void> {
  const log = logger.child({ source: endpoint.source });
  if (endpoint.token === undefined) {
    log.warn(`event refused: ${endpoint.tokenVariable} is not set`);
    req.resume();
    sendJson(res, 503, { error: "this endpoint is not configured" });
    return;
  }
  if (!tokenMatches(givenToken, endpoint.token)) {
    log.warn("event refused: wrong token in the URL");
    req.resume();
    sendJson(res, 404, { error: "not found" });
    return;
  }
  const body = await readBody(req);
  if (!body.ok) {
    log.warn(`event refused: ${body.message}`, { status: body.status });
    sendJson(res, body.status, { error: body.message }, { connection: "close" });
    return;
  }
  const parsed = endpoint.parse(body.text, new Date());
  if (!parsed.ok) {
    const { status, message } = parsed.refusal;
    log.warn(`event refused: ${message}`, { status });
    sendJson(res, status, { error: message });
    return;
  }
  const { event } = parsed;
  try {
    const stored = await db.transaction((trx) =>
      storeInboxEvent(trx, { ...event, raw: body.text }),
    );
    log.info(stored ? "event stored" : "event repeated: already stored", {
      eventId: event.eventId,
      resourceType: event.resourceType,
    });
    sendJson(res, 200, {
      status: stored ? "stored" : "duplicate",
      eventId: event.eventId,
    });
  } catch (error) {
    // 503 asks the sender to deliver again later; nothing was kept.
    log.error(`event not stored: ${describeError(error)}`, {
      eventId: event.eventId,
    });
    sendJson(res, 503, { error: "the event could not be stored; deliver it again later" });
  }
}
