/**
 * `voiceman test --generate <flow.json> [-o dir]`: scenario skeletons that together take every
 * outcome of the process the search reaches (simulator `generatePaths`), WMS answers from the
 * folder's scenarios of that process; writes them for review and names what it could not reach.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError, type CliIo } from '@voiceman/compiler/cli';
import { exampleStubs, generatePaths } from '@voiceman/simulator';
import { FlowFolder, loadScenarios, type TestOptions } from './test-command.js';

export async function generateCommand(options: TestOptions, io: CliIo): Promise<number> {
  const flowPath = options.generate!;
  if (!flowPath.endsWith('.flow.json')) throw new UsageError('--generate takes a .flow.json file');
  const folder = new FlowFolder(dirname(flowPath), options.reference);
  const key = folder.flowKeyOf(flowPath);
  if (key === undefined) throw new Error(`${flowPath}: no process key`);
  const machine = folder.machine(key);
  if (machine instanceof Error) throw machine;
  const recorded = loadScenarios([flowPath], options.reference).flatMap((l) => (l.scenario ? [l.scenario] : []));
  const generated = await generatePaths({ machine, process: key, examples: exampleStubs(recorded) });
  const out = options.outDir ?? join(dirname(flowPath), 'generated');
  mkdirSync(out, { recursive: true });
  generated.scenarios.forEach((s, i) => writeFileSync(join(out, `${key}.generated-${String(i + 1).padStart(2, '0')}.scenario.json`), `${JSON.stringify(s, null, 2)}\n`));
  const report = { process: key, total: generated.total, covered: generated.covered.length, scenarios: generated.scenarios.length, sends: generated.sends, exhausted: generated.exhausted, unreached: generated.unreached };
  writeFileSync(join(out, `${key}.generated-report.json`), `${JSON.stringify(report, null, 2)}\n`);
  if (options.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.out(`${key}: ${generated.scenarios.length} scenarios in ${out}, ${generated.covered.length}/${generated.total} outcomes${generated.exhausted ? ' (search budget used up)' : ''}\n`);
    for (const u of generated.unreached) io.out(`  not reached: ${u.key}: ${u.reason}\n`);
    io.out(`review them, run them with: npx voiceman test ${out}\nand move the ones to keep beside the flow\n`);
  }
  return 0;
}
