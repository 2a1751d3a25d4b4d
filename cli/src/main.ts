/** Process entry of the CLI: wires runVoiceman to stdout/stderr and the exit status. */
import { runVoiceman } from './index.js';

process.exitCode = await runVoiceman(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
