import type { Route } from "./contract.js";

/** A route pattern compiled to a regular expression over the whole path. */
export interface CompiledRoute {
  route: Route;
  regex: RegExp;
  names: string[];
  /** Number of parameters; fewer wins when two patterns match. */
  weight: number;
}

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

function escapeLiteral(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Compiles an Express-style pattern. A parameter may sit inside a segment,
 * as Rithum's OData paths need (`/v1/Orders(:id)/Ship`).
 */
export function compileRoute(route: Route): CompiledRoute {
  const names: string[] = [];
  let source = "";
  let last = 0;
  for (const m of route.path.matchAll(PARAM)) {
    source += escapeLiteral(route.path.slice(last, m.index));
    source += "([^/]+?)";
    names.push(m[1] ?? "");
    last = m.index + m[0].length;
  }
  source += escapeLiteral(route.path.slice(last));
  const regex = new RegExp(`^${source}/?$`);
  return { route, regex, names, weight: names.length };
}

/** A successful match of a path against a route. */
export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Finds the route for a method and path; literal routes beat patterns. */
export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
): RouteMatch | undefined {
  let best: CompiledRoute | undefined;
  let bestParams: Record<string, string> = {};
  for (const compiled of routes) {
    if (compiled.route.method !== method) continue;
    const m = compiled.regex.exec(path);
    if (!m) continue;
    if (best && best.weight <= compiled.weight) continue;
    const params: Record<string, string> = {};
    compiled.names.forEach((name, i) => {
      params[name] = decode(m[i + 1] ?? "");
    });
    best = compiled;
    bestParams = params;
  }
  return best ? { route: best.route, params: bestParams } : undefined;
}
