import type { CommandContext } from "../../src/cli/context.js";
import { Output } from "../../src/cli/output.js";
import { configureForScenario } from "../../src/demo/configure.js";
import { createLogger } from "../../src/log/logger.js";
import type { Scenario } from "../../src/sandbox/contract.js";
import { openDatabase, type DatabaseTarget } from "../../src/storage/database.js";
import { migrateLatest } from "../../src/storage/migrator.js";
import { seedDefaults } from "../../seeds/defaults.js";

const USER = "bench";

/** Migrates, seeds and configures a database for a scenario's channels. */
export async function prepareDatabase(
  target: DatabaseTarget,
  scenario: Scenario,
): Promise<void> {
  const db = await openDatabase(target, { lockWaitMs: 10_000 });
  try {
    await migrateLatest(db.knex);
    await seedDefaults(db.knex, USER);
    await configureForScenario(db.knex, scenario, USER);
  } finally {
    await db.close();
  }
}

/** Points this process (where hub runs) at the sandbox. */
export function applyEnv(env: Record<string, string>): void {
  for (const [key, value] of Object.entries(env)) process.env[key] = value;
}

/** What a command gets from the CLI, silent: logs would cost CPU too. */
export function benchContext(target: DatabaseTarget): CommandContext {
  return {
    options: {
      dryRun: false,
      json: true,
      verbose: false,
      channels: [],
      target,
      lockWaitMs: 10_000,
    },
    logger: createLogger({ tty: false, verbose: false, silent: true }),
    output: new Output({ tty: false, json: true }),
    user: USER,
    host: "bench",
  };
}
