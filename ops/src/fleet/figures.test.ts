import { describe, expect, it } from 'vitest';
import { percentile, windowFigures } from './figures.js';
import type { Sample } from './protocol.js';

describe('figures of a run', () => {
  it('takes the nearest-rank percentile', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
  });

  it('counts only the POSTs that started in the window, latency from the 200s, errors by status', () => {
    const samples: Sample[] = [
      [999, 500, 200, 5, 5, 0],
      [1000, 10, 200, 5, 5, 0],
      [1500, 30, 200, 10, 10, 1],
      [1600, 10_000, 1, 4, 0, 1],
      [1700, 1, 0, 4, 0, 2],
      [2000, 20, 200, 5, 5, 0],
    ];
    const f = windowFigures(samples, 1000, 2000);
    expect(f).toMatchObject({ posts: 4, postsPerS: 4, eventsStoredPerS: 15, p50Ms: 10, p99Ms: 30, errors: { 0: 1, 1: 1 } });
    expect(windowFigures(samples, 1000, 2000, (i) => i === 1).posts).toBe(2);
  });
});
