/**
 * Makes a run that stops before its command finished exit 1. When a
 * promise never settles (a deadlock on a dead database connection, say),
 * Node leaves as soon as nothing is left to wait on, and the exit hooks
 * some dependencies install turn that into exit 0: cron would see success
 * with no output at all. Returns the call that marks the command finished.
 */
export function guardUnfinishedExit(): () => void {
  let finished = false;
  process.on("exit", (code) => {
    if (finished || code !== 0) return;
    process.stderr.write(
      "hub: the command stopped before it finished (nothing left to wait on); " +
        "treat this run as failed, run it again with --verbose and report the output\n",
    );
    process.exitCode = 1;
  });
  return () => {
    finished = true;
  };
}
