/**
 * `voiceman test <dir|file>...`: compiles the flows (subflows from the same folder, reference
 * data from --reference or the folder's reference.json) and runs their `*.scenario.json` on the
 * simulator. Closing line `N passed, N failed`; exit 1 on a failure, 2 on bad usage.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compileFlow, type ReferenceData } from '@voiceman/compiler';
import { failed, FLOW_FILE, readFlowFile, readReference, resolverFor, UsageError, type CliIo, type FlowFile } from '@voiceman/compiler/cli';
import { loadMachine, type LoadedMachine } from '@voiceman/runtime';
import { coverageOf, coverageTotal, machineOutcomes, parseScenario, runScenario, SCENARIO_FILE, ScenarioFormatError, type ProcessCoverage, type Scenario, type ScenarioDifference } from '@voiceman/simulator';
import { runFaults, formatFaultTable } from './faults-command.js';
import { generateCommand } from './generate-command.js';

export const TEST_USAGE = `  voiceman test <dir|scenario.json|flow.json>... [--json] [--coverage [--coverage-out <file>]] [--faults] [--reference <tables.json>]
  voiceman test --generate <flow.json> [-o <dir>] [--reference <tables.json>]`;

/** Reference data picked up beside the flows when --reference is not given. */
import { REFERENCE_FILE } from '@voiceman/compiler/cli';

export { REFERENCE_FILE };

export interface TestOptions {
  targets: string[];
  json: boolean;
  coverage: boolean;
  coverageOut: string;
  faults: boolean;
  generate?: string;
  outDir?: string;
  reference?: string;
}

export interface ScenarioOutcome {
  file: string;
  name: string;
  process: string;
  passed: boolean;
  /** A bad file, an unknown process, a flow that does not compile. */
  error?: string;
  difference?: ScenarioDifference;
  steps: number;
  /** Outcome keys in the order taken. */
  edges: string[];
}

