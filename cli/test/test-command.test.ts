/** `voiceman test` on the example scenarios and on broken copies of them (the bin as a child process, and in-process). */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exampleReferenceData } from '@voiceman/examples';
import { runVoiceman } from '../src/index.js';

const bin = fileURLToPath(new URL('../bin/voiceman.js', import.meta.url));
const flows = fileURLToPath(new URL('../../examples/flows/', import.meta.url));
const scenarioCount = readdirSync(flows).filter((n) => n.endsWith('.scenario.json')).length;

/** The real bin in a child process: its exit status and its two streams. */
function voicemanChild(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

/**
 * The same command in this process: `runVoiceman` is all the bin runs (src/main.ts wires it to
 * stdout, stderr and the exit status; the child-process tests check that wiring), so the other
 * cases skip a tsx start of ~2-5 s each.
 */
async function voiceman(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runVoiceman(args, { out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

function brokenCopy(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'voiceman-scenarios-'));
  cpSync(flows, dir, { recursive: true });
  change(dir);
  return dir;
}

describe('voiceman test', { timeout: 120_000 }, () => {
  it('passes every example scenario and closes with the counts (the bin, a child process)', async () => {
    expect(scenarioCount).toBeGreaterThanOrEqual(25);
    const { code, stdout, stderr } = await voicemanChild('test', flows);
    expect(stderr).toBe('');
    expect(lastLine(stdout)).toBe(`${scenarioCount} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it('fails a copy with a changed prompt, showing the step, the expected and the heard prompt (the bin)', async () => {
    const dir = brokenCopy((d) => {
      const path = join(d, 'case-picking.short-pick.scenario.json');
      writeFileSync(path, readFileSync(path, 'utf8').replace('"Pick 3."', '"Pick 4."'));
    });
    const { code, stdout } = await voicemanChild('test', dir);
    expect(code).toBe(1);
    expect(lastLine(stdout)).toBe(`${scenarioCount - 1} passed, 1 failed`);
    expect(stdout).toContain(`FAIL ${join(dir, 'case-picking.short-pick.scenario.json')}`);
    expect(stdout).toMatch(/step 5, prompt 1: expected "Pick 4\.", heard "Pick 3\."/);
  });

  it('runs the scenarios of one flow file, and reports a changed end in --json', async () => {
    const dir = brokenCopy((d) => {
      const path = join(d, 'putaway.happy.scenario.json');
      const s = JSON.parse(readFileSync(path, 'utf8'));
      s.end.state = 'endNoAnswer';
      writeFileSync(path, JSON.stringify(s));
    });
    const { code, stdout } = await voiceman('test', join(dir, 'putaway.flow.json'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.results.every((r: { process: string }) => r.process === 'putaway')).toBe(true);
    expect(report.failed).toBe(1);
    const failed = report.results.find((r: { passed: boolean }) => !r.passed);
    expect(failed.difference).toMatchObject({ kind: 'end', step: 5, expected: { state: 'endNoAnswer' }, actual: { state: 'endNoWork' } });
    expect(failed.edges.length).toBeGreaterThan(5);
  });

  it('names the file and the field of a bad scenario, and a process it does not know', async () => {
    const dir = brokenCopy((d) => {
      writeFileSync(join(d, 'bad.scenario.json'), JSON.stringify({ formatVersion: 1, name: 'bad', process: 'putaway', steps: [{ say: 'ready', confidence: 7 }] }));
      writeFileSync(join(d, 'ghost.scenario.json'), JSON.stringify({ formatVersion: 1, name: 'ghost', process: 'no-such-process', steps: [] }));
    });
    const { code, stdout } = await voiceman('test', dir);
    expect(code).toBe(1);
    expect(stdout).toContain(`${join(dir, 'bad.scenario.json')} at /steps/0/confidence:`);
    expect(stdout).toContain('no flow with process key "no-such-process"');
    expect(lastLine(stdout)).toBe(`${scenarioCount} passed, 2 failed`);
  });

  it('--coverage prints the share of outcomes per process and writes the report', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'voiceman-cov-')), 'coverage.json');
    const { code, stdout } = await voiceman('test', flows, '--coverage', '--coverage-out', out);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^coverage case-picking: \d+(\.\d)?% \(\d+\/\d+ outcomes\)$/m);
    expect(stdout).toMatch(/^coverage: \d+(\.\d)?% of outcomes \(\d+\/\d+\); report in /m);
    expect(lastLine(stdout)).toBe(`${scenarioCount} passed, 0 failed`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.processes.map((p: { process: string }) => p.process).sort()).toEqual(['case-picking', 'cycle-count', 'putaway', 'replenishment', 'sign-on']);
    const picking = report.processes.find((p: { process: string }) => p.process === 'case-picking');
    const count = (key: string) => picking.outcomes.find((o: { key: string }) => o.key === key)?.scenarios;
    // Taken by the wrong-digits scenario only; the door's supervisor path by none.
    expect(count('slot --WRONG--> slotSupervisor')).toBe(1);
    expect(count('door --WRONG--> doorSupervisor')).toBe(0);
    expect(picking.covered).toBe(picking.outcomes.filter((o: { scenarios: number }) => o.scenarios > 0).length);
  });

  it('--faults prints a summary table per process and still closes with the counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceman-faults-'));
    for (const name of readdirSync(flows)) if (name.endsWith('.flow.json') || name === 'reference.json' || name === 'sign-on.happy.scenario.json') cpSync(join(flows, name), join(dir, name));
    const { code, stdout } = await voiceman('test', dir, '--faults');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^process\s+fault\s+runs\s+same end\s+other end\s+stuck\s+loop$/m);
    // signs on in 2 steps: 2 × 1 confusable; the sign-on request once with a 503: its retry
    // on 5xx (retryStatuses) signs on all the same, so the same end.
    expect(stdout).toMatch(/^sign-on\s+confusable\s+2\s/m);
    expect(stdout).toMatch(/^sign-on\s+wms-5xx\s+1\s+1\s+0\s+0\s+0$/m);
    expect(lastLine(stdout)).toBe('1 passed, 0 failed');
  });

  it('--generate writes skeletons that pass as scenarios and a report naming what it did not reach', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceman-gen-'));
    for (const name of readdirSync(flows)) if (name.endsWith('.flow.json') || name === 'reference.json' || name.startsWith('sign-on.')) cpSync(join(flows, name), join(dir, name));
    const out = join(dir, 'generated');
    const generated = await voiceman('test', '--generate', join(dir, 'sign-on.flow.json'), '-o', out);
    expect(generated.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'sign-on.generated-report.json'), 'utf8'));
    expect(report.covered + report.unreached.length).toBe(report.total);
    expect(generated.stdout).toContain(`sign-on: ${report.scenarios} scenarios in ${out}, ${report.covered}/${report.total} outcomes`);
    expect(generated.stdout).toContain(`npx voiceman test ${out}`);
    // As written, without copying the flows: a folder without flows uses its parent's.
    const replay = await voiceman('test', out);
    expect(replay.stderr).toBe('');
    expect(lastLine(replay.stdout)).toBe(`${report.scenarios} passed, 0 failed`);
  });

  it('refuses bad usage with status 2 (the bin)', async () => {
    const [none, nope] = await Promise.all([voicemanChild('test'), voicemanChild('test', flows, '--nope')]);
    expect(none.code).toBe(2);
    expect(nope.stderr).toContain('unknown option "--nope"');
  });

  it('still compiles and lints as the README shows', async () => {
    const compiled = await voiceman('compile', join(flows, 'case-picking.flow.json'), '--reference', join(flows, 'reference.json'));
    expect(compiled.code).toBe(0);
    expect(JSON.parse(compiled.stdout).id).toBe('case-picking');
    const linted = await voiceman('lint', flows);
    expect(lastLine(linted.stdout)).toBe('5 flow(s): 0 error(s), 0 warning(s)');
  });

  it('the folder reference.json holds the tables the server seeds', () => {
    expect(JSON.parse(readFileSync(join(flows, 'reference.json'), 'utf8'))).toEqual(exampleReferenceData(1));
  });
});
