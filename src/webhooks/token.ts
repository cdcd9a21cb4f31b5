import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares a token from the URL with the configured one in constant time.
 * Both are hashed first so their lengths never show in the timing either.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
