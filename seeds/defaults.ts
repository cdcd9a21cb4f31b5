import type { Knex } from "knex";
import { SETTINGS } from "../src/config/schema.js";
import { writeSetting } from "../src/config/store.js";

/**
 * Writes every global default into the configuration so operators can see
 * and edit it; a value already there (an operator's) is never overwritten.
 */
export async function seedDefaults(db: Knex, user: string): Promise<string[]> {
  const written: string[] = [];
  for (const spec of SETTINGS) {
    if (spec.pattern.includes("<") || spec.default === undefined) continue;
    const { changed } = await writeSetting(db, spec.pattern, spec.default, {
      user,
      source: "seed",
    });
    if (changed) written.push(spec.pattern);
  }
  return written;
}
