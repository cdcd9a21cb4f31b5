import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/storage/database.js";
import { claimSlot } from "../../src/storage/pacing.js";
import { createTestDatabase, type TestDatabase } from "../support/db.js";

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await testDb.migrate();
  db = await testDb.open();
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe("slots shared through the database", () => {
  it("gives the first claim at once and each later one the next free slot", async () => {
    expect(await claimSlot(db.knex, "acme:OR11", 60_000)).toBe(0);
    const second = await claimSlot(db.knex, "acme:OR11", 60_000);
    expect(second).toBeGreaterThan(59_000);
    expect(second).toBeLessThanOrEqual(60_000);
    const third = await claimSlot(db.knex, "acme:OR11", 60_000);
    expect(third).toBeGreaterThan(119_000);
    // Another key has its own slots.
    expect(await claimSlot(db.knex, "other:OR11", 60_000)).toBe(0);
  });

  it("never hands two concurrent claims the same slot", async () => {
    const waits = await Promise.all(Array.from({ length: 5 }, () => claimSlot(db.knex, "race:STO01", 10_000)));
    const slots = waits.map((w) => Math.round(w / 10_000)).sort();
    expect(slots).toEqual([0, 1, 2, 3, 4]);
  });
});
