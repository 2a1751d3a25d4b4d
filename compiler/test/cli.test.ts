import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.js';
import { baseFlow, fixturesDir } from './helpers.js';

const bin = fileURLToPath(new URL('../bin/voiceman.js', import.meta.url));
const fixtures = fileURLToPath(fixturesDir);

/** The real bin in a child process: its exit status and its two streams. */
function voicemanChild(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/**
 * The same command in this process: `runCli` is all the bin runs (src/cli-main.ts wires it to
 * stdout, stderr and the exit status; the child-process tests below check that wiring), so the
 * other cases skip a tsx start of ~1-3 s each.
 */
async function voiceman(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = runCli(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'voiceman-cli-'));
}

describe('voiceman CLI', { timeout: 60_000 }, () => {
  it('compiles a flow, resolving its subflow from the same directory (the bin, a child process)', async () => {
    const { code, stdout } = await voicemanChild('compile', join(fixtures, 'case-picking.flow.json'));
    expect(code).toBe(0);
    const machine = JSON.parse(stdout);
    expect(machine.id).toBe('case-picking');
    expect(machine.states.signOn.initial).toBe('signOn/start');
  });

  it('writes the canonical machine to -o and prints its hash: sha256 of the file is that hash (the bin)', async () => {
    const out = join(tempDir(), 'machine.json');
    const { code, stderr } = await voicemanChild('compile', join(fixtures, 'sign-on.flow.json'), '-o', out);
    expect(code).toBe(0);
    const bytes = readFileSync(out);
    expect(JSON.parse(bytes.toString('utf8')).id).toBe('sign-on');
    const printed = /([0-9a-f]{64})/.exec(stderr)?.[1];
    expect(printed).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it("runs the README's compile command as written: the examples' reference.json beside the flows is read", async () => {
    const out = join(tempDir(), 'case-picking.machine.json');
    const examples = fileURLToPath(new URL('../../examples/flows/', import.meta.url));
    const { code, stderr } = await voiceman('compile', join(examples, 'case-picking.flow.json'), '-o', out);
    expect(code, stderr).toBe(0);
    expect(stderr).toContain('reference.json');
    expect(JSON.parse(readFileSync(out, 'utf8')).meta.vm.reference.short_reasons.rows).toMatchObject({ damaged: 'DMG' });
  });

  it('indents with --pretty', async () => {
    const plain = await voiceman('compile', join(fixtures, 'sign-on.flow.json'));
    const pretty = await voiceman('compile', join(fixtures, 'sign-on.flow.json'), '--pretty');
    expect(plain.stdout).not.toContain('\n');
    expect(pretty.stdout).toContain('\n  "id": "sign-on"');
    expect(JSON.parse(pretty.stdout)).toEqual(JSON.parse(plain.stdout));
  });

  it('lints only *.flow.json files of a directory; two files with one process key are an error', async () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'sign-on.flow.json'));
    writeFileSync(join(dir, 'machine.json'), '{ "not": "a flow" }');
    const clean = await voiceman('lint', dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('1 flow(s): 0 error(s)');
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'sign-on-copy.flow.json'));
    const twice = await voiceman('lint', dir);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toContain('error process-key-duplicate Process key "sign-on"');
  });

  it('lints only the file named: another flow in its folder is read for subflows, never reported', async () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'case-picking.flow.json'), join(dir, 'case-picking.flow.json'));
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'sign-on.flow.json'));
    // Two neighbours that share a key, and one with an error of its own: none of them is named.
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'sign-on-copy.flow.json'));
    const broken = baseFlow();
    broken.process.key = 'broken';
    broken.edges = broken.edges.filter((e) => e.id !== 'e2');
    writeFileSync(join(dir, 'broken.flow.json'), JSON.stringify(broken));
    const one = await voiceman('lint', join(dir, 'case-picking.flow.json'));
    expect(one.stdout).toBe('1 flow(s): 0 error(s), 0 warning(s)\n');
    expect(one.code).toBe(0);
    // The folder names them all: then each one's problems are reported.
    const all = await voiceman('lint', dir);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('process-key-duplicate');
    expect(all.stdout).toContain('broken.flow.json:ask1: error dead-end');
  });

  it('a named flow that shares its key with a neighbour is reported on the named file', async () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'a.flow.json'));
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'b.flow.json'));
    const { code, stdout } = await voiceman('lint', join(dir, 'b.flow.json'));
    expect(code).toBe(1);
    expect(stdout).toContain(`${join(dir, 'b.flow.json')}:/process/key: error process-key-duplicate Process key "sign-on" is also the key of ${join(dir, 'a.flow.json')}`);
  });

  it('a flow that reads a reference table, compiled without tables, is a clear reference-missing, not a compiler failure', async () => {
    const dir = tempDir();
    const examples = fileURLToPath(new URL('../../examples/flows/', import.meta.url));
    copyFileSync(join(examples, 'case-picking.flow.json'), join(dir, 'case-picking.flow.json'));
    copyFileSync(join(examples, 'sign-on.flow.json'), join(dir, 'sign-on.flow.json'));
    const { code, stderr } = await voiceman('compile', join(dir, 'case-picking.flow.json'), '-o', join(dir, 'm.json'));
    expect(code).toBe(1);
    expect(stderr).not.toContain('compiler-failure');
    expect(stderr).toContain('error reference-missing Reference table "short_reasons" (listed by process "case-picking") is read by the flow, but no reference data was given');
    expect(stderr).toContain('--reference <tables.json>');
  });

  it('takes reference tables with --reference: a listed table missing is an error, a malformed file exit 2', async () => {
    const dir = tempDir();
    const flow = baseFlow();
    flow.process.referenceTables = ['bins'];
    writeFileSync(join(dir, 'ref.flow.json'), JSON.stringify(flow));
    writeFileSync(join(dir, 'tables.json'), JSON.stringify({ zones: { revision: 1, rows: [{ key: 'a', value: 'b' }] } }));
    const missing = await voiceman('compile', join(dir, 'ref.flow.json'), '--reference', join(dir, 'tables.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('reference-missing');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ bins: { revision: 'one', rows: [] } }));
    const bad = await voiceman('compile', join(dir, 'ref.flow.json'), '--reference', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('table "bins" needs an integer revision');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('lints a clean directory with exit 0', async () => {
    const { code, stdout } = await voiceman('lint', fixtures);
    expect(code).toBe(0);
    expect(stdout).toContain('2 flow(s): 0 error(s), 0 warning(s)');
  });

  it('reports errors as file:node: severity code message, exit 1', async () => {
    const dir = tempDir();
    const flow = baseFlow();
    flow.edges = flow.edges.filter((e) => e.id !== 'e2');
    writeFileSync(join(dir, 'broken.flow.json'), JSON.stringify(flow));
    const { code, stdout } = await voiceman('lint', join(dir, 'broken.flow.json'));
    expect(code).toBe(1);
    expect(stdout).toContain(`${join(dir, 'broken.flow.json')}:ask1: error dead-end`);
  });

  it('prints JSON with --json', async () => {
    const dir = tempDir();
    const flow = baseFlow();
    flow.nodes.push({ id: 'lonely', kind: 'end', position: { x: 0, y: 0 }, data: {} });
    writeFileSync(join(dir, 'warn.flow.json'), JSON.stringify(flow));
    const { code, stdout } = await voiceman('lint', '--json', dir);
    expect(code).toBe(0); // warnings only
    const report = JSON.parse(stdout);
    expect(report[0].diagnostics[0]).toMatchObject({ severity: 'warning', code: 'unreachable-node', nodeId: 'lonely' });
  });

  it('gives a clear error, not a stack trace, for a file that is not JSON (exit 1)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.json'), '{ this is not json');
    const { code, stdout } = await voiceman('lint', join(dir, 'junk.json'));
    expect(code).toBe(1);
    expect(stdout).toContain('error flow-not-json');
    expect(stdout).not.toMatch(/\n\s+at /);
  });

  it('reports cyclic subflows between files', async () => {
    const dir = tempDir();
    const make = (key: string, calls: string) => {
      const f = baseFlow();
      f.process.key = key;
      f.nodes.push({ id: 'sub', kind: 'subflow', position: { x: 0, y: 0 }, data: { processKey: calls, inputs: {}, outputs: {} } });
      f.edges.find((e) => e.id === 'e2')!.target = 'sub';
      f.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'end1' });
      writeFileSync(join(dir, `${key}.flow.json`), JSON.stringify(f));
    };
    make('a', 'b');
    make('b', 'a');
    const { code, stdout } = await voiceman('compile', join(dir, 'a.flow.json'));
    expect(code).toBe(1);
    const { stderr } = await voiceman('compile', join(dir, 'a.flow.json'));
    expect(stderr).toContain('subflow-recursion');
    expect(stderr).toContain('a → b → a');
    expect(stdout).toBe('');
  });

  it('exits 2 on usage errors and unreadable input (the bin, four child processes at once)', async () => {
    const [none, unknown, noFile, missing] = await Promise.all([voicemanChild(), voicemanChild('frobnicate'), voicemanChild('compile'), voicemanChild('compile', '/no/such/flow.json')]);
    expect(none.code).toBe(2);
    expect(unknown.code).toBe(2);
    expect(noFile.code).toBe(2);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read /no/such/flow.json');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 1 on lint errors, printed on stdout (the bin)', async () => {
    const dir = tempDir();
    const flow = baseFlow();
    flow.edges = flow.edges.filter((e) => e.id !== 'e2');
    writeFileSync(join(dir, 'broken.flow.json'), JSON.stringify(flow));
    const { code, stdout, stderr } = await voicemanChild('lint', join(dir, 'broken.flow.json'));
    expect(code).toBe(1);
    expect(stdout).toContain(`${join(dir, 'broken.flow.json')}:ask1: error dead-end`);
    expect(stderr).toBe('');
  });

  it('handles a huge string field with a schema error', async () => {
    const dir = tempDir();
    copyFileSync(join(fixtures, 'sign-on.flow.json'), join(dir, 'sign-on.json'));
    const flow = baseFlow();
    flow.process.name = 'x'.repeat(1_000_000);
    writeFileSync(join(dir, 'huge.json'), JSON.stringify(flow));
    const { code, stdout } = await voiceman('lint', join(dir, 'huge.json'));
    expect(code).toBe(1);
    expect(stdout).toContain('error flow-schema Process, name: is too long (at most 200 characters).');
    expect(stdout.length).toBeLessThan(5000);
  });
});
