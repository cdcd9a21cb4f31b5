import type { CommandSpec } from "../src/cli/command-spec.js";
import { runDemo } from "../src/demo/run-demo.js";
import { allocateCommand } from "./allocate.js";
import { migrateCommand } from "./migrate.js";
import { pullOrdersCommand } from "./pull-orders.js";
import { pushTrackingCommand } from "./push-tracking.js";
import { rebalanceCommand } from "./rebalance.js";
import { seedCommand } from "./seed.js";

/** `hub demo`: the whole cycle against the in-process sandbox. */
export const demoCommand: CommandSpec = {
  name: "demo",
  description: "the whole cycle against local stand-ins: orders in, labels, tracking out, stock published (its own database; never touches yours)",
  run: (ctx) =>
    runDemo(ctx, {
      migrate: migrateCommand,
      seed: seedCommand,
      pullOrders: pullOrdersCommand,
      pushTracking: pushTrackingCommand,
      allocate: allocateCommand,
      rebalance: rebalanceCommand,
    }),
};
