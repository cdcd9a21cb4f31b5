import type { CommandSpec } from "./command-spec.js";
import { migrateCommand } from "../../commands/migrate.js";
import { seedCommand } from "../../commands/seed.js";
import { configCommand } from "../../commands/config.js";
import { pullOrdersCommand } from "../../commands/pull-orders.js";
import { pushTrackingCommand } from "../../commands/push-tracking.js";
import { allocateCommand } from "../../commands/allocate.js";
import { rebalanceCommand } from "../../commands/rebalance.js";
import { serveWebhooksCommand } from "../../commands/serve-webhooks.js";
import { statusCommand } from "../../commands/status.js";
import { doctorCommand } from "../../commands/doctor.js";
import { cleanupCommand } from "../../commands/cleanup.js";
import { sandboxCommand } from "../../commands/sandbox.js";
import { demoCommand } from "../../commands/demo.js";

/** Every subcommand, in the order `hub --help` lists them. */
export const commands: readonly CommandSpec[] = [
  migrateCommand,
  seedCommand,
  configCommand,
  pullOrdersCommand,
  pushTrackingCommand,
  allocateCommand,
  rebalanceCommand,
  serveWebhooksCommand,
  statusCommand,
  doctorCommand,
  cleanupCommand,
  sandboxCommand,
  demoCommand,
];
