import { describe, expect, it } from 'vitest';
import { addMonths, monthNumber, monthOf, monthStartDate, retentionStart } from './months.js';
import { checkRetentionMonths, DEFAULT_RETENTION_MONTHS, parseRetentionMonths } from './retention.js';

describe('months', () => {
  it('adds and subtracts months across year ends', () => {
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
    expect(addMonths({ year: 2026, month: 3 }, -27)).toEqual({ year: 2023, month: 12 });
    expect(monthStartDate(addMonths({ year: 2026, month: 11 }, 2))).toBe('2027-01-01');
  });

  it('the retention start is the first day of the month `months` back, the same month the partitions are cut at', () => {
    const now = new Date(Date.UTC(2026, 0, 31, 23, 59));
    expect(new Date(retentionStart(1, now)).toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(new Date(retentionStart(12, now)).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(monthNumber(monthOf(retentionStart(14, now)))).toBe(202411);
  });
});

describe('VOICEMAN_RETENTION_MONTHS', () => {
  it('unset is 1 month (the sizing of ops/README.md), off keeps events forever, a whole number is taken', () => {
    expect(DEFAULT_RETENTION_MONTHS).toBe(1);
    expect(parseRetentionMonths(undefined)).toBe(1);
    expect(parseRetentionMonths('')).toBe(1);
    expect(parseRetentionMonths('12')).toBe(12);
    expect(parseRetentionMonths('off')).toBeUndefined();
    expect(parseRetentionMonths('6')).toBe(6);
    expect(parseRetentionMonths(' 24 ')).toBe(24);
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', '12 months', '0x10', '99999'])('refuses %j with a message naming the variable and what it takes', (raw) => {
    expect(() => parseRetentionMonths(raw)).toThrow(/^VOICEMAN_RETENTION_MONTHS=.* a whole number of months from 1 to 1200, or off/);
  });

  it('buildApp options are checked the same way', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 5000]) expect(() => checkRetentionMonths(bad)).toThrow(/retention\.months=.* whole number of months/);
    expect(checkRetentionMonths(3)).toBe(3);
  });
});
