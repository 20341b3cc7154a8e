/**
 * The `ctconf` command (bundled as dist/cli.js, run by bin/ctconf). The code is in cli/:
 * args.ts (parseArgs), config.ts (.ctconf.json), walk.ts (directories), main.ts (the check),
 * output/ (text, json, sarif, gitlab) and run.ts (the process around it).
 */
import { setFlagsFromString } from 'node:v8';
import { runCli } from './cli/run';

export { main } from './cli/main';

if (require.main === module) {
  // On V8 11 (Node 20), four times the default budget before a function is optimised: in a run of
  // half a second most optimising compiles finished too late to pay for themselves. 2,000 host
  // configs: 496 -> 447 ms (medians of 25 alternating runs; as a command-line flag, 2, 8 and 16
  // times the budget did less: 442, 441, 446 ms against 427 ms for 4 times); a 1,000,000-line
  // config within the spread of its runs (2.43 -> 2.54 s and 3.35 -> 3.27 s). Later V8s tier up
  // by invocation counts instead (and refuse this flag), so they keep their defaults.
  if (process.versions.v8.startsWith('11.')) setFlagsFromString('--interrupt-budget=270336');
  runCli();
}
