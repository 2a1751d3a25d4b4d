/**
 * Update packages between two installations: A (PGlite) exports, B (PostgreSQL) imports, each
 * on its own throw-away database, over the HTTP API (inject).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '@voiceman/compiler';
import { exampleFlows, exampleReferenceTables } from '@voiceman/examples';
import type { VoicemanApp } from '../src/build.js';
import { seedExamples } from '../src/seed.js';
import { ADMIN_PASSWORD, login, testApp } from './backends.js';

type Pkg = { manifest: { items: { kind: string; processKey?: string; number?: number; name?: string; sha256: string }[] }; signature?: unknown; items: Record<string, unknown>[] };

describe('update packages from one installation to another', { timeout: 180_000 }, () => {
  let a: VoicemanApp;
  let b: VoicemanApp;
  let adminA: string;
  let adminB: string;
  const call = async (app: VoicemanApp, cookie: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const exportFrom = async (versions: { processKey: string; number: number }[], sign = true) => {
    const res = await call(a, adminA, 'POST', '/api/packages/export', { versions, sign });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Pkg;
  };
  const versionsOf = async (app: VoicemanApp, key: string) => (await app.db.query<{ number: number; hash: string }>('SELECT number, hash FROM versions WHERE process_key = $1 ORDER BY number', [key])).rows;
  const snapshot = async (app: VoicemanApp) => (await app.db.query(
    `SELECT (SELECT json_agg(json_build_array(process_key, number, hash) ORDER BY process_key, number) FROM versions) AS v,
            (SELECT json_agg(json_build_array(name, revision) ORDER BY name, revision) FROM reference_tables) AS r,
            (SELECT json_agg(json_build_array(key, revision) ORDER BY key) FROM processes) AS p`)).rows[0];
  const audited = async (app: VoicemanApp, action: string) => (await app.db.query<{ actor: string; target: string; after: Record<string, unknown> }>(
    'SELECT actor, target, after FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

  beforeAll(async () => {
    a = await testApp('pglite');
    b = await testApp('postgres');
    const seeded = await seedExamples(a.repos, a.compiler(), exampleFlows(), { referenceTables: exampleReferenceTables() });
    expect(seeded.created).toHaveLength(5);
    [adminA, adminB] = await Promise.all([login(a, 'admin', ADMIN_PASSWORD), login(b, 'admin', ADMIN_PASSWORD)]);
    const keyA = (await call(a, adminA, 'GET', '/api/packages/installation')).json();
    expect((await call(b, adminB, 'POST', '/api/packages/trusted-keys', { name: 'development', publicKey: keyA.publicKey })).statusCode).toBe(201);
  });
  afterAll(async () => Promise.all([a?.close(), b?.close()]));

  it('a package of case-picking@1 carries its subflow version and frozen reference revision, and B gets them with the same hashes', async () => {
    const pkg = await exportFrom([{ processKey: 'case-picking', number: 1 }]);
    expect(pkg.manifest.items.map((i) => (i.kind === 'version' ? `${i.processKey}@${i.number}` : i.name))).toEqual(['short_reasons', 'case-picking@1', 'sign-on@1']);
    expect(JSON.stringify(pkg)).not.toMatch(/PRIVATE KEY/);

    const dry = await call(b, adminB, 'POST', '/api/packages/dry-run', { package: pkg });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ applied: false, signer: { status: 'trusted', name: 'development' } });
    expect(await versionsOf(b, 'case-picking')).toEqual([]); // a dry run writes nothing

    const res = await call(b, adminB, 'POST', '/api/packages/import', { package: pkg });
    expect(res.statusCode, res.body).toBe(200);
    for (const key of ['case-picking', 'sign-on']) expect(await versionsOf(b, key)).toEqual(await versionsOf(a, key));
    const inB = (await call(b, adminB, 'GET', '/api/processes/case-picking/versions/1')).json();
    const inA = (await call(a, adminA, 'GET', '/api/processes/case-picking/versions/1')).json();
    expect(inB).toMatchObject({ hash: inA.hash, callees: inA.callees, machine: inA.machine, author: inA.author, createdAt: inA.createdAt });
    expect(sha256Hex(canonicalJson(inB.machine))).toBe(inA.hash);
    // B now lists the process (a draft from the imported graph) and the frozen table revision.
    expect((await call(b, adminB, 'GET', '/api/processes/case-picking')).statusCode).toBe(200);
    expect((await call(b, adminB, 'GET', '/api/reference/short_reasons')).json()).toMatchObject({ revision: 1, rows: exampleReferenceTables().short_reasons });
    // Both ends are in the audit log, with the admin's name.
    expect(await audited(a, 'package.export')).toContainEqual(expect.objectContaining({ actor: 'admin', target: 'case-picking@1' }));
    expect((await audited(b, 'package.import')).at(-1)).toMatchObject({ actor: 'admin', after: { added: expect.arrayContaining(['case-picking@1', 'sign-on@1']) } });
  });

  it('importing the same package a second time changes nothing', async () => {
    const pkg = await exportFrom([{ processKey: 'putaway', number: 1 }]);
    expect((await call(b, adminB, 'POST', '/api/packages/import', { package: pkg })).statusCode).toBe(200);
    const before = await snapshot(b);
    const again = await call(b, adminB, 'POST', '/api/packages/import', { package: pkg });
    expect(again.statusCode).toBe(200);
    expect(again.json().counts).toEqual({ add: 0, present: 2, downgrade: 0, clash: 0 });
    expect(again.json().newProcesses).toEqual([]);
    expect(await snapshot(b)).toEqual(before);
  });

  it('refuses a tampered copy, naming the item, and writes nothing', async () => {
    const pkg = await exportFrom([{ processKey: 'replenishment', number: 1 }]);
    const before = await snapshot(b);
    const imports = (await audited(b, 'package.import')).length;
    const changed = structuredClone(pkg);
    const item = changed.items.find((i) => i.processKey === 'replenishment')!;
    item.note = 'changed on the way';
    const res = await call(b, adminB, 'POST', '/api/packages/import', { package: changed });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'package_tampered', item: 'replenishment@1', message: expect.stringContaining('replenishment@1 does not match its sha256') });
    // Re-hashing the item in the manifest breaks the signature instead.
    changed.manifest.items.find((i) => i.processKey === 'replenishment')!.sha256 = sha256Hex(canonicalJson(item));
    const resigned = await call(b, adminB, 'POST', '/api/packages/dry-run', { package: changed });
    expect(resigned.json()).toMatchObject({ code: 'package_tampered', message: expect.stringContaining('signature does not verify') });
    expect(await snapshot(b)).toEqual(before);
    expect(await audited(b, 'package.import')).toHaveLength(imports); // a refused import is not recorded as done
  });

  it('refuses an unsigned copy while signatures are required, accepts it once they are not', async () => {
    const unsigned = await exportFrom([{ processKey: 'cycle-count', number: 1 }], false);
    expect(unsigned.signature).toBeUndefined();
    const res = await call(b, adminB, 'POST', '/api/packages/import', { package: unsigned });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'package_unsigned', message: expect.stringContaining('not signed') });
    expect(await versionsOf(b, 'cycle-count')).toEqual([]);
    expect((await call(b, adminB, 'PUT', '/api/packages/installation', { requireSignature: false })).json().requireSignature).toBe(false);
    try {
      const dry = await call(b, adminB, 'POST', '/api/packages/dry-run', { package: unsigned });
      expect(dry.json().signer).toEqual({ status: 'unsigned' });
    } finally {
      await call(b, adminB, 'PUT', '/api/packages/installation', { requireSignature: true });
    }
  });

  it('refuses a downgrade unless the admin confirms it', async () => {
    // A publishes cycle-count again (version 2); B takes 2, then is offered 1.
    const v1 = await a.repos.versions.get('cycle-count', 1);
    const draft = (await a.repos.processes.get('cycle-count'))!;
    await a.repos.versions.insert({ processKey: 'cycle-count', revision: draft.revision, graph: v1.graph, machine: v1.machine, hash: v1.hash, note: 'again', author: 'admin', callees: v1.callees });
    expect((await call(b, adminB, 'POST', '/api/packages/import', { package: await exportFrom([{ processKey: 'cycle-count', number: 2 }]) })).statusCode).toBe(200);
    const older = await exportFrom([{ processKey: 'cycle-count', number: 1 }]);
    const dry = (await call(b, adminB, 'POST', '/api/packages/dry-run', { package: older })).json();
    expect(dry.items.find((i: { label: string }) => i.label === 'cycle-count@1')).toMatchObject({ action: 'downgrade', message: 'cycle-count@1 is older than version 2 of cycle-count that this installation already has' });
    const refused = await call(b, adminB, 'POST', '/api/packages/import', { package: older });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'downgrade_unconfirmed', items: ['cycle-count@1'], message: expect.stringContaining('cycle-count@1 is older than version 2') });
    expect((await versionsOf(b, 'cycle-count')).map((v) => v.number)).toEqual([2]);
    const confirmed = await call(b, adminB, 'POST', '/api/packages/import', { package: older, confirmDowngrade: true });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await versionsOf(b, 'cycle-count')).toEqual(await versionsOf(a, 'cycle-count'));
  });

  it('refuses a package whose version number B already uses for another machine, and applies none of it', async () => {
    const machine = (who: string) => ({ id: 'clash-demo', who });
    for (const [app, who] of [[a, 'A'], [b, 'B']] as const) {
      await app.repos.processes.create('clash-demo', 'Clash demo', undefined, 'admin');
      await app.repos.versions.insert({ processKey: 'clash-demo', revision: 1, graph: {}, machine: machine(who), hash: sha256Hex(canonicalJson(machine(who))), note: '', author: 'admin' });
    }
    const pkg = await exportFrom([{ processKey: 'sign-on', number: 1 }, { processKey: 'clash-demo', number: 1 }]);
    const dry = (await call(b, adminB, 'POST', '/api/packages/dry-run', { package: pkg })).json();
    expect(dry.counts.clash).toBe(1);
    const before = await snapshot(b);
    const res = await call(b, adminB, 'POST', '/api/packages/import', { package: pkg });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'package_clash', item: 'clash-demo@1', message: expect.stringContaining('different version 1 of clash-demo') });
    expect(await snapshot(b)).toEqual(before);
  });

  it('the other way round: a package from B (PostgreSQL) imports into A (PGlite) with its hash', async () => {
    const machine = { id: 'from-b', at: 'test installation' };
    await b.repos.processes.create('from-b', 'From B', undefined, 'admin');
    await b.repos.versions.insert({ processKey: 'from-b', revision: 1, graph: { process: { key: 'from-b', name: 'From B' } }, machine, hash: sha256Hex(canonicalJson(machine)), note: 'b', author: 'admin' });
    const pkg = (await call(b, adminB, 'POST', '/api/packages/export', { versions: [{ processKey: 'from-b', number: 1 }] })).json();
    const keyB = (await call(b, adminB, 'GET', '/api/packages/installation')).json();
    expect((await call(a, adminA, 'POST', '/api/packages/trusted-keys', { name: 'test', publicKey: keyB.publicKey })).statusCode).toBe(201);
    const res = await call(a, adminA, 'POST', '/api/packages/import', { package: pkg });
    expect(res.json()).toMatchObject({ applied: true, signer: { status: 'trusted', name: 'test' }, newProcesses: ['from-b'], counts: { add: 1 } });
    expect(await versionsOf(a, 'from-b')).toEqual(await versionsOf(b, 'from-b'));
  });

  it('says what is wrong with bad JSON, a wrong format version or something that is not a package', async () => {
    const badJson = await b.inject({ method: 'POST', url: '/api/packages/import', headers: { cookie: adminB, 'content-type': 'application/json' }, payload: '{"package": {' });
    expect([badJson.statusCode, badJson.json().code]).toEqual([400, 'invalid_json']);
    const pkg = await exportFrom([{ processKey: 'sign-on', number: 1 }]);
    const future = { ...pkg, manifest: { ...pkg.manifest, formatVersion: 2 } };
    const res = await call(b, adminB, 'POST', '/api/packages/import', { package: future });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'unsupported_format', message: expect.stringContaining('format version 2 is not supported') });
    const notOne = await call(b, adminB, 'POST', '/api/packages/dry-run', { package: { hello: 'world' } });
    expect(notOne.json()).toMatchObject({ code: 'invalid_package', message: expect.stringContaining('not a Voiceman package') });
  });

  it('an untrusted signer is refused; the installation key is never answered in private form', async () => {
    const pkg = await exportFrom([{ processKey: 'sign-on', number: 1 }]);
    const keys = (await call(b, adminB, 'GET', '/api/packages/trusted-keys')).json();
    const dev = keys.find((k: { name: string }) => k.name === 'development');
    expect((await call(b, adminB, 'DELETE', `/api/packages/trusted-keys/${dev.id}`)).statusCode).toBe(204);
    try {
      const res = await call(b, adminB, 'POST', '/api/packages/dry-run', { package: pkg });
      expect(res.json()).toMatchObject({ code: 'package_untrusted', message: expect.stringContaining(dev.fingerprint) });
    } finally {
      await call(b, adminB, 'POST', '/api/packages/trusted-keys', { name: 'development', publicKey: dev.publicKey });
    }
    const info = await call(b, adminB, 'GET', '/api/packages/installation');
    expect(Object.keys(info.json()).sort()).toEqual(['fingerprint', 'installationId', 'publicKey', 'requireSignature']);
    expect(info.body).not.toMatch(/PRIVATE/);
  });
});
