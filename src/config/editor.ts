import { input, select } from "@inquirer/prompts";
import type { Knex } from "knex";
import { SETTINGS } from "./schema.js";
import { listStored, parseSetting, writeSetting } from "./store.js";

/**
 * The interactive editor behind a bare `hub config` on a terminal: pick a
 * setting, type a value, see it validated before anything is written.
 */
export async function editInteractively(db: Knex, user: string): Promise<string[]> {
  const changed: string[] = [];
  for (;;) {
    const stored = new Map((await listStored(db)).map((s) => [s.key, s.value]));
    const keys = [
      ...SETTINGS.filter((s) => !s.pattern.includes("<")).map((s) => s.pattern),
      ...[...stored.keys()].filter((k) => !SETTINGS.some((s) => s.pattern === k)),
    ];
    const choice = await select({
      message: "Setting to change",
      pageSize: 20,
      choices: [
        { name: "(done)", value: "" },
        { name: "(another key…)", value: "\u0000other" },
        ...keys.map((key) => ({
          name: `${key} = ${JSON.stringify(stored.get(key) ?? SETTINGS.find((s) => s.pattern === key)?.default ?? null)}`,
          value: key,
          description: SETTINGS.find((s) => s.pattern === key)?.help,
        })),
      ],
    });
    if (choice === "") return changed;
    const key =
      choice === "\u0000other"
        ? await input({ message: "Key (e.g. channels.amazon-us.ratio)" })
        : choice;
    const value = await input({
      message: `${key}`,
      validate: (raw) => {
        try {
          parseSetting(key, raw);
          return true;
        } catch (error) {
          return (error as Error).message;
        }
      },
    });
    const result = await writeSetting(db, key, value, { user, source: "operator" });
    if (result.changed) changed.push(key);
  }
}
