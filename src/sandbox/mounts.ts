import { createAmazonStandIn } from "./amazon/index.js";
import type {
  ChannelKind,
  Route,
  SandboxWorld,
  ScenarioChannel,
  StandIn,
} from "./contract.js";
import { createEbayStandIn } from "./ebay/index.js";
import { createMiraklStandIn } from "./mirakl/index.js";
import { TokenBucket } from "./rate-limit.js";
import { createRithumStandIn } from "./rithum/index.js";
import type { CompiledRoute } from "./router.js";
import { compileRoute } from "./router.js";
import { createShipStationStandIn } from "./shipstation/index.js";
import type { CoreWorld } from "./world.js";
import { createZohoAccountsStandIn, createZohoStandIn } from "./zoho/index.js";

/** One stand-in at one URL prefix. */
export interface Mount {
  /** The first word of its endpoint keys: channel id or vendor mount. */
  name: string;
  prefix: string;
  standIn: StandIn;
  routes: CompiledRoute[];
  /** One bucket per route that documents a rate. */
  buckets: Map<Route, TokenBucket>;
  channel?: ScenarioChannel;
}

/** Builds a marketplace stand-in over the shared world. */
export type StandInFactory = (world: SandboxWorld) => StandIn;

const FACTORIES: Record<ChannelKind, StandInFactory> = {
  amazon: createAmazonStandIn,
  ebay: createEbayStandIn,
  mirakl: createMiraklStandIn,
  rithum: createRithumStandIn,
};

function mount(
  name: string,
  prefix: string,
  standIn: StandIn,
  timeScale: number,
  channel?: ScenarioChannel,
): Mount {
  const buckets = new Map<Route, TokenBucket>();
  for (const r of standIn.routes) {
    if (r.rate) {
      buckets.set(
        r,
        new TokenBucket(r.rate.perSecond, r.rate.burst, timeScale),
      );
    }
  }
  const m: Mount = {
    name,
    prefix,
    standIn,
    routes: standIn.routes.map(compileRoute),
    buckets,
  };
  if (channel) m.channel = channel;
  return m;
}

/** Builds every mount for a world: channels, ShipStation, Zoho. */
export function buildMounts(
  world: CoreWorld,
  timeScale: number,
  baseUrl: () => string,
  overrides: Partial<Record<ChannelKind, StandInFactory>> = {},
): Mount[] {
  const mounts = world.scenario.channels.map((c) => {
    const factory = overrides[c.kind] ?? FACTORIES[c.kind];
    return mount(c.id, `/ch/${c.id}`, factory(world), timeScale, c);
  });
  mounts.push(
    mount(
      "shipstation",
      "/shipstation",
      createShipStationStandIn(world.shipstation, { timeScale }),
      timeScale,
    ),
    mount(
      "zoho",
      "/zoho",
      createZohoStandIn(world, world.zoho, { timeScale }),
      timeScale,
    ),
    mount(
      "zoho-accounts",
      "/zoho-accounts",
      createZohoAccountsStandIn(world, {
        timeScale,
        apiDomain: () => `${baseUrl()}/zoho`,
      }),
      timeScale,
    ),
  );
  return mounts;
}

/** The mount a path belongs to and the path below its prefix. */
export function findMount(
  mounts: Mount[],
  path: string,
): { mount: Mount; subPath: string } | undefined {
  for (const m of mounts) {
    if (path === m.prefix) return { mount: m, subPath: "/" };
    if (path.startsWith(`${m.prefix}/`)) {
      return { mount: m, subPath: path.slice(m.prefix.length) };
    }
  }
  return undefined;
}
