import { describe, expect, it } from 'vitest';
import { nextSlot, parseNightlyAt } from './nightly.js';

describe('the nightly time', () => {
  it('reads HH:MM in UTC or off, and refuses anything else at start-up', () => {
    expect(parseNightlyAt('02:00')).toEqual({ hour: 2, minute: 0 });
    expect(parseNightlyAt('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(parseNightlyAt('off')).toBeNull();
    for (const bad of ['2:00', '24:00', '02:60', '0200', '', 'never']) expect(() => parseNightlyAt(bad)).toThrow(/HH:MM/);
  });

  it('the next slot is strictly after now: today before the time, tomorrow at or after it', () => {
    const at = { hour: 2, minute: 0 };
    expect(new Date(nextSlot(Date.parse('2026-12-03T01:59:59Z'), at)).toISOString()).toBe('2026-12-03T02:00:00.000Z');
    expect(new Date(nextSlot(Date.parse('2026-12-03T02:00:00Z'), at)).toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(new Date(nextSlot(Date.parse('2026-12-31T23:00:00Z'), at)).toISOString()).toBe('2027-01-01T02:00:00.000Z');
  });
});
