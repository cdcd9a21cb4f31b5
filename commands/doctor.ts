import type { CommandSpec } from "../src/cli/command-spec.js";
import { skippedOutcome } from "../src/cli/command-spec.js";
import { renderDoctor } from "../src/ops/doctor-render.js";
import {
  runDoctor,
  unreachableDatabase,
  type DoctorReport,
} from "../src/ops/doctor.js";
import { withDatabase } from "../src/runs/run-pipeline.js";

/** `hub doctor`: configuration, credentials, tokens, clocks, database. */
export const doctorCommand: CommandSpec = {
  name: "doctor",
  description:
    "check configuration, credentials, token expiry, clock skew, database " +
    "and migrations; prints each failure with its fix; exits 1 if any fails",
  configure: (command) => command,
  async run(ctx) {
    let outcome: DoctorReport | { skipped: string };
    try {
      outcome = await withDatabase(ctx, (db) =>
        runDoctor(db.knex, ctx.options.target.kind, ctx.logger),
      );
    } catch (error) {
      // Every check inside catches its own errors: what reaches here is
      // the database refusing to open.
      outcome = unreachableDatabase(error);
    }
    if ("skipped" in outcome) return skippedOutcome(outcome.skipped);
    const report = outcome;
    return {
      status: report.ok ? "succeeded" : "failed",
      result: report,
      render: (out) => renderDoctor(out, report),
    };
  },
};
