/**
 * `voiceman package export|import|verify` as a child process against two real servers listening
 * on 127.0.0.1 (A: PGlite with the examples, B: PostgreSQL, empty), each on its own database.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import type { VoicemanApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { ADMIN_PASSWORD, login, testApp } from './backends.js';

const bin = fileURLToPath(new URL('../../cli/bin/voiceman.js', import.meta.url));

function voiceman(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, 'package', ...args], { timeout: 120_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('voiceman package against a server', { timeout: 300_000 }, () => {
  let a: VoicemanApp;
  let b: VoicemanApp;
  let urlA: string;
  let urlB: string;
  let keyA: string;
  let tokenB: string;
  const dir = mkdtempSync(join(tmpdir(), 'voiceman-package-'));
  const file = join(dir, 'case-picking.package.json');
  const hashes = async (app: VoicemanApp) => (await app.db.query<{ k: string; hash: string }>("SELECT process_key || '@' || number AS k, hash FROM versions ORDER BY 1")).rows;

  beforeAll(async () => {
    a = await testApp('pglite');
    b = await testApp('postgres');
    await seedExamples(a.repos, a.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
    urlA = await a.listen({ host: '127.0.0.1', port: 0 });
    urlB = await b.listen({ host: '127.0.0.1', port: 0 });
    const adminA = await login(a, 'admin', ADMIN_PASSWORD);
    keyA = (await a.inject({ method: 'GET', url: '/api/packages/installation', headers: { cookie: adminA } })).json().publicKey;
    const adminB = await login(b, 'admin', ADMIN_PASSWORD);
    await b.inject({ method: 'POST', url: '/api/packages/trusted-keys', headers: { cookie: adminB }, payload: { name: 'development', publicKey: keyA } });
    tokenB = adminB.replace('vm_session=', '');
    // Export once with a login from the environment (the tests below read the file).
    const res = await voiceman(['export', 'case-picking@1', '-o', file, '--server', urlA], { VOICEMAN_USERNAME: 'admin', VOICEMAN_PASSWORD: ADMIN_PASSWORD });
    expect(res.stderr).toBe('');
    expect(res.stdout).toContain(`wrote ${file}: 3 items, signed`);
    expect(res.code).toBe(0);
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it('verify works offline with the trusted key, and refuses without it or on a changed item', async () => {
    const ok = await voiceman(['verify', file, '--trust', `development=${keyA}`]);
    expect(ok.stdout).toMatch(/ok case-picking@1\n/);
    expect(ok.stdout).toContain('3 items verified, signed by development');
    expect(ok.code).toBe(0);
    const unknown = await voiceman(['verify', file]);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('refused (package_untrusted)')]);
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    pkg.items.find((i: { processKey?: string }) => i.processKey === 'sign-on').note = 'edited';
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(pkg));
    const bad = await voiceman(['verify', tampered, '--trust', keyA]);
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('sign-on@1 does not match its sha256')]);
  });

  it('import with a token: the dry run changes nothing, the import brings the same hashes, a second import adds nothing', async () => {
    const server = ['--server', urlB, '--token', tokenB];
    const dry = await voiceman(['import', file, '--dry-run', ...server]);
    expect(dry.stdout).toContain('  add       case-picking@1');
    expect(dry.stdout).toContain('would import: 3 new, 0 already there');
    expect(dry.code).toBe(0);
    expect(await hashes(b)).toEqual([]);
    const done = await voiceman(['import', file, ...server]);
    expect(done.stdout).toContain('imported: 3 new');
    expect(done.code).toBe(0);
    expect(await hashes(b)).toEqual((await hashes(a)).filter((v) => v.k === 'case-picking@1' || v.k === 'sign-on@1'));
    const again = await voiceman(['import', file, ...server]);
    expect(again.stdout).toContain('imported: 0 new, 3 already there');
  });

  it('says what is wrong: no credentials, a wrong token, bad usage', async () => {
    const none = await voiceman(['import', file, '--server', urlB], { VOICEMAN_TOKEN: '', VOICEMAN_USERNAME: '', VOICEMAN_PASSWORD: '' });
    expect([none.code, none.stderr]).toEqual([1, expect.stringContaining('give a token')]);
    const wrong = await voiceman(['import', file, '--server', urlB, '--token', 'not-a-session']);
    expect([wrong.code, wrong.stderr]).toEqual([1, expect.stringContaining('refused by the server (unauthenticated)')]);
    const usage = await voiceman(['export', 'case-picking', '-o', file, '--server', urlA]);
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('is not <process@version>')]);
  });
});
