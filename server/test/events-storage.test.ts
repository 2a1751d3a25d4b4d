import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { openDb } from '../src/db/open.js';
import { migrate } from '../src/db/migrate.js';
import { eventsRepository, timelinePageSql, type IncomingEvent } from '../src/repositories/events.js';
import { BACKENDS, storage } from './backends.js';
import { crashedSession, finishedAs, finishedSession, pausedThenResumed, switchedSession } from './dialog-events.js';

const ev = (over: Partial<IncomingEvent> = {}): IncomingEvent => ({
  id: randomUUID(),
  sessionId: 's-1',
  seq: 0,
  ts: Date.UTC(2026, 10, 15, 8, 0, 0),
  terminalId: 't-1',
  operatorId: 'op-7',
  processKey: 'pick',
  versionHash: 'abc123',
  type: 'prompt',
  state: 'ask',
  data: { text: 'Aisle 12' },
  ...over,
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];

describe.each(BACKENDS)('dialog event storage on %s', (backend) => {
  let db: Db;
  let events: ReturnType<typeof eventsRepository>;
  beforeAll(async () => {
    db = await openDb(await storage(backend));
    events = eventsRepository(db);
  });
  afterAll(async () => db?.close());

  it('tracks migrations: a second run applies nothing', async () => {
    expect(await migrate(db)).toBe(0);
    const { rows } = await db.query<{ version: number }>('SELECT max(version)::int AS version FROM schemaversion');
    expect(rows[0]!.version).toBeGreaterThanOrEqual(2);
  });

  it('stores each event once however often it is sent, in any order', async () => {
    const a = ev({ sessionId: 'once', seq: 1 });
    const b = ev({ sessionId: 'once', seq: 0, type: 'session.start' });
    const first = await events.ingest('dev-lab', [a, b, a]);
    expect(first.stored.sort()).toEqual([a.id, b.id].sort());
    expect(first.duplicates).toEqual([a.id]);
    const again = await events.ingest('dev-lab', [b, a]);
    expect(again.stored).toEqual([]);
    expect(again.duplicates.sort()).toEqual([a.id, b.id].sort());
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dialog_events WHERE session_id = 'once'`);
    expect(rows[0]!.n).toBe(2);
    const s = await events.session('once');
    expect(s?.events.map((e) => e.seq)).toEqual([0, 1]);
    expect(s?.session.eventCount).toBe(2);
  });

  it('stores text that array literals and JSON must escape, and nulls, exactly as sent', async () => {
    // The ingest passes columns as PostgreSQL arrays: quotes, backslashes, braces, commas and
    // the word NULL inside a value must survive, and a real null must stay null.
    const tricky = 'a "quoted", {braced} \\back\\slash NULL ёжик 🎧';
    const a = ev({ sessionId: `arr ${tricky}`, seq: 0, operatorId: null, state: null, processKey: tricky, data: { text: tricky, nested: { list: [1, null, 'NULL'] } } });
    const b = ev({ sessionId: `arr ${tricky}`, seq: 1, operatorId: 'NULL', state: '', versionHash: '{"x":1}' });
    const res = await events.ingest('dev-lab', [a, b]);
    expect(res.stored.sort()).toEqual([a.id, b.id].sort());
    const { rows } = await db.query<{ id: string; session_id: string; operator_id: string | null; state: string | null; process_key: string; version_hash: string; data: unknown }>(
      'SELECT id, session_id, operator_id, state, process_key, version_hash, data FROM dialog_events WHERE session_id = $1 ORDER BY seq', [a.sessionId],
    );
    expect(rows).toEqual([
      { id: a.id, session_id: a.sessionId, operator_id: null, state: null, process_key: tricky, version_hash: a.versionHash, data: a.data },
      { id: b.id, session_id: a.sessionId, operator_id: 'NULL', state: '', process_key: b.processKey, version_hash: '{"x":1}', data: b.data },
    ]);
  });

  it('a session belongs to the terminal whose event came first, even when two race for it', async () => {
    const batch = (terminalId: string) => [0, 1, 2].map((seq) => ev({ sessionId: 'raced', seq, terminalId }));
    const [a, b] = [batch('t-a'), batch('t-b')];
    const [ra, rb] = await Promise.all([events.ingest('dev-lab', a), events.ingest('dev-lab', b)]);
    const [winner, loser] = ra.stored.length ? [ra, rb] : [rb, ra];
    expect(winner.stored).toHaveLength(3);
    expect(loser.stored).toEqual([]);
    expect(loser.rejected.map((r) => r.code)).toEqual(['session_not_yours', 'session_not_yours', 'session_not_yours']);
    const s = await events.session('raced');
    expect(s?.session.eventCount).toBe(3);
    expect(new Set(s?.events.map((e) => e.id))).toEqual(new Set(winner.stored));
  });

  it('rejects a different event that takes an existing (session, seq)', async () => {
    const a = ev({ sessionId: 'seq', seq: 3 });
    await events.ingest('dev-lab', [a]);
    const clash = ev({ sessionId: 'seq', seq: 3 });
    const res = await events.ingest('dev-lab', [clash]);
    expect(res.rejected).toEqual([expect.objectContaining({ id: clash.id, code: 'seq_taken' })]);
  });

  it('knows a retry by its (session, seq), also when the retry shares a batch with a clash', async () => {
    const a = ev({ sessionId: 'retry-key', seq: 0 });
    const b = ev({ sessionId: 'retry-key', seq: 1 });
    await events.ingest('dev-lab', [a]);
    // a again (a retry), b new, and another event at a's seq: duplicate, stored, refused.
    const clash = ev({ sessionId: 'retry-key', seq: 0 });
    const res = await events.ingest('dev-lab', [clash, a, b]);
    expect(res.stored).toEqual([b.id]);
    expect(res.duplicates).toEqual([a.id]);
    expect(res.rejected).toEqual([expect.objectContaining({ id: clash.id, code: 'seq_taken' })]);
    const s = await events.session('retry-key');
    expect(s?.events.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(s?.session.eventCount).toBe(2);
  });

  it('puts events in monthly partitions and the retention job drops the old ones', async () => {
    const old = ev({ sessionId: 'old', ts: Date.UTC(2025, 0, 10) });
    const recent = ev({ sessionId: 'recent', ts: Date.UTC(2026, 10, 2) });
    await events.ingest('dev-lab', [old, recent]);
    expect(await events.partitions()).toEqual(expect.arrayContaining(['dialog_events_p202501', 'dialog_events_p202611']));
    const dropped = await events.dropOlderThan(6, new Date(Date.UTC(2026, 10, 20)));
    expect(dropped).toContain('dialog_events_p202501');
    expect(dropped).not.toContain('dialog_events_p202611');
    expect(await events.partitions()).not.toContain('dialog_events_p202501');
    expect(await events.session('old')).toBeUndefined();
    expect(await events.session('recent')).toBeDefined();
    // The dropped month's ids may be reused later: the key table forgot them too.
    const back = await events.ingest('dev-lab', [old]);
    expect(back.stored).toEqual([old.id]);
  });

  it.runIf(backend === 'postgres')('a timeline page reads the session index, not the whole month (EXPLAIN)', async () => {
    // A month with many sessions, analyzed: the planner's choice is the one production gets.
    const month = Date.UTC(2026, 2, 1);
    for (let b = 0; b < 8; b++) {
      await events.ingest('dev-lab', Array.from({ length: 500 }, (_, i) => ev({ sessionId: `plan-${b}-${i % 50}`, seq: Math.floor(i / 50), ts: month + b * 3600_000 + i })));
    }
    await db.query('ANALYZE dialog_events_p202603');
    const { rows } = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${timelinePageSql(101)}`, ['plan-3-7', -1]);
    const scans = planNodes(rows[0]!['QUERY PLAN'][0].Plan).filter((n) => n['Relation Name'] === 'dialog_events_p202603');
    expect(scans).toEqual([expect.objectContaining({ 'Node Type': expect.stringMatching(/^Index( Only)? Scan$/), 'Index Name': 'dialog_events_p202603_session_id_seq_idx' })]);
    // And the page it plans is the session's own events, in order.
    const page = await events.session('plan-3-7');
    expect(page?.events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it('a version filter beyond any version number matches nothing (found by the API fuzzer: it was a 500)', async () => {
    await events.ingest('pilot-dc-2', [ev({ sessionId: 'big-version' })]);
    expect(await events.listSessions({ siteId: 'pilot-dc-2', version: '9007199254740994' }, 1, 10)).toEqual({ total: 0, sessions: [] });
    expect(await events.listSessions({ siteId: 'pilot-dc-2', version: '2147483648' }, 1, 10)).toEqual({ total: 0, sessions: [] });
  });

  it('filters and pages sessions', async () => {
    const batch = Array.from({ length: 5 }, (_, i) =>
      ev({ sessionId: `list-${i}`, seq: 0, terminalId: i % 2 ? 't-odd' : 't-even', ts: Date.UTC(2026, 10, 10, i), type: i === 4 ? 'error' : 'prompt' }),
    );
    batch.push(ev({ sessionId: 'list-0', seq: 1, type: 'session.end', data: { status: 'done' }, terminalId: 't-even', ts: Date.UTC(2026, 10, 10, 0, 5) }));
    await events.ingest('pilot-dc-1', batch);
    const page1 = await events.listSessions({ siteId: 'pilot-dc-1' }, 1, 2);
    expect(page1.total).toBe(5);
    expect(page1.sessions.map((s) => s.sessionId)).toEqual(['list-4', 'list-3']);
    const page3 = await events.listSessions({ siteId: 'pilot-dc-1' }, 3, 2);
    expect(page3.sessions.map((s) => s.sessionId)).toEqual(['list-0']);
    expect((await events.listSessions({ siteId: 'pilot-dc-1', terminalId: 't-odd' }, 1, 10)).total).toBe(2);
    expect((await events.listSessions({ siteId: 'pilot-dc-1', outcome: 'completed' }, 1, 10)).sessions.map((s) => s.sessionId)).toEqual(['list-0']);
    expect((await events.listSessions({ siteId: 'pilot-dc-1', outcome: 'error' }, 1, 10)).sessions.map((s) => s.sessionId)).toEqual(['list-4']);
    const ranged = await events.listSessions({ siteId: 'pilot-dc-1', from: new Date(Date.UTC(2026, 10, 10, 1)), to: new Date(Date.UTC(2026, 10, 10, 3)) }, 1, 10);
    expect(ranged.sessions.map((s) => s.sessionId)).toEqual(['list-2', 'list-1']);
  });

  it('a real dialog: done → completed, error → error, stopped → paused until resumed', async () => {
    const outcome = async (id: string) => (await events.session(id))?.session.outcome;
    await events.ingest('dev-lab', await finishedSession('rt-done'));
    expect(await outcome('rt-done')).toBe('completed');
    const crashed = await crashedSession('rt-crash');
    expect(crashed.at(-1)).toMatchObject({ type: 'session.end', data: { status: 'error' } });
    await events.ingest('dev-lab', crashed);
    expect(await outcome('rt-crash')).toBe('error');
    expect((await events.listSessions({ outcome: 'error' }, 1, 50)).sessions.map((s) => s.sessionId)).toContain('rt-crash');
    const { paused, resumed } = await pausedThenResumed('rt-pause');
    expect(paused.at(-1)).toMatchObject({ type: 'session.end', data: { status: 'stopped' } });
    await events.ingest('dev-lab', paused);
    expect(await outcome('rt-pause')).toBe('paused');
    await events.ingest('dev-lab', resumed);
    expect(await outcome('rt-pause')).toBe('completed');
    // Batches arriving out of order tell the same story.
    const late = await pausedThenResumed('rt-late');
    await events.ingest('dev-lab', late.resumed.slice(0, 2));
    await events.ingest('dev-lab', late.paused);
    expect(await outcome('rt-late')).toBe('open');
  });

  it("keeps the end node's outcome of a finished dialog beside the shown outcome; none for a dialog that names none", async () => {
    const signedOff = await finishedAs('rt-signed-off', 'signedOff');
    expect(signedOff.at(-1)).toMatchObject({ type: 'session.end', data: { status: 'done', outcome: 'signedOff' } });
    // The end arrives in a later batch than the start, as a terminal's queue sends them.
    await events.ingest('dev-lab', signedOff.slice(0, 2));
    expect((await events.session('rt-signed-off'))?.session.endOutcome).toBeNull();
    await events.ingest('dev-lab', signedOff.slice(2));
    expect((await events.session('rt-signed-off'))?.session).toMatchObject({ outcome: 'completed', endOutcome: 'signedOff' });
    expect((await events.listSessions({ processKey: 'tiny' }, 1, 50)).sessions.find((s) => s.sessionId === 'rt-signed-off')?.endOutcome).toBe('signedOff');
    await events.ingest('dev-lab', await finishedSession('rt-unnamed'));
    expect((await events.session('rt-unnamed'))?.session).toMatchObject({ outcome: 'completed', endOutcome: null });
  });

  it('a session that took a new version at a switch point is ended as switched, not an error', async () => {
    const switched = await switchedSession('rt-switch');
    expect(switched.at(-1)).toMatchObject({ type: 'session.end', data: { status: 'switched' } });
    expect(await events.ingest('dev-lab', switched)).toMatchObject({ rejected: [] });
    expect((await events.session('rt-switch'))?.session).toMatchObject({ outcome: 'switched', errorCount: 0 });
    expect((await events.listSessions({ outcome: 'switched' }, 1, 50)).sessions.map((s) => s.sessionId)).toEqual(['rt-switch']);
  });
});
