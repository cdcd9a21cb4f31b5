import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { MiraklApi } from "../../src/channels/mirakl/api.js";
import { listOrders, normalise } from "../../src/channels/mirakl/orders.js";
import { createLogger } from "../../src/log/logger.js";
import { validateOrder } from "../../src/pipelines/pull-orders/validate.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import { createRng, suiteSeed } from "./support/random.js";
import { generateScenario } from "./support/scenario.js";

/**
 * Mirakl OR11 pages with some orders mutated at random (fields missing,
 * wrong types, huge or non-ASCII strings, negative or fractional
 * quantities, money with many decimals): reading, mapping and validating
 * never throws, every untouched order of the page comes through as before,
 * and a mutated order is either still a well-formed order or held back
 * (quarantined or parked) — never sent half-read.
 */

const SEED = suiteSeed(20_261_211);
const RUNS = 150;
const PAGE = 12;

let sandbox: SandboxHandle;
let page: unknown[];
const logger = createLogger({ tty: false, verbose: false, silent: true });

beforeAll(async () => {
  const scenario = generateScenario(createRng(SEED), { orders: PAGE * 4, skus: 10, cancelledShare: 0 });
  sandbox = await startSandbox({ port: 0, scenario });
  const res = await fetch(`${sandbox.url}/ch/mirakl-acme/api/orders?max=100`, {
    headers: { Authorization: sandbox.env.HUB_CHANNEL_MIRAKL_ACME_API_KEY ?? "" },
  });
  page = ((await res.json()) as { orders: unknown[] }).orders;
  expect(page.length).toBe(PAGE);
}, 60_000);
afterAll(async () => {
  await sandbox.close();
});

/** A fake API that answers one page, whatever is asked. */
function apiAnswering(orders: unknown[]): MiraklApi {
  const api: Pick<MiraklApi, "request"> = {
    request: <T>() => Promise.resolve({ status: 200, headers: {}, body: { orders, total_count: orders.length } as T }),
  };
  return api as MiraklApi;
}

const nasty = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom(-1, 0, 1.5, -0.25, 1e21, Number.MAX_SAFE_INTEGER, "3", "", "12.3456789", "-5.00", "1e3", "NaN", [], {}, true),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ minLength: 2000, maxLength: 20_000 }),
);

/** Every path to a leaf or object of a JSON value. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== "object") return [prefix];
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

function mutate(order: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy: unknown = structuredClone(order);
  if (path.length === 0) return replacement;
  let at = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] ?? "";
  if (replacement === undefined) delete at[last];
  else at[last] = replacement;
  return copy;
}

const MONEY = /^\d+(\.\d+)?$/;

it("never loses, crashes on or half-reads an order of a page with broken orders", async () => {
  const clean = await readAll(page);
  let problems: string[] = [];
  let firstFailure: string[] = [];
  const verdict = await fc.check(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(PAGE - 1), fc.nat(), nasty), { minLength: 1, maxLength: 4 }),
      async (mutations) => {
        problems = [];
        const orders = [...page];
        const touched = new Set<number>();
        for (const [index, pick, replacement] of mutations) {
          const all = paths(orders[index]);
          orders[index] = mutate(orders[index], all[pick % all.length] ?? [], replacement);
          touched.add(index);
        }
        let read: Awaited<ReturnType<typeof readAll>>;
        try {
          read = await readAll(orders);
        } catch (error) {
          problems.push(`threw ${String(error)} on ${JSON.stringify(mutations).slice(0, 300)}`);
          if (firstFailure.length === 0) firstFailure = problems;
          return false;
        }
        page.forEach((_, index) => {
          if (touched.has(index)) return;
          const before = clean.get(idOf(page[index]));
          const after = read.get(idOf(page[index]));
          if (JSON.stringify(before) !== JSON.stringify(after)) problems.push(`untouched order ${idOf(page[index])} changed`);
        });
        // Every order of the page comes out, readable or not: an order
        // dropped here never reaches quarantine and is silently lost.
        const out = read.ids;
        for (const id of new Set(orders.map(rawId))) {
          const wanted = id === "" ? orders.filter((o) => rawId(o) === "").length : 1;
          const got = out.filter((o) => o === id).length;
          if (got !== wanted) problems.push(`order ${JSON.stringify(id.slice(0, 40))} came out ${got} times, not ${wanted}`);
        }
        for (const [id, outcome] of read) {
          if (outcome.verdict !== "ok") continue;
          for (const line of outcome.lines) {
            if (!Number.isInteger(line.quantity) || line.quantity <= 0 || !MONEY.test(line.unitPrice) || line.sku.trim() === "") {
              problems.push(`order ${id} would be sent with line ${JSON.stringify(line).slice(0, 200)}`);
            }
          }
        }
        if (problems.length > 0 && firstFailure.length === 0) firstFailure = problems;
        return problems.length === 0;
      },
    ),
    { seed: SEED, numRuns: RUNS },
  );
  const shrunk = verdict.counterexample ? JSON.stringify(verdict.counterexample).slice(0, 300) : "none";
  expect(firstFailure.slice(0, 3), `seed ${SEED}, smallest failing mutations ${shrunk}`).toEqual([]);
  // Whatever the property found, the run as a whole must not have failed.
  expect(verdict.failed, `seed ${SEED}, smallest failing mutations ${shrunk}`).toBe(false);
}, 120_000);

function idOf(order: unknown): string {
  return String((order as { order_id?: unknown }).order_id);
}

/** The id an OR11 entry is known by: its order_id as text, "" without one. */
function rawId(order: unknown): string {
  return typeof order === "object" && order !== null && "order_id" in order ? idOf(order) : "";
}

/** Order id → verdict and lines, as pull-orders would decide; `ids` lists every order read, unnamed ones too. */
async function readAll(
  orders: unknown[],
): Promise<Map<string, { verdict: string; lines: Array<{ sku: string; quantity: number; unitPrice: string }> }> & { ids: string[] }> {
  const out = Object.assign(new Map<string, { verdict: string; lines: Array<{ sku: string; quantity: number; unitPrice: string }> }>(), {
    ids: [] as string[],
  });
  for (const read of await listOrders(apiAnswering(orders), {})) {
    const order = normalise("mirakl-acme", read, logger);
    out.ids.push(order.orderId);
    const verdict = order.state === "ready" ? validateOrder(order) : { ok: false, action: order.state };
    out.set(order.orderId, {
      verdict: verdict.ok ? "ok" : verdict.action,
      lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })),
    });
  }
  return out;
}
