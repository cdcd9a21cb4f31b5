import { describe, expect, it } from "vitest";
import { nextAttemptAt } from "../../src/pipelines/push-tracking/retry.js";

const NOW = new Date("2026-03-02T10:00:00Z");
const minutesUntil = (at: Date) => (at.getTime() - NOW.getTime()) / 60_000;

describe("tracking push backoff", () => {
  it("waits 10 minutes after the first failure, doubling, never over a day", () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => minutesUntil(nextAttemptAt(NOW, n, none)))).toEqual([10, 20, 40, 80, 160]);
    expect(minutesUntil(nextAttemptAt(NOW, 20, none))).toBe(24 * 60);
  });

  it("adds at most a tenth at random, so failed pushes do not bunch", () => {
    expect(minutesUntil(nextAttemptAt(NOW, 1, () => 0.999))).toBeCloseTo(10.999, 3);
  });

  it("shortens the wait by HUB_TIME_SCALE as every vendor wait is", () => {
    expect(minutesUntil(nextAttemptAt(NOW, 1, () => 0, 60))).toBeCloseTo(10 / 60, 6);
  });
});
