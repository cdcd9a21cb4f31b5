import type { ChannelConfig } from "../../config/settings.js";
import { ConfigError, describeError } from "../../errors.js";
import { missingFromSnapshot } from "../../inventory/publication-guards.js";
import type { PipelineResult, RunScope } from "../../runs/run-pipeline.js";
import {
  markZohoEventsProcessed,
  readWaitingZohoEvents,
} from "../../storage/repos/inventory-inbox.js";
import { readLastSent } from "../../storage/repos/publications.js";
import { skusOfItemIds } from "../../storage/repos/shadow-inventory.js";
import { runEngine, type BaseFigure } from "./engine.js";
import { namedItems } from "./inbox-skus.js";
import type { ConnectorLookup } from "./publish.js";
import { engineReport, failedReport } from "./report.js";
import {
  limitSnapshot,
  validateSnapshot,
  type ValidatedSnapshot,
} from "./snapshot.js";
import type { StockSource } from "./stock-source.js";

/** `hub allocate` options. */
export interface AllocateOptions {
  full: boolean;
  force: boolean;
  fromInbox: boolean;
  skus: readonly string[];
}

/** Where allocate reads stock and publishes. */
export interface AllocateDeps {
  stock: StockSource;
  connectorFor: ConnectorLookup;
  now?: () => Date;
}

/**
 * Zoho snapshot → shadow stock reset → per-channel quantities → publish what
 * differs from what each channel shows now. A failed or partial Zoho read
 * publishes nothing.
 */
export async function runAllocate(
  scope: RunScope,
  options: AllocateOptions,
  deps: AllocateDeps,
): Promise<PipelineResult> {
  const now = deps.now ?? (() => new Date());
  const channels = scope.settings.enabledChannels();
  const publishTo = publishTargets(scope, channels);

  const events = options.fromInbox
    ? await readWaitingZohoEvents(scope.knex)
    : [];
  const wanted = await wantedSkus(scope, options, events);
  if (wanted !== null && wanted.skus.size === 0 && !wanted.needsFullRead) {
    scope.logger.info("no SKU named: nothing to allocate");
    return nothingToDo(scope, events.map((e) => e.id), now());
  }

  const takenAt = now();
  let snapshot: ValidatedSnapshot;
  try {
    const read = await deps.stock.readStock(
      wanted === null || wanted.needsFullRead ? null : [...wanted.skus],
    );
    snapshot = validateSnapshot(read.items);
  } catch (error) {
    const reason = `the Zoho read failed: ${describeError(error)}`;
    scope.logger.error(reason);
    return failedReport("allocate", reason);
  }

  const only = wanted === null ? null : resolveNamed(snapshot, wanted);
  const { figures, missing } = limitSnapshot(snapshot, only);
  const unlisted =
    only === null
      ? missingFromSnapshot(
          (await readLastSent(scope.knex)).map((row) => row.sku),
          figures,
        )
      : [];
  if (unlisted.length > 0) {
    scope.logger.warn(
      `published before but absent from Zoho, left as they are: ${unlisted.join(", ")}`,
    );
  }

  const base = new Map<string, BaseFigure>();
  for (const [sku, entry] of figures) {
    base.set(sku, { snapshotAvailable: entry.available, snapshotAt: takenAt });
  }
  const engine = await runEngine(
    { ...scope, connectorFor: deps.connectorFor, now },
    {
      figures: base,
      snapshot: {
        figures: [...figures].map(([sku, e]) => ({
          sku,
          itemId: e.itemId,
          available: e.available,
        })),
        at: takenAt,
      },
      channels,
      publishTo,
      mode: options.full ? "full" : "changed",
      protect: false,
      guard: true,
      force: options.force,
    },
  );
  if (!scope.dryRun && engine.stoppedBy === null && events.length > 0) {
    await markZohoEventsProcessed(scope.knex, events.map((e) => e.id), now());
  }
  return engineReport(
    engine,
    {
      command: "allocate",
      skus: figures.size,
      missing: [...missing, ...unlisted],
      rejected: snapshot.rejected,
    },
    scope.dryRun,
  );
}

/** The channels a run publishes to: `--channel`, else every enabled one. */
export function publishTargets(
  scope: Pick<RunScope, "settings" | "channels">,
  enabled: readonly ChannelConfig[],
): string[] {
  const chosen = scope.settings.enabledChannels(scope.channels);
  if (enabled.length === 0) {
    throw new ConfigError(
      "no channel is enabled: enable one with `hub config set channels.<id>.enabled true`",
    );
  }
  if (chosen.length === 0) {
    throw new ConfigError(
      `none of ${scope.channels.join(", ")} is enabled: enable it first`,
    );
  }
  return chosen.map((channel) => channel.id);
}

interface WantedSkus {
  skus: Set<string>;
  itemIds: Set<string>;
  /** Some item ids have no known SKU: only a full read can name them. */
  needsFullRead: boolean;
}

async function wantedSkus(
  scope: RunScope,
  options: AllocateOptions,
  events: ReadonlyArray<{ payload: unknown; raw: string }>,
): Promise<WantedSkus | null> {
  if (!options.fromInbox) {
    if (options.skus.length === 0) return null;
    return { skus: new Set(options.skus), itemIds: new Set(), needsFullRead: false };
  }
  const named = namedItems(events.map((e) => e.payload ?? e.raw));
  const known = await skusOfItemIds(scope.knex, [...named.itemIds]);
  const unknownIds = new Set<string>();
  for (const itemId of named.itemIds) {
    const sku = known.get(itemId);
    if (sku === undefined) unknownIds.add(itemId);
    else named.skus.add(sku);
  }
  // --sku narrows the inbox's SKUs further.
  const skus =
    options.skus.length === 0
      ? named.skus
      : new Set([...named.skus].filter((s) => options.skus.includes(s)));
  const itemIds = options.skus.length === 0 ? unknownIds : new Set<string>();
  return { skus, itemIds, needsFullRead: itemIds.size > 0 };
}

function resolveNamed(
  snapshot: ValidatedSnapshot,
  wanted: WantedSkus,
): Set<string> {
  const skus = new Set(wanted.skus);
  for (const [sku, entry] of snapshot.figures) {
    if (entry.itemId !== null && wanted.itemIds.has(entry.itemId)) skus.add(sku);
  }
  return skus;
}

async function nothingToDo(
  scope: RunScope,
  eventIds: readonly number[],
  at: Date,
): Promise<PipelineResult> {
  if (!scope.dryRun && eventIds.length > 0) {
    await markZohoEventsProcessed(scope.knex, eventIds, at);
  }
  return {
    status: "succeeded",
    counts: { skus: 0, sent: 0 },
    result: { channels: [], missing: [] },
    render: (out) => out.line("nothing to allocate: no SKU named"),
  };
}
