import type { Knex } from "knex";
import { ConfigError } from "../errors.js";

/**
 * Rules that span several keys of one channel. A channel cannot be enabled
 * without a ShipStation store: its orders would have nowhere to go.
 */
export async function validateChannelChange(
  db: Knex,
  key: string,
  value: unknown,
): Promise<void> {
  const match = /^channels\.([^.]+)\.(enabled|kind)$/.exec(key);
  if (!match) return;
  const id = match[1] as string;
  const turningOn = match[2] === "kind" || value === true;
  if (!turningOn) return;
  const row = await db("configs").where({ key: `channels.${id}.store_id` }).first();
  const enabled = await db("configs").where({ key: `channels.${id}.enabled` }).first();
  const willBeEnabled = match[2] === "enabled" ? value === true : enabled?.value !== false;
  if (!row && willBeEnabled) {
    throw new ConfigError(
      `refused ${key} = ${JSON.stringify(value)}: channel ${id} has no ShipStation store; set channels.${id}.store_id first (or channels.${id}.enabled false); nothing was changed`,
    );
  }
}

/**
 * A live channel's kind or store cannot simply be removed: without its
 * kind the channel vanishes from every run while its marketplace keeps
 * showing the last quantity hub published (an oversell waiting to
 * happen); without its store its orders have nowhere to go.
 */
export async function validateChannelUnset(db: Knex, key: string): Promise<void> {
  const match = /^channels\.([^.]+)\.(kind|store_id)$/.exec(key);
  if (!match) return;
  const id = match[1] as string;
  const kind = await db("configs").where({ key: `channels.${id}.kind` }).first();
  const enabled = await db("configs").where({ key: `channels.${id}.enabled` }).first();
  if (!kind || enabled?.value === false) return;
  throw new ConfigError(
    `refused to unset ${key}: channel ${id} is live; to stop it, run \`hub config set channels.${id}.enabled false\` first (and set its marketplace quantities to 0 if it should sell no more); nothing was changed`,
  );
}
