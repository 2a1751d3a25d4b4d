/** `voiceman test --generate <flow>` (filled in by the generated-paths step). */
import type { CliIo } from '@voiceman/compiler/cli';
import type { TestOptions } from './test-command.js';

export async function generateCommand(_options: TestOptions, io: CliIo): Promise<number> {
  io.err('voiceman: --generate is not available yet\n');
  return 2;
}
