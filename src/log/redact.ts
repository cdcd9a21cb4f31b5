/**
 * Secrets must never reach a log line or a run row: keys that look like
 * credentials are masked wherever they appear, and the values of credential
 * environment variables are masked inside free text too.
 */

// Field names that hold credentials, compared without case, `-`, `_` or
// spaces; a call counter named after an operation ("lwaToken") is not one.
const SECRET_KEYS = new Set([
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "authorization",
  "password",
  "passwd",
  "apikey",
  "apisecret",
  "clientsecret",
  "secret",
  "xamzaccesstoken",
  "cookie",
  "setcookie",
  "credentials",
]);

function isSecretKey(key: string): boolean {
  const plain = key.toLowerCase().replace(/[-_ ]/g, "");
  return SECRET_KEYS.has(plain) || plain.endsWith("secret") || plain.endsWith("password");
}

const MASK = "[redacted]";

/** Values of HUB_* environment variables that hold credentials. */
export function secretValuesFromEnv(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env)
    .filter(([name, value]) => name.startsWith("HUB_") && value)
    .filter(([name]) => /SECRET|TOKEN|KEY|PASSWORD/.test(name))
    .filter(([name]) => !name.endsWith("_URL"))
    .map(([, value]) => value as string)
    .filter((value) => value.length >= 6);
}

/** Masks secret values inside a string. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(MASK);
  // Bearer and Basic credentials seen in error messages or echoed headers.
  return out.replace(
    /\b(Bearer|Basic|Zoho-oauthtoken)\s+[A-Za-z0-9._~+/=-]+/g,
    `$1 ${MASK}`,
  );
}

/** A deep copy of a value with secret-looking keys and values masked. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  return walk(value, secrets, 0);
}

function walk(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (depth > 8) return "[deep]";
  if (typeof value === "string") return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets, depth + 1));
  if (value instanceof Error) return redactText(value.message, secrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? MASK : walk(inner, secrets, depth + 1);
    }
    return out;
  }
  return value;
}
