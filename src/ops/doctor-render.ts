import type { Output } from "../cli/output.js";
import type { DoctorReport } from "./doctor.js";

/** Prints the doctor's checks as one table, fixes beside failures. */
export function renderDoctor(out: Output, report: DoctorReport): void {
  const tone = { pass: "good", warn: "warn", fail: "bad" } as const;
  out.table(
    "doctor",
    ["check", "subject", "result", "detail", "fix"],
    report.checks.map((c) => [
      c.check,
      c.subject,
      out.tone(c.outcome, tone[c.outcome]),
      c.detail,
      c.fix ?? "",
    ]),
  );
  const failed = report.checks.filter((c) => c.outcome === "fail").length;
  out.line(
    failed === 0
      ? out.tone("doctor: all checks passed", "good")
      : out.tone(
          `doctor: ${failed} check(s) failed: apply the fixes above`,
          "bad",
        ),
  );
}
