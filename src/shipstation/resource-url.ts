/**
 * Webhook deliveries are unsigned, so a `resource_url` is only followed to
 * ShipStation itself, or credentials would go wherever a forged event
 * points (api-reference/shipstation.md §0.3, DESIGN.md "Webhooks").
 */

// Real resource URLs use sharded hosts (`ssapi6.shipstation.com`) while the
// configured endpoint is `ssapi.shipstation.com`.
const SHARDED_HOST = /^ssapi\d*\.shipstation\.com$/;

/**
 * The origin to fetch `resourceUrl` from, or undefined when it is not the
 * configured ShipStation API host (nor, when that host is ShipStation's
 * own, one of its numbered shards over https).
 */
export function allowedResourceOrigin(
  resourceUrl: string,
  configuredBase: string,
): string | undefined {
  let url: URL;
  let base: URL;
  try {
    url = new URL(resourceUrl);
    base = new URL(configuredBase);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.origin === base.origin) {
    // Same host: only below the configured path (a stand-in mounted at
    // `/shipstation` shares its origin with other services).
    const prefix = base.pathname.replace(/\/+$/, "");
    const inside =
      url.pathname === prefix || url.pathname.startsWith(`${prefix}/`);
    return inside ? url.origin : undefined;
  }
  const shard =
    SHARDED_HOST.test(base.hostname) &&
    SHARDED_HOST.test(url.hostname) &&
    url.protocol === "https:" &&
    (url.port === "" || url.port === "443");
  return shard ? url.origin : undefined;
}
