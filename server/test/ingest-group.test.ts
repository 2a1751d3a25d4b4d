import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { openDb } from '../src/db/open.js';
import { eventsRepository, type IncomingEvent, type IngestResult } from '../src/repositories/events.js';
import { groupedIngest, type Ingest } from '../src/ingest-group.js';
import { BACKENDS, storage } from './backends.js';

const ev = (sessionId: string, seq: number, terminalId = `t-${sessionId}`): IncomingEvent => ({
  id: randomUUID(), sessionId, seq, ts: Date.UTC(2026, 10, 15, 8, 0, seq), terminalId, operatorId: 'op-1',
  processKey: 'pick', versionHash: 'abc123', type: 'prompt', state: 'ask', data: { text: `step ${seq}` },
});
const batch = (sessionId: string, n: number, terminalId?: string) => Array.from({ length: n }, (_, i) => ev(sessionId, i, terminalId));
const sorted = (ids: string[]) => [...ids].sort();

describe.each(BACKENDS)('concurrent event POSTs of a site written together, on %s', (backend) => {
  let db: Db;
  let repo: ReturnType<typeof eventsRepository>;
  /** The real ingest, counting the statements (calls) it is given and their sizes. */
  let calls: { siteId: string; events: number }[];
  let real: Ingest;
  beforeAll(async () => {
    db = await openDb(await storage(backend));
    repo = eventsRepository(db);
    real = (siteId, events) => {
      calls.push({ siteId, events: events.length });
      return repo.ingest(siteId, events);
    };
  });
  afterAll(async () => db?.close());
  const count = async (sessionIds: string[]) =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dialog_events WHERE session_id = ANY($1::text[])', [sessionIds])).rows[0]!.n;

  it('a lone POST is written at once, alone', async () => {
    calls = [];
    const ingest = groupedIngest(real);
    const b = batch(randomUUID(), 5);
    const res = await ingest('dev-lab', b);
    expect(sorted(res.stored)).toEqual(sorted(b.map((e) => e.id)));
    expect(calls).toEqual([{ siteId: 'dev-lab', events: 5 }]);
  });

  it('POSTs arriving while a write is in flight go in one statement, and each gets its own answer', async () => {
    calls = [];
    const ingest = groupedIngest(real, { maxInFlight: 1 });
    const posts = Array.from({ length: 12 }, () => batch(randomUUID(), 6));
    const answers = await Promise.all(posts.map((p) => ingest('dev-lab', p)));
    // The first went alone; the other eleven waited for it and were written together.
    expect(calls.map((c) => c.events)).toEqual([6, 66]);
    answers.forEach((a, i) => {
      expect(sorted(a.stored)).toEqual(sorted(posts[i]!.map((e) => e.id)));
      expect(a.duplicates).toEqual([]);
      expect(a.rejected).toEqual([]);
    });
    expect(await count(posts.map((p) => p[0]!.sessionId))).toBe(72);
  });

  it('sites are never mixed in a statement, and a group stops growing at its event limit', async () => {
    calls = [];
    const ingest = groupedIngest(real, { maxInFlight: 1, maxEvents: 20 });
    const a = Array.from({ length: 5 }, () => batch(randomUUID(), 8));
    const b = Array.from({ length: 2 }, () => batch(randomUUID(), 3));
    await Promise.all([...a.map((p) => ingest('dev-lab', p)), ...b.map((p) => ingest('other-site', p))]);
    expect(calls.filter((c) => c.siteId === 'dev-lab').map((c) => c.events)).toEqual([8, 16, 16]);
    expect(calls.filter((c) => c.siteId === 'other-site').map((c) => c.events)).toEqual([3, 3]);
    expect(calls.every((c) => c.events <= 20)).toBe(true);
  });

  it('a retry of the same events while the first POST waits is stored once; the retry reads duplicates', async () => {
    calls = [];
    const ingest = groupedIngest(real, { maxInFlight: 1 });
    const first = batch(randomUUID(), 1);
    const original = batch(randomUUID(), 4);
    const [, one, retry] = await Promise.all([ingest('dev-lab', first), ingest('dev-lab', original), ingest('dev-lab', original)]);
    expect(calls.map((c) => c.events)).toEqual([1, 8]);
    expect(sorted(one!.stored)).toEqual(sorted(original.map((e) => e.id)));
    expect(retry!.stored).toEqual([]);
    expect(sorted(retry!.duplicates)).toEqual(sorted(original.map((e) => e.id)));
    expect(await count([original[0]!.sessionId])).toBe(4);
  });

  it('rejections stay with the POST that earned them: another terminal\'s session in a group', async () => {
    calls = [];
    const ingest = groupedIngest(real, { maxInFlight: 1 });
    const session = randomUUID();
    const owner = batch(session, 2, 'terminal-a');
    const intruder = [ev(session, 5, 'terminal-b')];
    const other = batch(randomUUID(), 3);
    const [, mine, theirs, bystander] = await Promise.all([ingest('dev-lab', batch(randomUUID(), 1)), ingest('dev-lab', owner), ingest('dev-lab', intruder), ingest('dev-lab', other)]);
    expect(calls.map((c) => c.events)).toEqual([1, 6]);
    expect(mine!.stored).toHaveLength(2);
    expect(theirs!.stored).toEqual([]);
    expect(theirs!.rejected.map((r) => r.code)).toEqual(['session_not_yours']);
    expect(bystander!.stored).toHaveLength(3);
  });

  it('a group the database refuses is written POST by POST, so only the bad POST fails', async () => {
    calls = [];
    // A row PostgreSQL refuses (a NUL in jsonb text) that the route's checks would have stopped:
    // it stands for any failure one POST's rows cause.
    const ingest = groupedIngest(real, { maxInFlight: 1 });
    const bad = [{ ...ev(randomUUID(), 0), data: { text: 'nul \u0000 here' } }];
    const good = batch(randomUUID(), 3);
    const results = await Promise.allSettled([ingest('dev-lab', batch(randomUUID(), 1)), ingest('dev-lab', good), ingest('dev-lab', bad)]);
    expect(calls.map((c) => c.events)).toEqual([1, 4, 3, 1]);
    expect(results[0]!.status).toBe('fulfilled');
    expect(results[1]!.status).toBe('fulfilled');
    expect(sorted((results[1] as PromiseFulfilledResult<IngestResult>).value.stored)).toEqual(sorted(good.map((e) => e.id)));
    expect(results[2]!.status).toBe('rejected');
    expect(await count([good[0]!.sessionId, bad[0]!.sessionId])).toBe(3);
  });
});
