import { planCatalogue } from "../../inventory/catalogue-allocation.js";
import {
  publicationGuard,
  type Exposure,
  type GuardLimits,
} from "../../inventory/publication-guards.js";
import {
  planPublications,
  type PlannedPublication,
  type PublicationMode,
  type PublicationTargets,
  type ShownNow,
} from "../../inventory/publication-plan.js";
import { allocateSku } from "../../inventory/quantity-rule.js";
import type { LatestPublication } from "../../storage/repos/publications.js";
import { ratioFor, type RuleInputs } from "./rule-inputs.js";
import { pairKey } from "./shown.js";

/** One SKU's stock: its snapshot figure and the units deductions hold. */
export interface StockFigure {
  sku: string;
  snapshotAvailable: number;
  held: number;
}

/** Everything planning needs; gathered by the read step. */
export interface PlanInput {
  rule: RuleInputs;
  stock: readonly StockFigure[];
  /** Channels this run publishes to (`--channel`), a subset of the rule's. */
  publishTo: readonly string[];
  /** Plan every SKU with cap 100 (low-stock protection from pull-orders). */
  protect: boolean;
  mode: PublicationMode;
  shown: ShownNow;
  /** Newest publication row by `pairKey(sku, channel)`. */
  latest: ReadonlyMap<string, LatestPublication>;
  retryAttempts: number;
}

/** A quantity to send, with the attempt it will be. */
export interface PlannedSend extends PlannedPublication {
  attempt: number;
}

/** What a run will do, before anything is sent. */
export interface AllocationPlan {
  targets: PublicationTargets;
  send: PlannedSend[];
  /** Failed as often as `retry_attempts` allows: left failed, not sent. */
  held: PlannedPublication[];
  /** Pairs whose channel already shows the target, per channel. */
  unchanged: Map<string, number>;
}

/** Shadow available: the snapshot less what open deductions hold. */
export function shadowOf(figure: StockFigure): number {
  return figure.snapshotAvailable - figure.held;
}

/** Plans targets and the publications that differ from what is shown. */
export function planAllocation(input: PlanInput): AllocationPlan {
  const targets = input.protect ? protectedTargets(input) : catalogue(input);
  const publishTo = new Set(input.publishTo);
  const planned = planPublications(targets, input.shown, input.mode).filter(
    (p) => publishTo.has(p.channel),
  );
  const send: PlannedSend[] = [];
  const held: PlannedPublication[] = [];
  const touched = new Map<string, number>();
  for (const publication of planned) {
    touched.set(publication.channel, (touched.get(publication.channel) ?? 0) + 1);
    const latest = input.latest.get(pairKey(publication.sku, publication.channel));
    const repeat =
      latest !== undefined &&
      latest.status !== "sent" &&
      latest.quantity === publication.quantity;
    const exhausted =
      repeat &&
      latest.status === "failed" &&
      latest.attempts >= input.retryAttempts &&
      input.mode === "changed";
    if (exhausted) held.push(publication);
    else send.push({ ...publication, attempt: repeat ? latest.attempts + 1 : 1 });
  }
  const unchanged = new Map<string, number>();
  for (const channel of input.publishTo) {
    unchanged.set(channel, targets.skus.length - (touched.get(channel) ?? 0));
  }
  return { targets, send, held, unchanged };
}

/**
 * Why the plan must not go out, or null. `before` is what the channels show
 * now for the planned SKUs; channels never published to show nothing yet.
 */
export function guardPlan(
  input: PlanInput,
  plan: AllocationPlan,
  limits: GuardLimits,
): string | null {
  const before: Exposure[] = [];
  for (const sku of plan.targets.skus) {
    for (const channel of input.publishTo) {
      const quantity = input.shown(sku, channel);
      if (quantity !== null) before.push({ sku, channel, quantity });
    }
  }
  return publicationGuard(before, plan.send, limits);
}

function catalogue(input: PlanInput): PublicationTargets {
  const { rule, stock } = input;
  return planCatalogue({
    skus: stock.map((figure) => figure.sku),
    available: stock.map(shadowOf),
    channels: rule.channels,
    safetyStock: rule.safetyStock,
    safetyStockOverrides: rule.safetyStockOverrides,
    ratioOverrides: rule.ratioOverrides,
    lowStockThreshold: rule.lowStockThreshold,
    maxOversellPct: rule.maxOversellPct,
    minPublishQty: rule.minPublishQty,
  });
}

function protectedTargets(input: PlanInput): PublicationTargets {
  const { rule } = input;
  const quantities: number[] = [];
  for (const figure of input.stock) {
    const allocation = allocateSku({
      available: shadowOf(figure),
      safetyStock: safetyStockOf(rule, figure.sku),
      channels: rule.channels.map((channel) => ({
        ...channel,
        ratio: ratioFor(rule, figure.sku, channel),
      })),
      maxOversellPct: rule.maxOversellPct,
      minPublishQty: rule.minPublishQty,
      protected: true,
    });
    for (const share of allocation.channels) quantities.push(share.quantity);
  }
  return {
    skus: input.stock.map((figure) => figure.sku),
    channelIds: rule.channels.map((channel) => channel.id),
    quantities,
  };
}

/** A SKU's safety stock: its override, else the global value. */
export function safetyStockOf(rule: RuleInputs, sku: string): number {
  return rule.safetyStockOverrides.get(sku) ?? rule.safetyStock;
}
