import type { Route, SandboxWorld, ScenarioChannel } from "../contract.js";
import { restRoute } from "./access.js";
import { baseUrl, profileId } from "./channel-options.js";

/** A distribution centre as `GET /v1/DistributionCenters` lists it. */
export interface DistributionCenter {
  ID: number;
  Code: string;
  Name: string;
  Type: string;
  IsExternallyManaged: boolean;
  IsDeleted: boolean;
}

/** The DC fulfillments point at; ID 0 is a real id (case B31). */
export const DEFAULT_DC_ID = 0;

/**
 * Two seller-managed centres and one externally managed one, which
 * UpdateQuantity must refuse (rithum.md §4).
 */
export const DISTRIBUTION_CENTERS: readonly DistributionCenter[] = [
  {
    ID: DEFAULT_DC_ID,
    Code: "DC-MAIN",
    Name: "Main Warehouse",
    Type: "Warehouse",
    IsExternallyManaged: false,
    IsDeleted: false,
  },
  {
    ID: 11,
    Code: "DC-EAST",
    Name: "East Warehouse",
    Type: "Warehouse",
    IsExternallyManaged: false,
    IsDeleted: false,
  },
  {
    ID: 90,
    Code: "DC-EXTERNAL",
    Name: "Externally Managed Centre",
    Type: "Warehouse",
    IsExternallyManaged: true,
    IsDeleted: false,
  },
];

/** The centre with this ID, if there is one. */
export function distributionCenter(id: number): DistributionCenter | undefined {
  return DISTRIBUTION_CENTERS.find((dc) => dc.ID === id);
}

function view(channel: ScenarioChannel, dc: DistributionCenter) {
  return { ...dc, ProfileID: profileId(channel) };
}

/** GET /v1/DistributionCenters. */
export function distributionCentersRoute(world: SandboxWorld): Route {
  return restRoute(world, "GET", "/v1/DistributionCenters", (req, channel) => ({
    status: 200,
    body: {
      "@odata.context": `${baseUrl(req.headers.host, channel)}/$metadata#DistributionCenters`,
      value: DISTRIBUTION_CENTERS.map((dc) => view(channel, dc)),
    },
  }));
}
