import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM build script without types
import { build } from './build.mjs';
import { newerSyntax } from './syntax.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('terminal bundle', () => {
  it('contains no syntax Chrome 74 (Android 10 WebView) cannot parse', async () => {
    const out = await mkdtemp(join(tmpdir(), 'vm-terminal-'));
    dirs.push(out);
    const result = (await build(out)) as { sha256: string };
    const js = await readFile(join(out, 'app.js'), 'utf8');
    expect(newerSyntax(js)).toEqual([]);
    const version = JSON.parse(await readFile(join(out, 'version.json'), 'utf8'));
    expect(version.sha256).toBe(result.sha256);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('<script src="app.js"></script>');
  });

  it('the check finds what Chrome 74 lacks', () => {
    expect(newerSyntax('a?.b')).toEqual(['optional chaining at 0']);
    expect(newerSyntax('x = a ?? b')).toEqual(['?? at 4']);
    expect(newerSyntax('class A { x = 1 }')[0]).toMatch(/does not parse/);
    expect(newerSyntax('const n = 10n; class B { constructor() { this.x = 1 } }')).toEqual([]);
  });
});
