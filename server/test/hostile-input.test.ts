import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VoicemanApp } from '../src/build.js';
import { starterGraph } from '../src/repositories/processes.js';
import { BACKENDS, deployedTerminal, eventFor, testApp, usersOfEveryRole, type DeployedTerminal } from './backends.js';

const NUL = '\u0000';
const LONE = '\ud800';

/** `depth` nested objects: `{a:{a:{…}}}`. */
function nested(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe.each(BACKENDS)('hostile input on %s', (backend) => {
  let app: VoicemanApp;
  let cookies: Awaited<ReturnType<typeof usersOfEveryRole>>;
  let t: DeployedTerminal;
  beforeAll(async () => {
    app = await testApp(backend);
    cookies = await usersOfEveryRole(app);
    t = await deployedTerminal(app, cookies.admin);
  });
  afterAll(async () => app?.close());

  const ingest = (events: unknown[]) => app.inject({ method: 'POST', url: '/api/terminal/v1/events', headers: t.auth, payload: { events } });
  const as = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie }, ...(payload === undefined ? {} : { payload: payload as object }) });

  it('a NUL or lone surrogate in one event costs that event only; free text keeps its event with U+FFFD', async () => {
    const session = `nul-${backend}`;
    const good = eventFor(t, { sessionId: session, seq: 0, type: 'session.start', data: {} });
    const badSession = eventFor(t, { sessionId: `x${NUL}y`, seq: 0 });
    const badState = eventFor(t, { sessionId: session, seq: 5, state: `q${LONE}` });
    const heard = eventFor(t, { sessionId: session, seq: 1, type: 'hypothesis', data: { text: `a${NUL}b${LONE}c`, [`k${NUL}`]: [LONE] } });
    const deep = eventFor(t, { sessionId: session, seq: 2, data: nested(200) as Record<string, unknown> });
    const res = await ingest([good, badSession, badState, heard, deep]);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.stored.sort()).toEqual([good.id, heard.id].sort());
    expect(out.rejected).toEqual([
      { id: badSession.id, code: 'invalid_event', message: expect.stringContaining('sessionId contains a NUL') },
      { id: badState.id, code: 'invalid_event', message: expect.stringContaining('state contains a lone UTF-16 surrogate') },
      { id: deep.id, code: 'invalid_event', message: expect.stringContaining('deeper than 64') },
    ]);
    const { rows } = await app.db.query<{ data: Record<string, unknown> }>('SELECT data FROM dialog_events WHERE id = $1', [heard.id]);
    expect(rows[0]!.data).toEqual({ text: 'a\uFFFDb\uFFFDc', 'k\uFFFD': ['\uFFFD'] });
    // The terminal's retry of the same batch is answered, not a 500: nothing is stuck.
    const retry = (await ingest([good, badSession, heard])).json();
    expect(retry.duplicates.sort()).toEqual([good.id, heard.id].sort());
    expect(retry.rejected.map((r: { id: string }) => r.id)).toEqual([badSession.id]);
  });

  it('draft save, process names and the process search refuse NUL and lone surrogates with 400, changing nothing', async () => {
    await as(cookies.designer, 'POST', '/api/processes', { key: 'chars', name: 'Chars' });
    for (const bad of [NUL, LONE]) {
      const graph = starterGraph('chars', 'Chars');
      (graph.nodes[0]!.data as Record<string, unknown>).note = `x${bad}`;
      const save = await as(cookies.designer, 'PUT', '/api/processes/chars/draft', { graph, revision: 1 });
      expect(save.statusCode, save.body).toBe(400);
      expect(save.json()).toMatchObject({ code: 'invalid_characters', where: 'body', path: '/graph/nodes/0/data/note' });
      expect((await as(cookies.designer, 'PATCH', '/api/processes/chars', { name: `n${bad}` })).json().code).toBe('invalid_characters');
      expect((await as(cookies.designer, 'POST', '/api/processes', { key: 'chars2', name: `n${bad}` })).json().code).toBe('invalid_characters');
    }
    expect((await as(cookies.tester, 'GET', '/api/processes/chars')).json()).toMatchObject({ revision: 1, name: 'Chars' });
    const q = await as(cookies.tester, 'GET', '/api/processes?q=%00');
    expect(q.statusCode).toBe(400);
    expect(q.json()).toMatchObject({ code: 'invalid_characters', where: 'querystring' });
    // `%` and `_` are searched for literally, not as wildcards.
    expect((await as(cookies.tester, 'GET', '/api/processes?q=%25')).json()).toEqual([]);
    expect((await as(cookies.tester, 'GET', '/api/processes?q=_')).json()).toEqual([]);
  });

  it('history filters and the timeline refuse NUL with a JSON 400', async () => {
    for (const f of ['site', 'terminal', 'operator', 'process', 'version', 'from', 'to', 'outcome']) {
      const res = await as(cookies.tester, 'GET', `/history?${f}=a%00b`);
      expect(res.statusCode, f).toBe(400);
      expect(res.json().code).toBe('invalid_characters');
    }
    const timeline = await as(cookies.tester, 'GET', '/history/sessions/a%00b');
    expect(timeline.statusCode).toBe(400);
    expect(timeline.json()).toMatchObject({ code: 'invalid_characters', where: 'params' });
  });

  it('a draft nested 5,000 deep is 400 too_deep; one with 20,001 nodes is 400; the draft is unchanged', async () => {
    await as(cookies.designer, 'POST', '/api/processes', { key: 'big', name: 'Big' });
    // Written as text: JSON.stringify itself overflows the stack at this depth.
    const deep = JSON.stringify({ graph: starterGraph('big', 'Big'), revision: 1 }).replace('"data":{}', `"data":{"x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    const res = await app.inject({ method: 'PUT', url: '/api/processes/big/draft', headers: { cookie: cookies.designer, 'content-type': 'application/json' }, payload: deep });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'too_deep', message: expect.stringContaining('64') });
    const many = starterGraph('big', 'Big');
    for (let i = 0; i < 20_000; i++) many.nodes.push({ id: `n${i}`, kind: 'say', position: { x: 0, y: 0 }, data: {} });
    const tooMany = await as(cookies.designer, 'PUT', '/api/processes/big/draft', { graph: many, revision: 1 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('20000') });
    expect((await as(cookies.tester, 'GET', '/api/processes/big')).json().revision).toBe(1);
  });

  it('impossible dates and LIKE wildcards in history filters', async () => {
    const session = `like-${backend}`;
    expect((await ingest([eventFor(t, { sessionId: session, type: 'session.start', data: {} })])).json().stored).toHaveLength(1);
    for (const from of ['2026-02-30', '2026-13-01', '2025-02-29', '2026-04-31T10:00', '2026-01-01T25:00']) {
      const res = await as(cookies.tester, 'GET', `/history?from=${from}`);
      expect(res.statusCode, from).toBe(400);
      expect(res.json().code).toBe('invalid_request');
    }
    expect((await as(cookies.tester, 'GET', '/history?from=2024-02-29')).statusCode).toBe(200);
    const prefix = t.versionHash.slice(0, 16);
    expect((await as(cookies.tester, 'GET', `/history?version=${prefix}`)).body).toContain(session);
    // A version number past PostgreSQL's integer is no number: a page that finds nothing, not a 500.
    for (const huge of ['9007199254740992', '99999999999999999999']) {
      const res = await as(cookies.tester, 'GET', `/history?version=${huge}`);
      expect(res.statusCode, huge).toBe(200);
      expect(res.body).not.toContain(session);
    }
    for (const wildcard of ['%25', '_', '%5C', `${prefix.slice(0, 3)}%25`]) {
      const res = await as(cookies.tester, 'GET', `/history?version=${wildcard}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, wildcard).not.toContain(session);
    }
  });

  it("Fastify's own errors answer in the documented shape", async () => {
    const shape = { code: expect.any(String), message: expect.any(String) };
    const badJson = await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: cookies.designer, 'content-type': 'application/json' }, payload: '{"key":' });
    expect([badJson.statusCode, badJson.json()]).toEqual([400, { ...shape, code: 'invalid_json' }]);
    const empty = await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: cookies.designer, 'content-type': 'application/json' }, payload: '' });
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'invalid_json']);
    const media = await app.inject({ method: 'POST', url: '/api/processes', headers: { cookie: cookies.designer, 'content-type': 'application/xml' }, payload: '<x/>' });
    expect([media.statusCode, media.json()]).toEqual([415, { ...shape, code: 'unsupported_media_type' }]);
    const badUrl = await as(cookies.tester, 'GET', '/api/processes/%E0%A4%A');
    expect([badUrl.statusCode, badUrl.json()]).toEqual([400, { ...shape, code: 'invalid_url' }]);
    const tooLong = await as(cookies.tester, 'GET', `/history/sessions/${'x'.repeat(2100)}`);
    expect([tooLong.statusCode, tooLong.json()]).toEqual([414, { ...shape, code: 'uri_too_long' }]);
    const missing = await as(cookies.tester, 'GET', '/api/nothing/here');
    expect([missing.statusCode, missing.json()]).toEqual([404, { ...shape, code: 'not_found' }]);
  });

  it('a session id is up to 200 characters at ingest and on its timeline alike', async () => {
    const long = `é${'s'.repeat(199)}`;
    const stored = (await ingest([eventFor(t, { sessionId: long, type: 'session.start', data: {} })])).json();
    expect(stored.stored).toHaveLength(1);
    expect((await as(cookies.tester, 'GET', `/history/sessions/${encodeURIComponent(long)}`)).statusCode).toBe(200);
    const over = `${long}x`;
    expect((await ingest([eventFor(t, { sessionId: over })])).json().rejected[0].code).toBe('invalid_event');
    const page = await as(cookies.tester, 'GET', `/history/sessions/${encodeURIComponent(over)}`);
    expect([page.statusCode, page.json().code]).toEqual([400, 'invalid_request']);
  });

  it("a long session's timeline is paged by seq (500 events a page, keyset links)", async () => {
    const session = `long-${backend}`;
    for (let batch = 0; batch < 3; batch++) {
      const events = Array.from({ length: 400 }, (_, i) => eventFor(t, { sessionId: session, seq: batch * 400 + i }));
      expect((await ingest(events)).json().stored).toHaveLength(400);
    }
    const seen: number[] = [];
    let url: string | undefined = `/history/sessions/${session}`;
    while (url) {
      const res = await as(cookies.tester, 'GET', url);
      expect(res.statusCode).toBe(200);
      seen.push([...res.body.matchAll(/<tr class="t-/g)].length);
      url = /<a rel="next" href="([^"]+)"/.exec(res.body)?.[1]?.replace(/&amp;/g, '&');
    }
    expect(seen).toEqual([500, 500, 200]);
    const last = await as(cookies.tester, 'GET', `/history/sessions/${session}?after=999`);
    expect(last.body).toContain('rel="first"');
    expect((await as(cookies.tester, 'GET', `/history/sessions/${session}?after=x`)).statusCode).toBe(400);
  });
});
