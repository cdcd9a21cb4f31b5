import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// The compiled module, as bin/hub.js loads it (`npm test` builds first).
const GUARD = pathToFileURL(path.join(ROOT, "dist/src/cli/exit-guard.js")).href;

/** Runs a small ES module in a child Node, from the project folder. */
function run(body: string): { code: number | null; stderr: string } {
  const script = `
    import { onExit } from "signal-exit";
    import { guardUnfinishedExit } from ${JSON.stringify(GUARD)};
    // An exit hook like the ones ora and proper-lockfile install.
    onExit(() => {});
    const finished = guardUnfinishedExit();
    ${body}
  `;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 20_000,
  });
  return { code: child.status, stderr: child.stderr };
}

describe("a command that never finishes", () => {
  it("exits 1 with a message instead of a silent 0", () => {
    const hung = run("await new Promise(() => {});");
    expect(hung.code).toBe(1);
    expect(hung.stderr).toContain("stopped before it finished");
  });

  it("leaves a finished command's own exit code alone", () => {
    expect(run("finished(); process.exitCode = 0;").code).toBe(0);
    expect(run("finished(); process.exit(2);").code).toBe(2);
    expect(run("await new Promise(() => {}); finished();").code).toBe(1);
  });
});
