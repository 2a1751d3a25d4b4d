import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../repositories/events.js';
import { parseUtc, replayLink, sessionPage, sessionsPage, toFilter } from './pages.js';

describe('history time filters', () => {
  it('reads dates and date-times without a zone as UTC, honours an explicit zone', () => {
    expect(parseUtc('from', '2026-11-10')?.toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(parseUtc('from', '2026-11-10T08:30')?.toISOString()).toBe('2026-11-10T08:30:00.000Z');
    expect(parseUtc('from', '2026-11-10T08:30:15+03:00')?.toISOString()).toBe('2026-11-10T05:30:15.000Z');
    expect(parseUtc('from', '')).toBeUndefined();
  });

  it.each(['yesterday', '2026-13-40', '10/11/2026', '2026-11-10T25:00'])('refuses %j with a 400 naming the field', (bad) => {
    expect(() => toFilter({ to: bad })).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_request', message: expect.stringContaining('to must be') }));
  });
});

describe('history → replay', () => {
  it('hands the filters a replay understands to the designer, encoded', () => {
    expect(replayLink({ process: 'case-picking', site: 'dev-lab', outcome: 'completed', terminal: 'T1', from: '2026-11-10T08:30' })).toBe(
      '/#/replays?process=case-picking&site=dev-lab&from=2026-11-10T08%3A30&outcome=completed',
    );
    expect(replayLink({})).toBe('/#/replays?');
  });
});

describe('history counts', () => {
  const session: SessionRow = {
    sessionId: 's1', siteId: 'dev-lab', terminalId: 't1', operatorId: null, processKey: 'p', versionHash: 'a'.repeat(64),
    versionNumber: 1, startedAt: '2026-11-10T08:00:00.000Z', lastAt: '2026-11-10T08:01:00.000Z', eventCount: 1, errorCount: 1, outcome: 'error', endOutcome: null,
  };
  it('says "1 session" and "1 error", and "2 sessions" / "0 errors"', () => {
    expect(sessionsPage({}, { sessions: [session], total: 1 }, 1, 50)).toContain('1 session ·');
    expect(sessionsPage({}, { sessions: [session, session], total: 2 }, 1, 50)).toContain('2 sessions ·');
    expect(sessionPage(session, [])).toContain('1 event · 1 error</dd>');
    expect(sessionPage({ ...session, eventCount: 3, errorCount: 0 }, [])).toContain('3 events · 0 errors</dd>');
  });

  it("shows how a completed dialog ended, as its process names it, in the list and on the session", () => {
    const ended = { ...session, outcome: 'completed', errorCount: 0, endOutcome: 'signedOff' };
    expect(sessionsPage({}, { sessions: [ended], total: 1 }, 1, 50)).toContain('completed <span class="end-outcome">(signedOff)</span></td>');
    expect(sessionPage(ended, [])).toContain('<dd>completed <span class="end-outcome">(signedOff)</span> · 1 event');
    expect(sessionsPage({}, { sessions: [session], total: 1 }, 1, 50)).not.toContain('end-outcome');
  });
});