function parseArgs(args: string[]): TestOptions {
  const o: TestOptions = { targets: [], json: false, coverage: false, coverageOut: 'voiceman-coverage.json', faults: false };
  const value = (i: number, arg: string) => {
    const v = args[i];
    if (v === undefined) throw new UsageError(`${arg} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') o.json = true;
    else if (arg === '--coverage') o.coverage = true;
    else if (arg === '--coverage-out') (o.coverage = true), (o.coverageOut = value(++i, arg));
    else if (arg === '--faults') o.faults = true;
    else if (arg === '--generate') o.generate = value(++i, arg);
    else if (arg === '-o' || arg === '--output') o.outDir = value(++i, arg);
    else if (arg === '--reference') o.reference = value(++i, arg);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
    else o.targets.push(arg);
  }
  if (o.generate === undefined && o.targets.length === 0) throw new UsageError('test needs a directory, a scenario file or a flow file');
  return o;
}

const isDir = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    throw new Error(`cannot read ${path}: no such file or directory`);
  }
};
const listDir = (dir: string, suffix: string) => readdirSync(dir).filter((n) => n.endsWith(suffix)).sort().map((n) => join(dir, n));

/** The flows of a folder, compiled once per process key. */
export class FlowFolder {
  private readonly resolver;
  private readonly machines = new Map<string, LoadedMachine | Error>();
  readonly reference: ReferenceData | undefined;
  /** Where the flows (and reference.json) were read. */
  readonly dir: string;

  constructor(dir: string, referencePath?: string) {
    // A folder without flows (the `generated/` that --generate writes beside the flow) uses its
    // parent's, so the skeletons run where they were written.
    if (listDir(dir, FLOW_FILE).length === 0 && listDir(dirname(resolve(dir)), FLOW_FILE).length > 0) dir = dirname(resolve(dir));
    this.dir = dir;
    const files: FlowFile[] = listDir(dir, FLOW_FILE).map(readFlowFile);
    if (files.length === 0) throw new Error(`no ${FLOW_FILE} files in ${dir} or its parent folder`);
    this.resolver = resolverFor(files);
    const beside = join(dir, REFERENCE_FILE);
    const path = referencePath ?? (existsSync(beside) ? beside : undefined);
    this.reference = path === undefined ? undefined : readReference(path);
  }

  /** The loaded machine of a process key, or the reason there is none. */
  machine(key: string): LoadedMachine | Error {
    let m = this.machines.get(key);
    if (m) return m;
    const flow = this.resolver.resolve(key);
    if (!flow) m = new Error(`no flow with process key "${key}" in ${this.dir}`);
    else {
      const result = compileFlow(flow, { resolveProcess: this.resolver.resolve, ...(this.reference ? { referenceData: this.reference } : {}) });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      m = result.ok && result.machine ? loadMachine(result.machine) : new Error(`the flow "${key}" does not compile: ${errors.map((d) => `${d.nodeId ?? d.field ?? 'flow'}: ${d.message}`).join('; ')}`);
    }
    this.machines.set(key, m);
    return m;
  }

  flowKeyOf(path: string): string | undefined {
    const key = (readFlowFile(path).json as { process?: { key?: unknown } } | undefined)?.process?.key;
    return typeof key === 'string' ? key : undefined;
  }
}

/** Scenario files per folder for the targets. */
function collect(targets: string[]): { dir: string; files: string[]; only?: string }[] {
  const out: { dir: string; files: string[]; only?: string }[] = [];
  for (const target of targets) {
    if (isDir(target)) out.push({ dir: target, files: listDir(target, SCENARIO_FILE) });
    else if (target.endsWith(SCENARIO_FILE)) out.push({ dir: dirname(target), files: [target] });
    else if (target.endsWith(FLOW_FILE)) out.push({ dir: dirname(target), files: listDir(dirname(target), SCENARIO_FILE), only: resolve(target) });
    else throw new UsageError(`${target}: not a directory, a ${SCENARIO_FILE} or a ${FLOW_FILE} file`);
  }
  return out;
}

export interface LoadedScenario {
  file: string;
  folder: FlowFolder;
  scenario?: Scenario;
  error?: string;
}

/** Reads and checks the scenarios of the targets; a bad file becomes an entry with its error. */
export function loadScenarios(targets: string[], referencePath?: string): LoadedScenario[] {
  const out: LoadedScenario[] = [];
  for (const { dir, files, only } of collect(targets)) {
    const folder = new FlowFolder(dir, referencePath);
    const onlyKey = only === undefined ? undefined : folder.flowKeyOf(only);
    for (const file of files) {
      let scenario: Scenario;
      try {
        scenario = parseScenario(readFlowFile(file).text, file);
      } catch (error) {
        if (!(error instanceof ScenarioFormatError)) throw error;
        out.push({ file, folder, error: error.message });
        continue;
      }
      if (onlyKey === undefined || scenario.process === onlyKey) out.push({ file, folder, scenario });
    }
  }
  return out;
}

async function runAll(loaded: LoadedScenario[]): Promise<{ results: ScenarioOutcome[]; runs: Map<string, { machine: LoadedMachine; runs: Record<string, number>[] }> }> {
  const results: ScenarioOutcome[] = [];
  const runs = new Map<string, { machine: LoadedMachine; runs: Record<string, number>[] }>();
  for (const { file, folder, scenario, error } of loaded) {
    if (!scenario) {
      results.push({ file, name: basename(file), process: '', passed: false, error: error!, steps: 0, edges: [] });
      continue;
    }
    const machine = folder.machine(scenario.process);
    if (machine instanceof Error) {
      results.push({ file, name: scenario.name, process: scenario.process, passed: false, error: `${file}: ${machine.message}`, steps: 0, edges: [] });
      continue;
    }
    const run = await runScenario(scenario, { machine });
    results.push({ file, name: scenario.name, process: scenario.process, passed: run.passed, ...(run.difference ? { difference: run.difference } : {}), steps: run.steps, edges: run.taken });
    const key = `${resolve(folder.dir)}\0${scenario.process}`;
    const entry = runs.get(key) ?? { machine, runs: [] };
    entry.runs.push(run.outcomes);
    runs.set(key, entry);
  }
  return { results, runs };
}

function printResult(r: ScenarioOutcome, io: CliIo): void {
  io.out(`${r.passed ? 'PASS' : 'FAIL'} ${r.file}  ${r.name}${r.error ? '' : ` (${r.steps} steps)`}\n`);
  if (r.error) io.out(`     ${r.error}\n`);
  if (r.difference) {
    io.out(`     ${r.difference.message}\n`);
    if (r.difference.expected !== undefined) io.out(`     expected: ${JSON.stringify(r.difference.expected)}\n`);
    if (r.difference.actual !== undefined) io.out(`     actual:   ${JSON.stringify(r.difference.actual)}\n`);
    io.out(`     ${r.edges.length} outcomes taken, the last: ${r.edges.slice(-3).join(', ') || 'none'}\n`);
  }
}

export async function runTestCommand(args: string[], io: CliIo): Promise<number> {
  let options: TestOptions;
  try {
    options = parseArgs(args);
    if (options.generate !== undefined) return await generateCommand(options, io);
    const loaded = loadScenarios(options.targets, options.reference);
    if (loaded.length === 0) throw new Error(`no ${SCENARIO_FILE} files in ${options.targets.join(', ')}`);
    const { results, runs } = await runAll(loaded);
    const passed = results.filter((r) => r.passed).length;
    const failed = results.length - passed;
    let coverage: { processes: ProcessCoverage[]; total: number; covered: number; percent: number } | undefined;
    if (options.coverage) {
      const processes = [...runs.entries()].map(([key, { machine, runs: r }]) => coverageOf(key.split('\0')[1]!, machineOutcomes(machine), r.map((outcomes) => ({ outcomes }))));
      coverage = { processes, ...coverageTotal(processes) };
      writeFileSync(options.coverageOut, `${JSON.stringify(coverage, null, 2)}\n`);
    }
    const faults = options.faults ? await runFaults(loaded) : undefined;
    if (options.json) {
      io.out(`${JSON.stringify({ results, passed, failed, ...(coverage ? { coverage } : {}), ...(faults ? { faults } : {}) }, null, 2)}\n`);
    } else {
      for (const r of results) printResult(r, io);
      if (coverage) {
        for (const p of coverage.processes) io.out(`coverage ${p.process}: ${p.percent}% (${p.covered}/${p.total} outcomes)\n`);
        io.out(`coverage: ${coverage.percent}% of outcomes (${coverage.covered}/${coverage.total}); report in ${options.coverageOut}\n`);
      }
      if (faults) io.out(formatFaultTable(faults));
      io.out(`${passed} passed, ${failed} failed\n`);
    }
    return failed > 0 ? 1 : 0;
  } catch (error) {
    return failed(error, io, TEST_USAGE);
  }
}
