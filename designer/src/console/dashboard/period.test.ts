import { describe, expect, it } from 'vitest';
import { heatLevel, percent, presetPeriod, seconds } from './period.js';

describe('dashboard periods and figures', () => {
  const now = Date.parse('2026-11-02T08:20:00Z');
  it('a day ends with the current hour, in hours; a month starts at midnight UTC, in days', () => {
    expect(presetPeriod('day', now)).toEqual({ from: '2026-11-01T09:00:00.000Z', to: '2026-11-02T09:00:00.000Z', bucket: 'hour' });
    expect(presetPeriod('month', now)).toEqual({ from: '2026-10-03T00:00:00.000Z', to: '2026-11-02T09:00:00.000Z', bucket: 'day' });
  });
  it('reads rates and times, a dash where nothing was counted', () => {
    expect([percent(0.25), percent(0.025), percent(null), seconds(2125), seconds(1_807_000), seconds(null)]).toEqual(['25 %', '2.5 %', '—', '2.1 s', '30.1 min', '—']);
  });
  it('colours a node by its no-match rate', () => {
    expect([heatLevel(null), heatLevel(0), heatLevel(0.1), heatLevel(0.5)]).toEqual(['none', 'low', 'medium', 'high']);
  });
});
