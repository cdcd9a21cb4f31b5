import type { SandboxWorld } from "../contract.js";

/** A stable decimal number of `digits` digits derived from a string. */
export function numericId(seed: string, digits: number): string {
  let hash = 7;
  for (const char of seed) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_000_007;
  }
  return String(hash).padStart(digits, "0").slice(-digits);
}

/**
 * The classic listing (Trading `ItemID`, REST `legacyItemId`) that sells a
 * SKU: numbered after the catalogue so tests can predict it.
 */
export function listingItemId(world: SandboxWorld, sku: string): string {
  const index = world.scenario.items.findIndex((item) => item.sku === sku);
  if (index >= 0) return String(110_000_000_001 + index);
  return `12${numericId(sku, 10)}`;
}

/** The SKU a classic listing id stands for, if it is in the catalogue. */
export function skuOfListing(
  world: SandboxWorld,
  itemId: string,
): string | undefined {
  return world.scenario.items.find(
    (item) => listingItemId(world, item.sku) === itemId,
  )?.sku;
}
