import { execFileSync } from "node:child_process";

/**
 * Tests that run `hub` as a process need the compiled program: build it once
 * per test run. Type errors are the typecheck step's business, not this one's.
 */
export default function setup(): void {
  try {
    execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"], {
      stdio: "pipe",
    });
  } catch {
    // tsc still emits when it reports errors; the typecheck step fails them.
  }
}
