import { afterEach, describe, expect, it } from "vitest";
import {
  formatPacific,
  pacificDay,
  pacificIso,
  parsePacific,
} from "../../src/shipstation/pacific-time.js";

const iso = (d: Date | undefined) => d?.toISOString();

describe("ShipStation Pacific time (case B03)", () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("reads the repeated fall-back hour as the earlier (daylight) instant", () => {
    const d = parsePacific("2024-11-03T01:30:00.0000000");
    expect(iso(d)).toBe("2024-11-03T08:30:00.000Z");
    // Read as UTC it would fall before the 08:20Z watermark.
    expect(d && d > new Date("2024-11-03T08:20:00Z")).toBe(true);
  });

  it("moves the skipped spring-forward hour forward instead of throwing", () => {
    expect(iso(parsePacific("2024-03-10T02:30:00.0000000"))).toBe(
      "2024-03-10T10:30:00.000Z",
    );
  });

  it("uses UTC−8 in winter and UTC−7 in summer, with fractions", () => {
    expect(iso(parsePacific("2025-01-02T07:10:11.7070000"))).toBe(
      "2025-01-02T15:10:11.707Z",
    );
    expect(iso(parsePacific("2015-06-29T08:46:27.0000000"))).toBe(
      "2015-06-29T15:46:27.000Z",
    );
    expect(iso(parsePacific("2015-07-02"))).toBe("2015-07-02T07:00:00.000Z");
    expect(iso(parsePacific("2024-11-03 00:59:59"))).toBe(
      "2024-11-03T07:59:59.000Z",
    );
    expect(iso(parsePacific("2024-11-03 02:00:00"))).toBe(
      "2024-11-03T10:00:00.000Z",
    );
  });

  it("refuses text that is not a date", () => {
    expect(parsePacific("yesterday")).toBeUndefined();
    expect(parsePacific("2024-11-03T01:30:00Z")).toBeUndefined();
  });

  it("formats instants for query filters on both sides of each change", () => {
    expect(formatPacific(new Date("2024-11-03T08:20:00Z"))).toBe(
      "2024-11-03 01:20:00",
    );
    expect(formatPacific(new Date("2024-11-03T09:20:00Z"))).toBe(
      "2024-11-03 01:20:00",
    );
    expect(formatPacific(new Date("2024-11-03T10:20:00Z"))).toBe(
      "2024-11-03 02:20:00",
    );
    expect(formatPacific(new Date("2024-03-10T09:59:59Z"))).toBe(
      "2024-03-10 01:59:59",
    );
    expect(formatPacific(new Date("2024-03-10T10:00:00Z"))).toBe(
      "2024-03-10 03:00:00",
    );
    expect(pacificDay(new Date("2025-01-03T06:00:00Z"))).toBe("2025-01-02");
  });

  it("writes an explicit offset, never a naive string", () => {
    expect(pacificIso(new Date("2024-11-03T08:30:00Z"))).toBe(
      "2024-11-03T01:30:00-07:00",
    );
    expect(pacificIso(new Date("2024-11-03T09:30:00Z"))).toBe(
      "2024-11-03T01:30:00-08:00",
    );
    expect(pacificIso(new Date("2024-03-10T10:30:00Z"))).toBe(
      "2024-03-10T03:30:00-07:00",
    );
  });

  it("round-trips every quarter hour across both 2024 changes", () => {
    const windows = [
      [Date.UTC(2024, 2, 9, 20), Date.UTC(2024, 2, 10, 20)],
      [Date.UTC(2024, 10, 2, 20), Date.UTC(2024, 10, 3, 20)],
    ];
    for (const [from = 0, to = 0] of windows) {
      for (let t = from; t < to; t += 15 * 60_000) {
        const d = new Date(t);
        const back = parsePacific(formatPacific(d));
        // The second 01:xx of November reads as the first: one hour early.
        const repeated = back && back.getTime() === t - 3_600_000;
        expect(back?.getTime() === t || repeated).toBe(true);
      }
    }
  });

  it("gives the same answers whatever the host time zone", () => {
    process.env.TZ = "Europe/Berlin";
    const berlin = [
      iso(parsePacific("2024-11-03T01:30:00.0000000")),
      formatPacific(new Date("2024-11-03T08:20:00Z")),
    ];
    process.env.TZ = "UTC";
    const utc = [
      iso(parsePacific("2024-11-03T01:30:00.0000000")),
      formatPacific(new Date("2024-11-03T08:20:00Z")),
    ];
    expect(berlin).toEqual(utc);
    expect(utc[0]).toBe("2024-11-03T08:30:00.000Z");
  });
});
