/**
 * The fewest calls an allocate run can make to publish the pairs that
 * changed, from the batch sizes in api-reference/. Each term names its page.
 */

/** Pairs to publish per channel kind, and the catalogue size. */
export interface AllocateLoad {
  skus: number;
  amazon: number;
  ebay: number;
  mirakl: number;
  rithum: number;
}

/** zoho.md §2: items list, per_page at most 200. */
export const ZOHO_PAGE = 200;
/**
 * amazon.md §4b: a JSON_LISTINGS_FEED takes createFeedDocument, the upload,
 * createFeed, at least one getFeed, getFeedDocument and the report download
 * — six calls for any number of SKUs. patchListingsItem (§4a) is one call
 * per SKU; the minimum is the cheaper of the two.
 */
export const AMAZON_FEED_CALLS = 6;
/** ebay.md §4b: ReviseInventoryStatus carries 1–4 InventoryStatus nodes. */
export const EBAY_REVISE_BATCH = 4;
/**
 * mirakl.md §6: one STO01 import carries every offer, and one STO02 status
 * read learns its outcome.
 */
export const MIRAKL_IMPORT_CALLS = 2;

const none = (n: number, calls: number): number => (n === 0 ? 0 : calls);

/** Minimum calls per API for one allocate run. */
export function allocateMinimum(load: AllocateLoad): Record<string, number> {
  return {
    // zoho.md §1: one refreshed token, then every page of the catalogue.
    zoho: 1 + Math.ceil(load.skus / ZOHO_PAGE),
    // amazon.md §1: one LWA token.
    amazon: none(load.amazon, 1 + Math.min(load.amazon, AMAZON_FEED_CALLS)),
    // ebay.md §1: one user token; the Trading API takes it too.
    ebay: none(load.ebay, 1 + Math.ceil(load.ebay / EBAY_REVISE_BATCH)),
    // mirakl.md §1: API key, no token.
    mirakl: none(load.mirakl, MIRAKL_IMPORT_CALLS),
    // rithum.md §4: UpdateQuantity per product, after one token. The
    // SKU → ProductID lookup is to be resolved once and cached (§0.2, §4.2),
    // so a later run needs none for SKUs it published before.
    rithum: none(load.rithum, 1 + load.rithum),
  };
}
