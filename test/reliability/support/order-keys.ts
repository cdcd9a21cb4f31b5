import type { SandboxHandle } from "../../../src/sandbox/index.js";

/** A marketplace order as hub names it, beside the scenario's own id. */
export interface KnownOrder {
  channel: string;
  /** The id the sandbox's control routes take. */
  scenarioId: string;
  /** `<channel>:<id hub uses>`: the ShipStation orderKey. */
  orderKey: string;
  cancelled: boolean;
  lines: Array<{ lineId: string; sku: string; quantity: number }>;
}

// The Rithum stand-in hands out ChannelAdvisor's numeric ids in list
// order, and item ids from them; hub keys Rithum orders by those ids.
const RITHUM_FIRST_ORDER_ID = 100001;

/** Every marketplace order of the sandbox, keyed as hub keys it. */
export function knownOrders(sandbox: SandboxHandle): KnownOrder[] {
  const out: KnownOrder[] = [];
  for (const channel of sandbox.world.scenario.channels) {
    sandbox.world.orders(channel.id).forEach((order, index) => {
      const rithumId = RITHUM_FIRST_ORDER_ID + index;
      const rithum = channel.kind === "rithum";
      out.push({
        channel: channel.id,
        scenarioId: order.order_id,
        orderKey: `${channel.id}:${rithum ? rithumId : order.order_id}`,
        cancelled: order.status === "cancelled",
        lines: order.lines.map((line, i) => ({
          lineId: rithum ? String(rithumId * 100 + i + 1) : line.line_id,
          sku: line.sku,
          quantity: line.quantity,
        })),
      });
    });
  }
  return out;
}
