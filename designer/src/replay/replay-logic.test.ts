import { describe, expect, it } from 'vitest';
import type { ReplayStep } from '@voiceman/simulator';
import { formFromQuery, requestOf } from './filters.js';
import { comparisonRows, describeInput, sessionsShown, totalsPerProcess } from './report.js';
import { ancestorsOf, runSnapshotAt } from './session-path.js';
import type { ReplayReport } from './replay-api.js';
import { replayRoute } from './route.js';

const step = (n: number, path: string[], over: Partial<ReplayStep> = {}): ReplayStep => ({ step: n, prompts: [], path, state: path.at(-1) ?? null, ...over });

describe('replay filters', () => {
  it('takes the history page\'s filters, mapping its outcomes and dropping a hash prefix as version', () => {
    const form = formFromQuery(new URLSearchParams('process=case-picking&site=dev-lab&outcome=completed&version=ab12&from=2026-11-10'));
    expect(form).toMatchObject({ process: 'case-picking', site: 'dev-lab', outcome: 'done', version: '', from: '2026-11-10', target: 'draft', limit: '500' });
    expect(formFromQuery(new URLSearchParams('outcome=paused')).outcome).toBe('open');
    expect(formFromQuery(new URLSearchParams('outcome=switched')).outcome).toBe('');
  });

  it('builds the request, or names the field that is wrong', () => {
    const form = formFromQuery(new URLSearchParams('process=case-picking&version=2&target=3'));
    expect(requestOf(form)).toEqual({ request: { filter: { processKey: 'case-picking', version: 2, limit: 500 }, target: 3 } });
    expect(requestOf({ ...form, process: 'Bad Key' })).toMatchObject({ field: 'process' });
    expect(requestOf({ ...form, limit: '5001' })).toMatchObject({ field: 'limit' });
    expect(requestOf({ ...form, from: '2026-11-10', to: '2026-11-09' })).toMatchObject({ field: 'to' });
  });
});

describe('replay report', () => {
  const report = {
    id: 'r', processKey: 'p', target: 'draft', versionHash: 'h', status: 'running', filter: { processKey: 'p', limit: 10 }, total: 4, done: 3,
    totals: { same: 1, diverged: 1, inconclusive: 1 }, startedAt: '', finishedAt: null,
    sessions: [
      { sessionId: 'a', siteId: 's', version: 1, versionHash: 'h', startedAt: '', verdict: 'same' },
      { sessionId: 'b', siteId: 's', version: 1, versionHash: 'h', startedAt: '', verdict: 'inconclusive', step: 2, reason: 'truncated' },
      { sessionId: 'c', siteId: 's', version: 1, versionHash: 'h', startedAt: '', verdict: 'diverged', step: 5 },
    ],
  } satisfies ReplayReport;

  it('gives totals and progress per process, and lists diverged sessions first', () => {
    expect(totalsPerProcess([report])).toEqual([{ processKey: 'p', target: 'draft', total: 4, done: 3, same: 1, diverged: 1, inconclusive: 1, percent: 75 }]);
    expect(sessionsShown(report, '').map((s) => s.sessionId)).toEqual(['c', 'b', 'a']);
    expect(sessionsShown(report, 'same').map((s) => s.sessionId)).toEqual(['a']);
  });

  it('lines both sides up by step and marks the divergence', () => {
    const rows = comparisonRows([step(0, ['a']), step(1, ['b']), step(2, ['c'])], [step(0, ['a']), step(1, ['x'])], 1);
    expect(rows.map((r) => [r.step, !!r.original, !!r.replayed, r.diverges, r.after])).toEqual([[0, true, true, false, false], [1, true, true, true, false], [2, true, false, false, true]]);
    expect(describeInput(step(1, [], { input: { kind: 'speech', text: 'five seven', confidence: 0.9 } }))).toBe('“five seven” (0.90)');
    expect(describeInput(step(1, [], { input: { kind: 'speech', text: '', confidence: 0 } }))).toBe('unclear (0.00)');
    expect(describeInput(step(0, []))).toBe('start');
  });
});

describe('a logged session on the canvas', () => {
  const steps = [step(0, ['signOn', 'signOn/askId']), step(1, ['signOn/confirm']), step(2, ['summary', 'aisle', 'slot']), step(3, ['quantity'])];

  it('marks what the session had done up to a step, and where it stood', () => {
    expect(runSnapshotAt(steps, 2)).toEqual({
      activeStates: ['slot'],
      visited: { signOn: 1, 'signOn/askId': 1, 'signOn/confirm': 1, summary: 1, aisle: 1, slot: 1 },
      edges: { 'signOn->signOn/askId': 1, 'signOn/askId->signOn/confirm': 1, 'signOn/confirm->summary': 1, 'summary->aisle': 1, 'aisle->slot': 1 },
    });
    expect(runSnapshotAt(steps, 1).activeStates).toEqual(['signOn', 'signOn/confirm']);
    expect(runSnapshotAt(steps, 99).activeStates).toEqual(['quantity']);
    expect(ancestorsOf('a/b/c')).toEqual(['a', 'a/b', 'a/b/c']);
  });
});

describe('replay routes', () => {
  it('reads the replay pages from the hash, ids and session ids decoded', () => {
    expect(replayRoute('#/replays?process=case-picking&site=dev-lab')).toMatchObject({ page: 'replays', query: expect.any(URLSearchParams) });
    expect((replayRoute('#/replays?process=case-picking') as { query: URLSearchParams }).query.get('process')).toBe('case-picking');
    expect(replayRoute('#/replays/abc')).toMatchObject({ page: 'replays', id: 'abc' });
    expect(replayRoute('#/replays/abc/sessions/s%2F1')).toEqual({ page: 'comparison', id: 'abc', sessionId: 's/1' });
    expect(replayRoute('#/p/case-picking/session/e2e-1')).toEqual({ page: 'session', key: 'case-picking', sessionId: 'e2e-1' });
    expect(replayRoute('#/p/case-picking')).toBeNull();
    expect(replayRoute('#/')).toBeNull();
  });
});
