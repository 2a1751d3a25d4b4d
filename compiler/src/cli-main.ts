/** Process entry of the CLI: wires runCli to stdout/stderr and the exit status. */
import { runCli } from './cli.js';

process.exitCode = runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
