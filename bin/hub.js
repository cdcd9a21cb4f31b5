#!/usr/bin/env -S node --
// The `--` keeps Node 20 from reading hub's own `--env-file` option as its
// own (Node scans the whole command line for that one flag).
// The compiled program lives in dist/ (built by `npm install` through the
// package's prepare script).
import { guardUnfinishedExit } from "../dist/src/cli/exit-guard.js";
import { main } from "../dist/src/cli/program.js";

const finished = guardUnfinishedExit();
const code = await main(process.argv);
finished();
// Exit explicitly: an HTTP keep-alive socket must not keep a cron job alive.
process.exit(code);
