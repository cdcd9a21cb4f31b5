import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runHub } from "../support/cli.js";
import { createHubWorld, type HubWorld } from "../support/hub-world.js";

interface Check {
  check: string;
  subject: string;
  outcome: string;
  detail: string;
  fix?: string;
}

let world: HubWorld;

beforeAll(async () => {
  world = await createHubWorld();
});
afterAll(async () => {
  await world.close();
});

async function doctor(env: Record<string, string>) {
  const run = await runHub(["doctor", "--json"], env);
  const report = JSON.parse(run.stdout) as { ok: boolean; checks: Check[] };
  return { run, report };
}

function withoutKey(env: Record<string, string>, key: string) {
  const copy = { ...env };
  delete copy[key];
  return copy;
}

describe("hub doctor against the sandbox", () => {
  it("passes every check with the sandbox environment", async () => {
    const { run, report } = await doctor(world.env);
    expect(run.code, run.stderr).toBe(0);
    expect(report.checks.filter((c) => c.outcome === "fail")).toEqual([]);
    const credentials = report.checks
      .filter((c) => c.check === "credentials")
      .map((c) => c.subject)
      .sort();
    const channels = world.sandbox.world.scenario.channels.map((c) => c.id);
    expect(credentials).toEqual([...channels, "shipstation", "zoho"].sort());
    // The sandbox answers with Date headers from this very clock.
    const clocks = report.checks.filter((c) => c.check === "clock");
    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((c) => c.outcome === "pass")).toBe(true);
    expect(
      report.checks.some(
        (c) => c.check === "migrations" && c.outcome === "pass",
      ),
    ).toBe(true);
  });

  it("fails a refused ShipStation secret and says what to check", async () => {
    const { run, report } = await doctor({
      ...world.env,
      HUB_SHIPSTATION_API_SECRET: "wrong-secret",
    });
    expect(run.code).toBe(1);
    const failed = report.checks.filter((c) => c.outcome === "fail");
    expect(failed.map((c) => `${c.check}/${c.subject}`)).toEqual([
      "credentials/shipstation",
    ]);
    expect(failed[0]?.fix).toContain("HUB_SHIPSTATION_API_SECRET");
  });

  it("fails a refused Mirakl API key on that channel only", async () => {
    const mirakl = world.sandbox.world.scenario.channels.find(
      (c) => c.kind === "mirakl",
    );
    expect(mirakl).toBeDefined();
    const id = mirakl?.id ?? "";
    const variable = `HUB_CHANNEL_${id.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_API_KEY`;
    const { run, report } = await doctor({
      ...world.env,
      [variable]: "not-the-key",
    });
    expect(run.code).toBe(1);
    const failed = report.checks.filter((c) => c.outcome === "fail");
    expect(failed.map((c) => `${c.check}/${c.subject}`)).toEqual([
      `credentials/${id}`,
    ]);
    expect(failed[0]?.fix).toContain(variable);
  });

  it("says a rate-limited check judged nothing, instead of blaming the network", async () => {
    const mirakl = world.sandbox.world.scenario.channels.find((c) => c.kind === "mirakl");
    const id = mirakl?.id ?? "";
    world.sandbox.setFaults([{ endpoint: `${id} GET`, kind: "429" }]);
    try {
      const { run, report } = await doctor(world.env);
      expect(run.code).toBe(1);
      const failed = report.checks.filter((c) => c.outcome === "fail");
      expect(failed.map((c) => `${c.check}/${c.subject}`)).toEqual([`credentials/${id}`]);
      expect(failed[0]?.fix).toContain("limiting calls");
    } finally {
      world.sandbox.clearFaults();
    }
  });

  it("names a missing variable and does not call that API", async () => {
    const { run, report } = await doctor(
      withoutKey(world.env, "HUB_ZOHO_REFRESH_TOKEN"),
    );
    expect(run.code).toBe(1);
    const zoho = report.checks.filter((c) => c.subject === "zoho");
    expect(zoho).toHaveLength(1);
    expect(zoho[0]).toMatchObject({ check: "config", outcome: "fail" });
    expect(zoho[0]?.detail).toContain("HUB_ZOHO_REFRESH_TOKEN");
    expect(zoho[0]?.fix).toContain("HUB_ZOHO_REFRESH_TOKEN");
  });

  it("prints a table with the fix when not asked for JSON", async () => {
    const run = await runHub(["doctor"], {
      ...world.env,
      HUB_SHIPSTATION_API_SECRET: "wrong-secret",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("credentials");
    expect(run.stdout).toContain("HUB_SHIPSTATION_API_SECRET");
    expect(run.stdout).toMatch(/doctor: 1 check\(s\) failed/);
  });
});
