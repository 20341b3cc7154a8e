/**
 * The `ctconf` command (bundled as dist/cli.js, run by bin/ctconf). The code is in cli/:
 * args.ts (parseArgs), config.ts (.ctconf.json), walk.ts (directories), main.ts (the check),
 * output/ (text, json, sarif, gitlab) and run.ts (the process around it).
 */
import { runCli } from './cli/run';

export { main } from './cli/main';

if (require.main === module) runCli();
