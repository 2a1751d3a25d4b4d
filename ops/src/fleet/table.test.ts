import { describe, expect, it } from 'vitest';
import { markdownTable } from './table.js';

describe('the load table', () => {
  it('has one line per size, a measured one with its figures and a failed one with its reason', () => {
    const table = markdownTable([
      { terminals: 2000, workingAtStart: 1982, fleetStartS: null, postsPerS: 812.4, eventsStoredPerS: 9000, p50Ms: 12.3, p99Ms: 85, errors: 0, serverCores: 0.9, serverCpuS: 27, loadAverage: [3.1, 2, 1] },
      { terminals: 5000, error: 'not run: the --budget of 15 min was spent' },
    ]).split('\n');
    expect(table).toHaveLength(4);
    const cells = (line: string) => line.split('|').slice(1, -1).map((c) => c.trim());
    const header = cells(table[0]!);
    expect(header.length).toBe(cells(table[1]!).length);
    const row = cells(table[2]!);
    expect(row.length).toBe(header.length);
    expect(row[header.indexOf('terminals')]).toBe('2,000');
    expect(row[header.indexOf('fleet start s')]).toBe('not all');
    expect(row[header.indexOf('p50 / p99 ms')]).toBe('12.3 / 85');
    expect(row[header.indexOf('server cores (CPU s)')]).toBe('0.9 (27)');
    expect(row[header.indexOf('load avg (1 min)')]).toBe('3.1');
    expect(row[header.indexOf('PG CPU ms/POST')]).toBe('–');
    expect(cells(table[3]!).slice(0, 2)).toEqual(['5,000', 'not run: the --budget of 15 min was spent']);
    expect(cells(table[3]!).length).toBe(header.length);
  });
});
