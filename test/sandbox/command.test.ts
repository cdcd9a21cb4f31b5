import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hubBin } from "../support/cli.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function waitForFile(file: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const text = await readFile(file, "utf8");
      if (text.includes("HUB_TIME_SCALE")) return text;
    } catch {
      // Not written yet.
    }
    if (Date.now() > until) throw new Error(`${file} was not written within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("hub sandbox as a command", () => {
  it("starts on a free port, writes the env file, and answers an LWA token and a page of Amazon orders", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "hub-sandbox-cmd-"));
    dirs.push(dir);
    const envFile = path.join(dir, "sb.env");
    // Started through its shebang, as `npx hub` does: the `--env-file`
    // option must reach hub, not Node.
    const child = spawn(hubBin, ["sandbox", "--port", "0", "--env-file", envFile], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const env = Object.fromEntries(
        (await waitForFile(envFile, 20_000))
          .trim()
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      ) as Record<string, string>;
      const tokenUrl = env.HUB_CHANNEL_AMAZON_US_TOKEN_URL as string;
      expect(new URL(tokenUrl).hostname).toBe("127.0.0.1");
      const token = await fetch(tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: env.HUB_CHANNEL_AMAZON_US_REFRESH_TOKEN as string,
          client_id: env.HUB_CHANNEL_AMAZON_US_CLIENT_ID as string,
          client_secret: env.HUB_CHANNEL_AMAZON_US_CLIENT_SECRET as string,
        }).toString(),
      });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
      const orders = await fetch(
        `${env.HUB_CHANNEL_AMAZON_US_URL}/orders/2026-01-01/orders?marketplaceIds=ATVPDKIKX0DER&lastUpdatedAfter=${since}`,
        { headers: { "x-amz-access-token": accessToken } },
      );
      expect(orders.status).toBe(200);
      const page = (await orders.json()) as { orders: unknown[] };
      expect(page.orders.length).toBeGreaterThan(0);
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("close", r));
    }
  });
});
