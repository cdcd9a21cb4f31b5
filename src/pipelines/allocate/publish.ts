import type { Knex } from "knex";
import { raiseAlert } from "../../alerts/raise.js";
import type { ChannelConfig } from "../../config/settings.js";
import type { ChannelConnector, QuantityOutcome } from "../../channels/types.js";
import { describeError, UpstreamError } from "../../errors.js";
import type { Logger } from "../../log/logger.js";
import {
  recordPublications,
  type PublicationRecord,
} from "../../storage/repos/publications.js";
import type { PlannedSend } from "./plan.js";

/** Finds the connector of a channel (the registry, or a test's fake). */
export type ConnectorLookup = (
  channel: ChannelConfig,
) => ChannelConnector | Promise<ChannelConnector>;

/** What publishing needs from the run. */
export interface PublishContext {
  knex: Knex;
  logger: Logger;
  channels: readonly ChannelConfig[];
  connectorFor: ConnectorLookup;
  /** Unique per run: `run-<id>`. */
  publicationId: string;
  retryAttempts: number;
  quietMinutes: number;
  now(): Date;
}

/** How one planned quantity ended. */
export interface PublicationOutcome {
  sku: string;
  channel: string;
  quantity: number;
  status: QuantityOutcome["status"];
  attempt: number;
  error: string | null;
  /** No further attempt will be made: an alert went out. */
  exhausted: boolean;
}

/**
 * Sends the planned quantities, one connector call per channel (connectors
 * batch as their API allows), channels side by side so that one failing
 * never stops the others; records every outcome and alerts on those given up.
 */
export async function publishPlanned(
  ctx: PublishContext,
  send: readonly PlannedSend[],
): Promise<PublicationOutcome[]> {
  const byChannel = new Map<string, PlannedSend[]>();
  for (const planned of send) {
    const list = byChannel.get(planned.channel) ?? [];
    list.push(planned);
    byChannel.set(planned.channel, list);
  }
  // Written ahead: a run killed while the calls are out leaves `sending`
  // rows, and the next run sends those targets again instead of trusting a
  // quantity it never saw confirmed.
  const started = ctx.now();
  await recordPublications(
    ctx.knex,
    send.map((p) => ({
      channel: p.channel,
      sku: p.sku,
      publicationId: ctx.publicationId,
      quantity: p.quantity,
      status: "sending",
      attempts: p.attempt,
      lastError: null,
      reason: null,
      at: started,
    })),
  );
  const results = await Promise.all(
    [...byChannel].map(([id, planned]) => publishChannel(ctx, id, planned)),
  );
  const outcomes = results.flat();
  const at = ctx.now();
  await recordPublications(ctx.knex, outcomes.map((o) => record(ctx, o, at)));
  for (const outcome of outcomes) await alertFor(ctx, outcome);
  return outcomes;
}

async function publishChannel(
  ctx: PublishContext,
  channelId: string,
  planned: readonly PlannedSend[],
): Promise<PublicationOutcome[]> {
  const logger = ctx.logger.child({ channel: channelId });
  let answers: Map<string, QuantityOutcome>;
  try {
    const channel = ctx.channels.find((c) => c.id === channelId);
    if (channel === undefined) throw new Error(`channel ${channelId} is gone`);
    const connector = await ctx.connectorFor(channel);
    const updates = planned.map(({ sku, quantity }) => ({ sku, quantity }));
    const received = await connector.publishQuantities(updates);
    answers = new Map(received.map((answer) => [answer.sku, answer]));
  } catch (error) {
    const retryable = !(error instanceof UpstreamError) || error.details.retryable;
    const message = describeError(error);
    logger.error(`publishing to ${channelId} failed: ${message}`);
    answers = new Map(
      planned.map((p) => [
        p.sku,
        { sku: p.sku, status: "failed", error: message, retryable },
      ]),
    );
  }
  return planned.map((p) => {
    const answer: QuantityOutcome = answers.get(p.sku) ?? {
      sku: p.sku,
      status: "failed",
      error: `${channelId} gave no outcome for ${p.sku}`,
      retryable: true,
    };
    const outcome = toOutcome(ctx, p, answer);
    logger.info(`${p.sku} → ${p.quantity}: ${outcome.status}`, {
      sku: p.sku,
      ...(outcome.error ? { error: outcome.error } : {}),
    });
    return outcome;
  });
}

function toOutcome(
  ctx: PublishContext,
  planned: PlannedSend,
  answer: QuantityOutcome,
): PublicationOutcome {
  const failed = answer.status === "failed";
  // An answer that cannot succeed on retry uses up every attempt at once.
  const attempt =
    failed && answer.retryable === false
      ? Math.max(planned.attempt, ctx.retryAttempts)
      : planned.attempt;
  return {
    sku: planned.sku,
    channel: planned.channel,
    quantity: planned.quantity,
    status: answer.status,
    attempt,
    error: answer.status === "sent" ? null : (answer.error ?? answer.status),
    exhausted: failed && attempt >= ctx.retryAttempts,
  };
}

function record(
  ctx: PublishContext,
  outcome: PublicationOutcome,
  at: Date,
): PublicationRecord {
  return {
    channel: outcome.channel,
    sku: outcome.sku,
    publicationId: ctx.publicationId,
    quantity: outcome.quantity,
    status: outcome.status,
    attempts: outcome.attempt,
    lastError: outcome.status === "failed" ? outcome.error : null,
    // A refusal is for the operator to act on: keep its message visible.
    reason: outcome.status === "refused" ? outcome.error : null,
    at,
  };
}

async function alertFor(
  ctx: PublishContext,
  outcome: PublicationOutcome,
): Promise<void> {
  const { sku, channel, quantity } = outcome;
  if (outcome.status === "refused") {
    await raiseAlert(
      ctx.knex,
      {
        key: `publication-refused:${channel}:${sku}`,
        kind: "publication_stopped",
        subject: `${channel} refused quantity ${quantity} for ${sku}`,
        body: `${outcome.error ?? "refused"}. hub tries again on every run.`,
      },
      ctx.quietMinutes,
    );
  } else if (outcome.exhausted) {
    await raiseAlert(
      ctx.knex,
      {
        key: `publication-failed:${channel}:${sku}:${quantity}`,
        kind: "dead_letter",
        subject: `quantity ${quantity} for ${sku} on ${channel} failed`,
        body:
          `${outcome.error ?? "failed"} (attempt ${outcome.attempt}). ` +
          "hub stops trying this quantity; run `hub allocate --full " +
          `--sku ${sku}\` once the channel accepts it again.`,
      },
      ctx.quietMinutes,
    );
  }
}
