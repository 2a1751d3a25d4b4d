/**
 * The `voiceman` command line (Node only):
 *   voiceman compile <flow.json> [-o file] [--pretty] [--reference tables.json]
 *       canonical machine JSON (the bytes the hash is taken of) on stdout or into a file
 *   voiceman lint <flow.json|dir>... [--json]   diagnostics, human or JSON
 * Exit status: 0 fine (warnings allowed), 1 errors in a flow, 2 usage or unreadable input.
 * Only the named flows (a directory names all of its flows) are linted and reported; the other
 * `*.flow.json` files in the same directories are read only to resolve subflows by process key,
 * and a named flow sharing its key with another file is an error (`process-key-duplicate`).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { diag } from './diagnostics.js';
import { compileFlow, hasErrors, lintFlow, type Diagnostic, type FlowGraph, type ReferenceData } from './index.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `usage:
  voiceman compile <flow.json> [-o <file>] [--pretty] [--reference <tables.json>]   (default: reference.json beside the flow)
  voiceman lint <flow.json|dir>... [--json]`;

export const FLOW_FILE = '.flow.json';

export class UsageError extends Error {}

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
    return failed(error, io, USAGE);
  }
}

/** Bad usage (with the usage text) or unreadable input: the message on stderr, exit status 2. */
export function failed(error: unknown, io: CliIo, usage: string): number {
  io.err(error instanceof UsageError ? `voiceman: ${error.message}\n${usage}\n` : `voiceman: ${(error as Error).message}\n`);
  return 2;
}

export interface FlowFile {
  path: string;
  text: string;
  /** Parsed JSON when it parses (the compiler reports everything else). */
  json?: unknown;
}

export function readFlowFile(path: string): FlowFile {
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

export interface Resolver {
  resolve: (key: string) => FlowGraph | undefined;
  /** Files that repeat a process key another file already has: `[file, key, first file]`. */
  duplicates: [string, string, string][];
}

/** Every `*.flow.json` flow in the directories of `files`, by process key (for subflows). */
export function resolverFor(files: FlowFile[]): Resolver {
  const byKey = new Map<string, FlowFile>();
  const duplicates: [string, string, string][] = [];
  const seen = new Set(files.map((f) => resolve(f.path)));
  const all = [...files];
  for (const dir of new Set(files.map((f) => dirname(resolve(f.path))))) {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!name.endsWith(FLOW_FILE) || seen.has(path)) continue;
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
    if (typeof key !== 'string') continue;
    const first = byKey.get(key);
    if (first) duplicates.push([file.path, key, first.path]);
    else byKey.set(key, file);
  }
  return { resolve: (key) => byKey.get(key)?.json as FlowGraph | undefined, duplicates };
}

/**
 * Duplicate process keys that involve a file the user named, as diagnostics of that file: two
 * neighbours that share a key are theirs to lint, not this command's.
 */
export function duplicateReport(resolver: Resolver, named: readonly FlowFile[]): { file: string; diagnostics: Diagnostic[] }[] {
  const paths = new Set(named.map((f) => resolve(f.path)));
  const report: { file: string; diagnostics: Diagnostic[] }[] = [];
  for (const [file, key, first] of resolver.duplicates) {
    const [own, other] = paths.has(resolve(file)) ? [file, first] : paths.has(resolve(first)) ? [first, file] : [];
    if (own === undefined) continue;
    report.push({
      file: own,
      diagnostics: [diag('process-key-duplicate', `Process key "${key}" is also the key of ${other}; a subflow call would be ambiguous. Give each process its own key.`, { field: '/process/key' })],
    });
  }
  return report;
}

/** The reference tables a folder of flows keeps beside them, read when `--reference` is not given. */
export const REFERENCE_FILE = 'reference.json';

/** `--reference` file: table name → { revision, rows: [{ key, value }] }, checked strictly. */
export function readReference(path: string): ReferenceData {
  const file = readFlowFile(path);
  const fail = (why: string): never => {
    throw new Error(`${path}: ${why} (expected { "<table>": { "revision": <integer>, "rows": [{ "key": "…", "value": "…" }] } })`);
  };
  const json = file.json;
  if (json === undefined) fail('not JSON');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail('not an object');
  for (const [table, value] of Object.entries(json as Record<string, unknown>)) {
    const t = value as { revision?: unknown; rows?: unknown };
    if (typeof t !== 'object' || t === null || !Number.isInteger(t.revision) || !Array.isArray(t.rows)) fail(`table "${table}" needs an integer revision and a rows array`);
    for (const row of t.rows as unknown[]) {
      const r = row as { key?: unknown; value?: unknown };
      if (typeof r !== 'object' || r === null || typeof r.key !== 'string' || typeof r.value !== 'string') fail(`table "${table}" has a row without a string key and value`);
    }
  }
  return json as ReferenceData;
}

function compileCommand(args: string[], io: CliIo): number {
  let output: string | undefined;
  let referencePath: string | undefined;
  let pretty = false;
  const inputs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-o' || arg === '--output') {
      output = args[++i];
      if (output === undefined) throw new UsageError(`${arg} needs a file name`);
    } else if (arg === '--reference') {
      referencePath = args[++i];
      if (referencePath === undefined) throw new UsageError(`${arg} needs a file name`);
    } else if (arg === '--pretty') pretty = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
    else inputs.push(arg);
  }
  if (inputs.length !== 1) throw new UsageError('compile takes exactly one flow file');
  const file = readFlowFile(inputs[0]!);
  // Without --reference, the tables of a `reference.json` beside the flow (as `voiceman test` reads them).
  const besideFlow = join(dirname(file.path), REFERENCE_FILE);
  const referenceFrom = referencePath ?? (existsSync(besideFlow) ? besideFlow : undefined);
  if (referencePath === undefined && referenceFrom !== undefined) io.err(`reference tables: ${referenceFrom}\n`);
  const referenceData = referenceFrom === undefined ? undefined : readReference(referenceFrom);
  const resolver = resolverFor([file]);
  const duplicates = duplicateReport(resolver, [file]);
  for (const { file: path, diagnostics } of duplicates) for (const d of diagnostics) io.err(`${formatDiagnostic(path, d)}\n`);
  const result = compileFlow(file.text, { resolveProcess: resolver.resolve, ...(referenceData ? { referenceData } : {}) });
  for (const d of result.diagnostics) io.err(`${formatDiagnostic(file.path, d)}\n`);
  if (!result.ok || duplicates.length > 0) return 1;
  // The canonical bytes by default, so `sha256sum` of the output equals the printed hash.
  const json = pretty ? `${JSON.stringify(result.machine, null, 2)}\n` : result.canonical!;
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
      const found = readdirSync(target).filter((n) => n.endsWith(FLOW_FILE)).sort();
      if (found.length === 0) throw new Error(`no ${FLOW_FILE} files in ${target}`);
      paths.push(...found.map((n) => join(target, n)));
    } else paths.push(target);
  }
  const files = paths.map(readFlowFile);
  const resolver = resolverFor(files);
  const report: { file: string; diagnostics: Diagnostic[] }[] = duplicateReport(resolver, files);
  for (const file of files) report.push({ file: file.path, diagnostics: lintFlow(file.text, { resolveProcess: resolver.resolve }) });
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
