import type { SandboxResponse } from "../contract.js";
import { odataError } from "./errors.js";
import {
  matchesFilter,
  parseODataFilter,
  unknownField,
} from "./odata-filter.js";

type Entity = Record<string, unknown>;

/** How one entity set answers a list call. */
export interface CollectionSpec {
  /** e.g. `Orders`, for the context URL and error text. */
  entitySet: string;
  /** Absolute URL of the entity set on this sandbox. */
  url: string;
  pageSize: number;
  entities: Entity[];
  query: URLSearchParams;
}

function whole(text: string | null, min: number): number | undefined | null {
  if (text === null || text === "") return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= min ? n : null;
}

function select(entity: Entity, fields: string[]): Entity {
  return Object.fromEntries(fields.map((f) => [f, entity[f]]));
}

/**
 * One page of an OData collection: `$filter`, `$select`, `$skip`, `$top`,
 * `$count`, and `@odata.nextLink` repeating the query with the next `$skip`.
 */
export function collectionPage(spec: CollectionSpec): SandboxResponse {
  const { query } = spec;
  let entities = spec.entities;
  const filterText = query.get("$filter");
  if (filterText !== null && filterText.trim() !== "") {
    const filter = parseODataFilter(filterText);
    if (!filter.ok) return odataError(400, filter.message);
    const sample = entities[0];
    const missing = sample && unknownField(filter.value, sample);
    if (missing) {
      return odataError(
        400,
        `Could not find a property named '${missing}' on ${spec.entitySet}.`,
      );
    }
    entities = entities.filter((e) => matchesFilter(filter.value, e));
  }
  const skip = whole(query.get("$skip"), 0);
  const top = whole(query.get("$top"), 1);
  if (skip === null || top === null) {
    return odataError(400, "$skip and $top must be whole numbers.");
  }
  const start = skip ?? 0;
  const size = Math.min(spec.pageSize, top ?? spec.pageSize);
  const page = entities.slice(start, start + size);
  const fields = (query.get("$select") ?? "")
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f !== "");
  const absent = fields.find((f) => page[0] !== undefined && !(f in page[0]));
  if (absent !== undefined) {
    return odataError(
      400,
      `Could not find a property named '${absent}' on ${spec.entitySet}.`,
    );
  }
  const context =
    fields.length > 0
      ? `${spec.entitySet}(${fields.join(",")})`
      : spec.entitySet;
  const body: Entity = {
    "@odata.context": `${spec.url.replace(/\/[^/]*$/, "")}/$metadata#${context}`,
  };
  if (query.get("$count") === "true") body["@odata.count"] = entities.length;
  body.value = fields.length > 0 ? page.map((e) => select(e, fields)) : page;
  const next = start + page.length;
  const left = top === undefined ? Infinity : top - page.length;
  if (next < entities.length && left > 0) {
    const follow = new URLSearchParams(query);
    follow.set("$skip", String(next));
    if (top !== undefined) follow.set("$top", String(left));
    body["@odata.nextLink"] = `${spec.url}?${follow.toString()}`;
  }
  return { status: 200, body };
}
