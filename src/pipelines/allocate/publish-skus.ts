import type { Knex } from "knex";
import type { Settings } from "../../config/settings.js";
import { HttpContext } from "../../http/http-context.js";
import type { Logger } from "../../log/logger.js";
import { readShadowSnapshots } from "../../storage/repos/shadow-inventory.js";
import { registryConnectors } from "./connectors.js";
import { runEngine, type BaseFigure } from "./engine.js";
import type { ConnectorLookup, PublicationOutcome } from "./publish.js";
import type { ChannelSummary } from "./summary.js";

/** What `publishSkus` needs: a RunScope fits. */
export interface PublishSkusDeps {
  knex: Knex;
  settings: Settings;
  logger: Logger;
  runId: number;
  /** Plan only, send and write nothing. */
  dryRun?: boolean;
  /** Publish to these channels only (default every enabled one). */
  channels?: readonly string[];
  /** The run's HTTP context, shared with its other clients. */
  http?: HttpContext;
  connectorFor?: ConnectorLookup;
  now?: () => Date;
}

/** What publishing a few SKUs did. */
export interface PublishSkusResult {
  channels: ChannelSummary[];
  outcomes: PublicationOutcome[];
  /** Targets per SKU and channel, sent or not. */
  targets: Array<{ sku: string; channel: string; quantity: number }>;
  /** SKUs without shadow stock: nothing published for them. */
  missing: string[];
}

/**
 * Publishes a few SKUs at once from shadow stock (low-stock protection:
 * `protect` plans them with cap 100). Sends only what differs from what
 * each channel shows now; guards do not apply, as lowering is the point.
 */
export async function publishSkus(
  deps: PublishSkusDeps,
  skus: readonly string[],
  options: { protect?: boolean } = {},
): Promise<PublishSkusResult> {
  const all = deps.settings.enabledChannels();
  const publishTo = deps.settings
    .enabledChannels(deps.channels ?? [])
    .map((c) => c.id);
  const wanted = [...new Set(skus)].sort();
  const figures = new Map<string, BaseFigure>();
  for (const s of await readShadowSnapshots(deps.knex, wanted)) {
    figures.set(s.sku, { snapshotAvailable: s.snapshotAvailable, snapshotAt: s.snapshotAt });
  }
  const connectorFor =
    deps.connectorFor ??
    registryConnectors(deps.knex, deps.http ?? new HttpContext(deps.logger), deps.logger);
  const engine = await runEngine(
    {
      knex: deps.knex,
      settings: deps.settings,
      logger: deps.logger,
      runId: deps.runId,
      dryRun: deps.dryRun ?? false,
      connectorFor,
      now: deps.now ?? (() => new Date()),
    },
    {
      figures,
      snapshot: null,
      channels: all,
      publishTo,
      mode: "changed",
      protect: options.protect ?? false,
      guard: false,
      force: false,
      publicationSuffix: options.protect ? "-protect" : "-skus",
    },
  );
  const { targets } = engine.plan;
  const width = targets.channelIds.length;
  return {
    channels: engine.summary,
    outcomes: engine.outcomes,
    targets: targets.skus.flatMap((sku, s) =>
      targets.channelIds.map((channel, c) => ({
        sku,
        channel,
        quantity: Number(targets.quantities[s * width + c] ?? 0),
      })),
    ),
    missing: wanted.filter((sku) => !figures.has(sku)),
  };
}
