import { describe, expect, it } from 'vitest';
import { parseUtc, replayLink, toFilter } from './pages.js';

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
