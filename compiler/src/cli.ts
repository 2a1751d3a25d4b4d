/**
 * The `voiceman` command line (Node only):
 *   voiceman compile <flow.json> [-o file]   machine JSON on stdout (or into a file)
 *   voiceman lint <flow.json|dir>... [--json] diagnostics, human or JSON
 * Exit status: 0 fine (warnings allowed), 1 errors in a flow, 2 usage or unreadable input.
 * Subflows resolve by process key from the other flow files in the same directories.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compileFlow, hasErrors, lintFlow, type Diagnostic, type FlowGraph } from './index.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = `usage:
  voiceman compile <flow.json> [-o <file>]
  voiceman lint <flow.json|dir>... [--json]`;

class UsageError extends Error {}

/** Runs the CLI; returns the exit status instead of exiting, for tests and embedding. */
export function runCli(argv: string[], io: CliIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === 'compile') return compileCommand(rest, io);
    if (command === 'lint') return lintCommand(rest, io);
    if (command === '--help' || command === '-h' || command === 'help') {
      io.out(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`voiceman: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    io.err(`voiceman: ${(error as Error).message}\n`);
    return 2;
  }
}

interface FlowFile {
  path: string;
  text: string;
  /** Parsed JSON when it parses (the compiler reports everything else). */
  json?: unknown;
}

function readFlowFile(path: string): FlowFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { path, text, json };
}

/** Every `*.json` flow in the directories of `files`, by process key (for subflows). */
function resolverFor(files: FlowFile[]): (key: string) => FlowGraph | undefined {
  const byKey = new Map<string, unknown>();
  const seen = new Set(files.map((f) => resolve(f.path)));
  const all = [...files];
  for (const dir of new Set(files.map((f) => dirname(resolve(f.path))))) {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!name.endsWith('.json') || seen.has(path)) continue;
      seen.add(path);
      try {
        all.push(readFlowFile(path));
      } catch {
        // an unreadable neighbour is only a problem if someone calls it: "unknown process"
      }
    }
  }
  for (const file of all) {
    const key = (file.json as { process?: { key?: unknown } } | undefined)?.process?.key;
    if (typeof key === 'string' && !byKey.has(key)) byKey.set(key, file.json);
  }
  return (key) => byKey.get(key) as FlowGraph | undefined;
}

function compileCommand(args: string[], io: CliIo): number {
  let output: string | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--output') {
      output = args[++i];
      if (output === undefined) throw new UsageError(`${arg} needs a file name`);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
    else inputs.push(arg);
  }
  if (inputs.length !== 1) throw new UsageError('compile takes exactly one flow file');
  const file = readFlowFile(inputs[0]!);
  const result = compileFlow(file.text, { resolveProcess: resolverFor([file]) });
  for (const d of result.diagnostics) io.err(`${formatDiagnostic(file.path, d)}\n`);
  if (!result.ok) return 1;
  const json = `${JSON.stringify(result.machine, null, 2)}\n`;
  if (output === undefined) io.out(json);
  else {
    try {
      writeFileSync(output, json);
    } catch (error) {
      throw new Error(`cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    io.err(`${output}: ${result.hash}\n`);
  }
  return 0;
}

function lintCommand(args: string[], io: CliIo): number {
  const json = args.includes('--json');
  const unknown = args.find((a) => a.startsWith('-') && a !== '--json');
  if (unknown) throw new UsageError(`unknown option "${unknown}"`);
  const targets = args.filter((a) => !a.startsWith('-'));
  if (targets.length === 0) throw new UsageError('lint needs a flow file or a directory');
  const paths: string[] = [];
  for (const target of targets) {
    let isDir: boolean;
    try {
      isDir = statSync(target).isDirectory();
    } catch {
      throw new Error(`cannot read ${target}: no such file or directory`);
    }
    if (isDir) {
      const found = readdirSync(target).filter((n) => n.endsWith('.json')).sort();
      if (found.length === 0) throw new Error(`no .json flow files in ${target}`);
      paths.push(...found.map((n) => join(target, n)));
    } else paths.push(target);
  }
  const files = paths.map(readFlowFile);
  const resolveProcess = resolverFor(files);
  const report: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const file of files) report.push({ file: file.path, diagnostics: lintFlow(file.text, { resolveProcess }) });
  const failed = report.some((r) => hasErrors(r.diagnostics));
  if (json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else {
    let errors = 0;
    let warnings = 0;
    for (const { file, diagnostics } of report) {
      for (const d of diagnostics) {
        io.out(`${formatDiagnostic(file, d)}\n`);
        if (d.severity === 'error') errors++;
        else warnings++;
      }
    }
    io.out(`${files.length} flow(s): ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return failed ? 1 : 0;
}

/** `file:node: severity code message` (node, edge or field, whichever the finding has). */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.nodeId ?? (d.edgeId ? `edge ${d.edgeId}` : (d.field ?? 'flow'));
  const field = d.nodeId && d.field ? ` [${d.field}${d.start !== undefined ? `@${d.start}` : ''}]` : '';
  return `${file}:${where}: ${d.severity} ${d.code} ${d.message}${field}`;
}
