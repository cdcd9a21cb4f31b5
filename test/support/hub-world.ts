import type { Scenario } from "../../src/sandbox/contract.js";
import { startSandbox, type SandboxHandle } from "../../src/sandbox/index.js";
import { configureForScenario } from "../../src/demo/configure.js";
import { seedDefaults } from "../../seeds/defaults.js";
import { createTestDatabase, type TestDatabase } from "./db.js";

/** A sandbox, a migrated database configured for it, and the env for both. */
export interface HubWorld {
  sandbox: SandboxHandle;
  db: TestDatabase;
  /** Environment for a `hub` process (database + sandbox). */
  env: Record<string, string>;
  /** Sets the env on this process too (for in-process pipeline runs). */
  applyEnv(): void;
  close(): Promise<void>;
}

const TEST_TIME_SCALE = 1000;

/**
 * Everything an end-to-end test needs: the sandbox on a free port with rate
 * limits sped up, a fresh database migrated, seeded and configured for the
 * scenario's channels.
 */
export async function createHubWorld(scenario?: Scenario): Promise<HubWorld> {
  const sandbox = await startSandbox({
    port: 0,
    timeScale: TEST_TIME_SCALE,
    ...(scenario ? { scenario } : {}),
  });
  const db = await createTestDatabase();
  await db.migrate();
  const open = await db.open();
  try {
    await seedDefaults(open.knex, "test");
    await configureForScenario(open.knex, scenario ?? sandbox.world.scenario, "test");
  } finally {
    await open.close();
  }
  const env = {
    ...sandbox.env,
    ...db.env,
    HUB_TIME_SCALE: String(TEST_TIME_SCALE),
    HUB_HTTP_TIMEOUT_MS: "3000",
  };
  const previous = new Map<string, string | undefined>();
  return {
    sandbox,
    db,
    env,
    applyEnv() {
      for (const [key, value] of Object.entries(env)) {
        if (!previous.has(key)) previous.set(key, process.env[key]);
        process.env[key] = value;
      }
    },
    async close() {
      for (const [key, value] of previous) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await sandbox.close();
      await db.drop();
    },
  };
}
