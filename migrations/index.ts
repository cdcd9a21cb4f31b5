import type { Knex } from "knex";
import * as initial from "./20261204000001_initial.js";
import * as tracking from "./20261204000003_tracking.js";
import * as productIds from "./20261204000004_product_ids.js";
import * as apiPacing from "./20261204000005_api_pacing.js";

/**
 * Every migration in order. Listed by import, not found by scanning a folder,
 * so the same list runs from the TypeScript sources in tests and from the
 * compiled package in production.
 */
export const migrations: ReadonlyArray<{
  name: string;
  module: Knex.Migration;
}> = [
  { name: "20261204000001_initial", module: initial },
  { name: "20261204000003_tracking", module: tracking },
  { name: "20261204000004_product_ids", module: productIds },
  { name: "20261204000005_api_pacing", module: apiPacing },
];
