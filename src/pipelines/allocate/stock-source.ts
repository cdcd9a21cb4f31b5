/**
 * Where allocate reads stock. Zoho is the only source today; the pipeline
 * depends on this small shape so that it can be planned and tested without
 * the Zoho client.
 */

/** One item's committed-aware available figure. */
export interface StockItem {
  sku: string;
  itemId: string;
  /** Available for sale; may be negative. */
  available: number;
}

/** A complete stock read: every page or a thrown error, never part. */
export interface StockRead {
  items: StockItem[];
}

/** Reads stock: of the given SKUs, or of the whole organisation. */
export interface StockSource {
  /** SKUs the source does not know are simply absent from the items. */
  readStock(skus: readonly string[] | null): Promise<StockRead>;
}
