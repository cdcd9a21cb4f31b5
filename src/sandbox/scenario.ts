import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { Scenario } from "./contract.js";

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "19.99"');

const isoWithOffset = z.iso.datetime({
  offset: true,
  local: false,
  message: "expected ISO 8601 with offset, e.g. 2025-01-02T07:04:05Z",
});

const address = z.strictObject({
  name: z.string().min(1),
  company: z.string().optional(),
  street1: z.string().min(1),
  street2: z.string().optional(),
  street3: z.string().optional(),
  city: z.string().min(1),
  state: z.string().optional(),
  postal_code: z.string().min(1),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 code such as US"),
  phone: z.string().optional(),
});

const line = z.strictObject({
  line_id: z.string().min(1).optional(),
  sku: z.string().min(1),
  title: z.string().optional(),
  quantity: z.int().min(1),
  unit_price: decimal,
  tax: decimal.optional(),
});

const order = z.strictObject({
  channel: z.string().min(1),
  order_id: z.string().min(1),
  status: z.enum([
    "pending",
    "awaiting_acceptance",
    "unshipped",
    "partially_shipped",
    "shipped",
    "cancelled",
  ]),
  created_at: isoWithOffset,
  updated_at: isoWithOffset.optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
    .optional(),
  shipping_price: decimal.optional(),
  buyer_email: z.string().optional(),
  ship_to: address.optional(),
  lines: z.array(line).min(1),
  cancel_requested: z.boolean().optional(),
});

const channel = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits, -"),
  kind: z.enum(["amazon", "ebay", "mirakl", "rithum"]),
  store_id: z.int().positive(),
  ratio: z.int().min(0).max(100),
  options: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .optional(),
});

const item = z.strictObject({
  sku: z.string().min(1),
  name: z.string().min(1),
  item_id: z
    .string()
    .regex(/^\d{1,19}$/, "expected a string of up to 19 digits")
    .optional(),
  available: z.int(),
  committed: z.int().min(0).optional(),
  rate: decimal.optional(),
});

/** Schema of ScenarioOrder, also used by `POST /_sandbox/orders`. */
export const scenarioOrderSchema = order;

/** Schema of the scenario file. */
export const scenarioSchema = z
  .strictObject({
    channels: z.array(channel).min(1),
    items: z.array(item),
    orders: z.array(order),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.channels.forEach((c, i) => {
      if (ids.has(c.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["channels", i, "id"],
          message: `duplicate channel id "${c.id}"`,
        });
      }
      ids.add(c.id);
    });
    const skus = new Set<string>();
    s.items.forEach((it, i) => {
      if (skus.has(it.sku)) {
        ctx.addIssue({
          code: "custom",
          path: ["items", i, "sku"],
          message: `duplicate sku "${it.sku}"`,
        });
      }
      skus.add(it.sku);
    });
    const orderKeys = new Set<string>();
    s.orders.forEach((o, i) => {
      if (!ids.has(o.channel)) {
        ctx.addIssue({
          code: "custom",
          path: ["orders", i, "channel"],
          message: `unknown channel "${o.channel}"`,
        });
      }
      const key = `${o.channel}\u0000${o.order_id}`;
      if (orderKeys.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["orders", i, "order_id"],
          message: `duplicate order "${o.order_id}" on ${o.channel}`,
        });
      }
      orderKeys.add(key);
    });
  });

/** A scenario that failed validation; the message names each bad field. */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ScenarioError";
  }
}

/** Renders a zod path as `orders[3].lines[0].quantity`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "(root)" : out;
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
}

/** Validates a parsed scenario; throws ScenarioError naming bad fields. */
export function parseScenario(data: unknown, source = "scenario"): Scenario {
  const result = scenarioSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  throw new ScenarioError(
    `${source} is invalid:\n  ${problems.join("\n  ")}\n` +
      "Fix these fields and start the sandbox again.",
    problems,
  );
}

/** Validates one order for the control route. */
export function parseScenarioOrder(
  data: unknown,
): z.infer<typeof scenarioOrderSchema> {
  const result = scenarioOrderSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = problemsOf(result.error);
  throw new ScenarioError(`order is invalid: ${problems.join("; ")}`, problems);
}

/** Reads and validates a scenario JSON file. */
export async function loadScenario(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new ScenarioError(
      `cannot read scenario file ${file}; check the path`,
      [],
      { cause },
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ScenarioError(
      `${file} is not valid JSON (${reason}); fix the syntax`,
      [],
    );
  }
  return parseScenario(data, file);
}
