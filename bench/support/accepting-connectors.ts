import type { ChannelConnector } from "../../src/channels/types.js";
import type { ConnectorLookup } from "../../src/pipelines/allocate/publish.js";

/**
 * Connectors that accept every quantity without a call. The benchmark's
 * first allocate uses them to record "what each channel shows" through
 * hub's own publication path, without 200,000 set-up calls.
 */
export function acceptingConnectors(real: ConnectorLookup): ConnectorLookup {
  return async (channel) => {
    const inner: ChannelConnector = await real(channel);
    return {
      channel: inner.channel,
      fetchOrders: (window) => inner.fetchOrders(window),
      fetchOrder: (id) => inner.fetchOrder(id),
      confirmPackage: (pkg) => inner.confirmPackage(pkg),
      checkCredentials: () => inner.checkCredentials(),
      publishQuantities: async (updates) =>
        updates.map((u) => ({ sku: u.sku, status: "sent" as const })),
    };
  };
}
