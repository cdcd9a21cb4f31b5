import type { Knex } from "knex";
import { findSetting } from "../config/schema.js";
import { writeSetting } from "../config/store.js";
import type { Scenario } from "../sandbox/contract.js";

/** Settings the sandbox's fake accounts need besides kind, store and ratio. */
const KIND_DEFAULTS: Record<string, Record<string, string | number | boolean>> = {
  amazon: { region: "na", marketplace_id: "ATVPDKIKX0DER", seller_id: "A0SANDBOXSELLER" },
  ebay: { marketplace_id: "EBAY_US" },
  mirakl: {},
  rithum: { profile_id: "12345678", distribution_center_id: "0" },
};

/**
 * Writes the channel settings that point hub at a sandbox scenario's
 * accounts: kind, ShipStation store, ratio and each kind's identifiers.
 * URLs and credentials come from the sandbox's environment, not from here.
 */
export async function configureForScenario(
  knex: Knex,
  scenario: Scenario,
  user: string,
): Promise<void> {
  const by = { user, source: "operator" as const };
  for (const channel of scenario.channels) {
    const prefix = `channels.${channel.id}`;
    await writeSetting(knex, `${prefix}.store_id`, channel.store_id, by);
    await writeSetting(knex, `${prefix}.kind`, channel.kind, by);
    await writeSetting(knex, `${prefix}.ratio`, channel.ratio, by);
    await writeSetting(knex, `${prefix}.enabled`, true, by);
    const extras = { ...KIND_DEFAULTS[channel.kind], ...channel.options };
    for (const [key, value] of Object.entries(extras)) {
      const settingKey = `${prefix}.${key}`;
      if (findSetting(settingKey)) await writeSetting(knex, settingKey, String(value), by);
    }
  }
  await writeSetting(knex, "zoho.organization_id", "60000000001", by);
}
