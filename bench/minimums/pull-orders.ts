/**
 * The fewest calls a first pull of N orders per channel can make, from the
 * page and batch sizes in api-reference/. Each term names its page.
 */

/** Orders a first pull reads, per channel kind. */
export interface PullLoad {
  amazon: number;
  ebay: number;
  mirakl: number;
  rithum: number;
}

/** amazon.md §2a: searchOrders maxResultsPerPage 1–100. */
export const AMAZON_PAGE = 100;
/**
 * ebay.md §2: getOrders `limit`; the OAS says up to 1000, older docs 200.
 * hub and this minimum take 200, the bound both sources accept.
 */
export const EBAY_PAGE = 200;
/** mirakl.md §1/§2: OR11 `max`, commonly 100 (the stand-in's bound). */
export const MIRAKL_PAGE = 100;
/**
 * rithum.md §0.4: the page size is the server's (20 or 100 by doc
 * revision); the stand-in serves 20, so 20 is what any client gets.
 */
export const RITHUM_PAGE = 20;
/** shipstation.md §0.2/§3: createorders takes up to 100 orders. */
export const SHIPSTATION_BATCH = 100;

const pages = (n: number, size: number): number =>
  Math.max(1, Math.ceil(n / size));

/**
 * ebay.md §2: `cancelStatus.cancelRequests` is always empty in getOrders,
 * and case B24 asks for each order to be read with getOrder before it goes
 * to ShipStation. No batch form shows them (`orderIds` is getOrders too),
 * so a correct first pull pays one getOrder per open eBay order.
 */
export function ebayCancelCheckCalls(load: PullLoad): number {
  return load.ebay;
}

/**
 * Minimum calls per API: one token where the API has tokens, then pages,
 * and for eBay the cancel check above. `pagesOnly` leaves the check out,
 * for comparison with a pull that would not look for cancel requests.
 */
export function pullMinimum(
  load: PullLoad,
  { pagesOnly = false } = {},
): Record<string, number> {
  const total = load.amazon + load.ebay + load.mirakl + load.rithum;
  return {
    // amazon.md §1: one LWA token, good for an hour.
    amazon: 1 + pages(load.amazon, AMAZON_PAGE),
    // ebay.md §1: one refreshed user token, good for two hours.
    ebay:
      1 +
      pages(load.ebay, EBAY_PAGE) +
      (pagesOnly ? 0 : ebayCancelCheckCalls(load)),
    // mirakl.md §1: the shop API key needs no token call.
    mirakl: pages(load.mirakl, MIRAKL_PAGE),
    // rithum.md §1: one access token, good for an hour.
    rithum: 1 + pages(load.rithum, RITHUM_PAGE),
    // shipstation.md §1: Basic auth, no token. Orders of several stores
    // may share one batch (the store is a field of each order).
    shipstation: Math.ceil(total / SHIPSTATION_BATCH),
  };
}
