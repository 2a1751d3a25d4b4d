/** The compile pool's worker (piscina): one compile per task, on its own thread. */
import { compileFlow, type CompileResult } from '@voiceman/compiler';
import { compileInput, type CompileInput } from './compile.js';

export default function compileTask(input: CompileInput): CompileResult {
  return compileInput(compileFlow, input);
}
