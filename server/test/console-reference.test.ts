import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { parseReferenceCsv, referenceCsv } from '../src/reference/csv.js';
import { BACKENDS, testApp, usersOfEveryRole } from './backends.js';

describe('reference CSV', () => {
  it('reads back what it writes: commas, quotes, line breaks, Cyrillic', () => {
    const rows = [{ key: 'DMG', value: 'damaged, "badly"' }, { key: 'МНГ', value: 'много\nстрок' }, { key: 'E', value: '' }];
    expect(parseReferenceCsv(referenceCsv(rows))).toEqual({ ok: true, rows });
  });
  it('takes a spreadsheet\'s byte-order mark and a header in any case', () => {
    expect(parseReferenceCsv('\uFEFFKey,Value\nA,1\n')).toEqual({ ok: true, rows: [{ key: 'A', value: '1' }] });
  });
  it.each([
    ['', 1, 'empty'],
    ['name,label\nA,1\n', 1, 'header key,value'],
    ['key,value\nA,1\nA,2\n', 3, 'appears again (first on line 2)'],
    ['key,value\n,1\n', 2, 'key is empty'],
    ['key,value\n" A",1\n', 2, 'starts or ends with a space'],
    ['key,value\nA,1,extra\n', 2, 'expected 2 fields'],
    ['key,value\n"A,1\n', 2, 'Quote Not Closed'],
    [`key,value\nA,${'v'.repeat(2001)}\n`, 2, 'longer than 2000'],
  ])('refuses %j at line %i (%s)', (csv, line, message) => {
    const r = parseReferenceCsv(csv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toEqual({ line, message: expect.stringContaining(message) });
  });
});

describe.each(BACKENDS)('reference tables in the console on %s', (backend) => {
  let app: VoicemanApp;
  let admin: string;
  let designer: string;
  beforeAll(async () => {
    app = await testApp(backend);
    ({ admin, designer } = await usersOfEveryRole(app));
  });
  afterAll(async () => app?.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, cookie = admin) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('lists tables; each revision says who saved it and which versions froze it', async () => {
    expect((await call('PUT', '/api/reference/zones', { rows: [{ key: 'A', value: 'aisle A' }] })).statusCode).toBe(200);
    const graph = starterGraph('zoned', 'Zoned');
    const withTable = { ...graph, process: { ...graph.process, referenceTables: ['zones'] } };
    expect((await call('POST', '/api/processes', { key: 'zoned', name: 'Zoned', graph: withTable })).statusCode).toBe(201);
    expect((await call('POST', '/api/processes/zoned/versions', { revision: 1 })).statusCode).toBe(201);
    expect((await call('PUT', '/api/reference/zones', { rows: [{ key: 'A', value: 'aisle A' }, { key: 'B', value: 'aisle B' }], baseRevision: 1 })).statusCode).toBe(200);
    expect((await call('POST', '/api/processes/zoned/versions', { revision: 1 })).statusCode).toBe(201);

    const list = (await call('GET', '/api/reference', undefined, designer)).json();
    expect(list.find((t: { name: string }) => t.name === 'zones')).toEqual({ name: 'zones', revision: 2, rows: 2, updatedAt: expect.any(String), updatedBy: 'admin' });
    const revisions = (await call('GET', '/api/reference/zones/revisions', undefined, designer)).json();
    expect(revisions).toEqual([
      { revision: 2, rows: 2, updatedAt: expect.any(String), updatedBy: 'admin', frozenBy: [{ processKey: 'zoned', versionNumber: 2 }] },
      { revision: 1, rows: 1, updatedAt: expect.any(String), updatedBy: 'admin', frozenBy: [{ processKey: 'zoned', versionNumber: 1 }] },
    ]);
    expect((await call('GET', '/api/reference/zones/revisions/1', undefined, designer)).json()).toMatchObject({ revision: 1, rows: [{ key: 'A', value: 'aisle A' }] });
  });

  it('exports CSV (newest or a revision); importing it back saves nothing', async () => {
    const rows = [{ key: 'DMG', value: 'damaged, "badly"' }, { key: 'МНГ', value: 'две\nстроки' }];
    const put = (await call('PUT', '/api/reference/reasons', { rows })).json();
    const csv = await call('GET', '/api/reference/reasons/csv', undefined, designer);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="reasons-r${put.revision}.csv"`);
    expect(csv.body).toBe('key,value\r\nDMG,"damaged, ""badly"""\r\nМНГ,"две\nстроки"\r\n');
    const again = await call('POST', '/api/reference/reasons/import', { csv: csv.body });
    expect(again.json()).toEqual({ saved: false, changes: { added: [], changed: [], removed: [], unchanged: 2 }, revision: put.revision });
    expect((await call('GET', `/api/reference/reasons/csv?revision=${put.revision}`)).body).toBe(csv.body);
  });

  it('an import shows its changes in a dry run, then saves one revision, audited', async () => {
    await call('PUT', '/api/reference/shifts', { rows: [{ key: 'AM', value: 'morning' }, { key: 'PM', value: 'evening' }] });
    const csv = 'key,value\nAM,early\nNT,night\n';
    const dry = await call('POST', '/api/reference/shifts/import', { csv, dryRun: true, baseRevision: 1 });
    expect(dry.json()).toEqual({ saved: false, changes: { added: ['NT'], changed: ['AM'], removed: ['PM'], unchanged: 0 }, revision: 1 });
    expect((await call('GET', '/api/reference/shifts')).json().revision).toBe(1);
    const done = await call('POST', '/api/reference/shifts/import', { csv, baseRevision: 1 });
    expect(done.json()).toMatchObject({ saved: true, revision: 2 });
    expect((await call('GET', '/api/reference/shifts')).json().rows).toEqual([{ key: 'AM', value: 'early' }, { key: 'NT', value: 'night' }]);
    const audited = await app.repos.audit.list({ action: 'reference.import', target: 'shifts' });
    expect(audited.map((e) => [e.actor, e.before, e.after])).toEqual([['admin', { revision: 1, rows: 2 }, { revision: 2, rows: 2, added: 1, changed: 1, removed: 1 }]]);
    // The same import from a screen that still shows revision 1: someone saved meanwhile.
    const stale = await call('POST', '/api/reference/shifts/import', { csv: 'key,value\nX,y\n', baseRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_revision', revision: 2 });
  });

  it('edits are validated: duplicate and malformed keys, stale revisions, a bad CSV names its lines', async () => {
    await call('PUT', '/api/reference/bins', { rows: [{ key: 'A1', value: 'x' }] });
    expect((await call('PUT', '/api/reference/bins', { rows: [{ key: 'A1', value: 'x' }, { key: 'A1', value: 'y' }] })).json().code).toBe('duplicate_key');
    const tab = await call('PUT', '/api/reference/bins', { rows: [{ key: 'A\t1', value: 'x' }] });
    expect(tab.json()).toMatchObject({ code: 'invalid_row', row: 1, message: expect.stringContaining('control character') });
    expect((await call('PUT', '/api/reference/bins', { rows: [{ key: 'B', value: 'y' }], baseRevision: 7 })).json().code).toBe('stale_revision');
    expect((await call('PUT', '/api/reference/bins', { rows: [], baseRevision: null })).json().code).toBe('stale_revision');
    const bad = await call('POST', '/api/reference/bins/import', { csv: 'key,value\nA,1\nA,2\n,3\n' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'bad_csv', message: expect.stringContaining('line 3'),
      problems: [{ line: 3, message: expect.stringContaining('appears again') }, { line: 4, message: 'the key is empty' }],
    });
    expect((await call('GET', '/api/reference/bins')).json().revision).toBe(1);
  });

  it('bad input: unknown tables and revisions, NUL, huge files, readers cannot write', async () => {
    expect((await call('GET', '/api/reference/nothing/revisions')).statusCode).toBe(404);
    await call('PUT', '/api/reference/tiny', { rows: [] });
    expect((await call('GET', '/api/reference/tiny/revisions/9')).json()).toMatchObject({ code: 'not_found', message: 'revision 9 of reference table tiny not found' });
    expect((await call('GET', '/api/reference/tiny/csv?revision=0')).statusCode).toBe(400);
    expect((await call('POST', '/api/reference/tiny/import', { csv: 'key,value\nA,\u0000\n' })).json().code).toBe('invalid_characters');
    const huge = `key,value\n${Array.from({ length: 10_001 }, (_, i) => `k${i},v`).join('\n')}\n`;
    expect((await call('POST', '/api/reference/tiny/import', { csv: huge })).json()).toMatchObject({ code: 'bad_csv', message: expect.stringContaining('at most 10000 rows') });
    expect((await call('POST', '/api/reference/tiny/import', { csv: 'key,value\nA,1\n' }, designer)).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/reference/tiny/import', headers: { cookie: admin }, payload: { csv: 'x'.repeat(9 * 1024 * 1024) } })).statusCode).toBe(413);
  });
});
