import { ConfigError } from "../errors.js";

/** Refusal of a command whose pipeline is not part of this version. */
export function unavailable(name: string): never {
  throw new ConfigError(`hub ${name} is not available in this version of hub`);
}
