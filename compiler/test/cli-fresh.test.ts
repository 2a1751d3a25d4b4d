/**
 * The CLI right after `npm install`, before any build: a copy of the two packages' sources
 * (no dist/ at all) with the repository's other dependencies linked in. Node resolves
 * @voiceman/runtime inside the copy, so only the `source` export condition can make it work.
 */
import { execFile } from 'node:child_process';
import { rmSync, cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'voiceman-fresh-'));
  for (const [pkg, parts] of [
    ['runtime', ['package.json', 'src']],
    ['compiler', ['package.json', 'bin', 'src']],
  ] as const) {
    for (const part of parts) cpSync(join(repo, pkg, part), join(root, pkg, part), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
  }
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@voiceman'), { recursive: true });
  for (const name of readdirSync(join(repo, 'node_modules'))) {
    if (name !== '@voiceman' && !name.startsWith('.')) symlinkSync(join(repo, 'node_modules', name), join(modules, name));
  }
  symlinkSync(join(root, 'runtime'), join(modules, '@voiceman', 'runtime'));
  symlinkSync(join(root, 'compiler'), join(modules, '@voiceman', 'compiler'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('voiceman without any build', { timeout: 60_000 }, () => {
  it('compiles and lints from sources when no package has a dist/', async () => {
    expect(existsSync(join(root, 'runtime', 'dist'))).toBe(false);
    const bin = join(root, 'compiler', 'bin', 'voiceman.js');
    const compiled = await run(bin, ['compile', join(fixtures, 'case-picking.flow.json')]);
    expect(compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    expect(JSON.parse(compiled.stdout).id).toBe('case-picking');
    const linted = await run(bin, ['lint', fixtures]);
    expect(linted.code).toBe(0);
  });

  it('never runs a stale compiler dist/ when the sources are there', async () => {
    mkdirSync(join(root, 'compiler', 'dist'), { recursive: true });
    writeFileSync(join(root, 'compiler', 'dist', 'cli-main.js'), 'console.log("stale build"); process.exitCode = 3;\n');
    writeFileSync(join(root, 'compiler', 'dist', 'index.js'), 'throw new Error("stale build");\n');
    const result = await run(join(root, 'compiler', 'bin', 'voiceman.js'), ['compile', join(fixtures, 'sign-on.flow.json')]);
    expect(result.stdout).not.toContain('stale build');
    expect(result.code).toBe(0);
  });
});
