import { chunks, listOrders, type ReadOrder } from "./orders.js";
import type { MiraklApi } from "./api.js";

interface Waiter {
  resolve: (order: ReadOrder | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * OR11 look-ups by id, batched: ids asked for in the same tick go out
 * together in `order_ids` chunks of ≤ 100 (case B28), because OR11 may be
 * called only once a minute (mirakl.md §2). A failed chunk fails only its
 * own ids (case B28: a 400 on a batch does not drop the others).
 */
export class OrderLookup {
  private waiting = new Map<string, Waiter[]>();
  private scheduled = false;
  /** Orders read ahead by `prefetch`, each handed out once. */
  private ahead = new Map<string, ReadOrder | undefined>();

  constructor(private readonly api: MiraklApi) {}

  /**
   * Reads these orders now, in as few OR11 calls as their number allows,
   * for the `get`s that follow one by one. A failed batch is left for those
   * `get`s to read again.
   */
  async prefetch(orderIds: readonly string[]): Promise<void> {
    const ids = [...new Set(orderIds)].filter((id) => !this.ahead.has(id));
    const reads = await Promise.allSettled(ids.map((id) => this.read(id)));
    reads.forEach((read, i) => {
      const id = ids[i];
      if (id !== undefined && read.status === "fulfilled") this.ahead.set(id, read.value);
    });
  }

  /**
   * The order with this id: read ahead by `prefetch` (once; a second call
   * reads it fresh, as a package pushed in between may have changed it),
   * else fresh from OR11; undefined when Mirakl has no such order.
   */
  get(orderId: string): Promise<ReadOrder | undefined> {
    if (this.ahead.has(orderId)) {
      const read = this.ahead.get(orderId);
      this.ahead.delete(orderId);
      return Promise.resolve(read);
    }
    return this.read(orderId);
  }

  private read(orderId: string): Promise<ReadOrder | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(orderId) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(orderId, list);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    for (const ids of chunks([...batch.keys()])) {
      try {
        const found = await listOrders(this.api, { order_ids: ids.join(",") });
        const byId = new Map(found.map((o) => [o.id, o]));
        for (const id of ids) {
          for (const w of batch.get(id) ?? []) w.resolve(byId.get(id));
        }
      } catch (error) {
        for (const id of ids)
          for (const w of batch.get(id) ?? []) w.reject(error);
      }
    }
  }
}
