/**
 * The `voiceman` command line. `compile` and `lint` are the compiler's (`@voiceman/compiler/cli`,
 * unchanged); `test` runs scenarios on the simulator (test-command.ts); `package` exports,
 * imports and verifies update packages (package-command.ts). The CLI lives in its own
 * package so the compiler never depends on the simulator.
 */
import { runCli, USAGE, type CliIo } from '@voiceman/compiler/cli';
import { runTestCommand, TEST_USAGE } from './test-command.js';
import { PACKAGE_USAGE, runPackageCommand } from './package-command.js';

export type { CliIo };

export async function runVoiceman(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'test') return runTestCommand(rest, io);
  if (command === 'package') return runPackageCommand(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(`${USAGE}\n${TEST_USAGE}\n${PACKAGE_USAGE}\n`);
    return 0;
  }
  return runCli(argv, io);
}
