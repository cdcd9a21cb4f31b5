/** The first retry waits this long; each later one twice the one before. */
export const RETRY_BASE_MINUTES = 10;
/** No retry waits longer than a day. */
export const RETRY_MAX_MINUTES = 24 * 60;
/** Up to this share is added at random, so failed pushes do not bunch. */
const JITTER = 0.1;

/**
 * When a package that failed `attempts` times (1 after the first failure)
 * may be pushed again. `timeScale` (HUB_TIME_SCALE) shortens the wait as
 * it shortens every vendor wait, so a sped-up sandbox retries as soon,
 * in vendor time, as production would.
 */
export function nextAttemptAt(
  now: Date,
  attempts: number,
  random: () => number = Math.random,
  timeScale = 1,
): Date {
  const exponent = Math.max(0, attempts - 1);
  const minutes = Math.min(
    RETRY_MAX_MINUTES,
    RETRY_BASE_MINUTES * 2 ** exponent,
  );
  const jittered = minutes * (1 + JITTER * random());
  return new Date(now.getTime() + (jittered * 60_000) / timeScale);
}
