/** Small measuring helpers shared by the workers. */

/** The median of some numbers (the mean of the middle two when even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  if (sorted.length % 2 === 1) return sorted[mid] ?? Number.NaN;
  return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** CPU seconds (user + system) this process spent since `start`. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * The process's peak resident set so far, in MB. Each benchmark runs in a
 * fresh process, so this is the peak of that benchmark (Node's own ~40 MB
 * included).
 */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Resident set now, in MB. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

/** Seconds elapsed since a `performance.now()` reading. */
export function secondsSince(startMs: number): number {
  return (performance.now() - startMs) / 1000;
}

export const fmt = {
  seconds: (n: number): string => `${n.toFixed(2)} s`,
  megabytes: (n: number): string => `${n.toFixed(0)} MB`,
  ratio: (n: number): string => `${n.toFixed(3)}×`,
  count: (n: number): string => n.toLocaleString("en-US"),
  bytes: (n: number): string =>
    n >= 1024 * 1024
      ? `${(n / 1024 / 1024).toFixed(1)} MiB`
      : `${(n / 1024).toFixed(1)} KiB`,
};
