import { describe, expect, it } from 'vitest';
import { bucketStarts, hourRuns, wholeHours } from './dashboard.js';

const H = 3_600_000;
const T = Date.parse('2026-11-02T08:00:00Z');

describe('dashboard periods', () => {
  it('joins consecutive dirty hours of one site and process into one run, whatever order they were claimed in', () => {
    const claimed = [
      { siteId: 'a', processKey: 'p', hour: T + 2 * H }, { siteId: 'a', processKey: 'p', hour: T }, { siteId: 'a', processKey: 'p', hour: T + H },
      { siteId: 'a', processKey: 'p', hour: T + 5 * H }, { siteId: 'a', processKey: 'q', hour: T }, { siteId: 'b', processKey: 'p', hour: T + H },
    ];
    expect(hourRuns(claimed)).toEqual([
      { siteId: 'a', processKey: 'p', from: T, to: T + 3 * H },
      { siteId: 'a', processKey: 'p', from: T + 5 * H, to: T + 6 * H },
      { siteId: 'a', processKey: 'q', from: T, to: T + H },
      { siteId: 'b', processKey: 'p', from: T + H, to: T + 2 * H },
    ]);
  });
  it('widens a period to whole hours and lists its day buckets from midnight UTC', () => {
    expect(wholeHours(new Date(T + 60_000), new Date(T + H + 1))).toEqual({ from: new Date(T), to: new Date(T + 2 * H) });
    expect(bucketStarts(new Date(T), new Date(T + 30 * H), 'day').map((t) => new Date(t).toISOString())).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z']);
  });
});
