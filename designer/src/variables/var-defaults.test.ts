import { describe, expect, it } from 'vitest';
import { convertDefault, fits, readJsonDefault } from './var-defaults.js';

describe('a variable default when its type changes', () => {
  it('keeps a default that still fits', () => {
    expect(convertDefault(3, 'double')).toBe(3);
    expect(convertDefault('x', 'dyn')).toBe('x');
  });
  it('converts what can be converted, else uses the type\'s empty value', () => {
    expect(convertDefault('', 'int')).toBe(0);
    expect(convertDefault('12', 'int')).toBe(12);
    expect(convertDefault('1.5', 'int')).toBe(1);
    expect(convertDefault('abc', 'double')).toBe(0);
    expect(convertDefault(7, 'string')).toBe('7');
    expect(convertDefault('true', 'bool')).toBe(true);
    expect(convertDefault('', 'list')).toEqual([]);
    expect(convertDefault('x', 'map')).toEqual({});
    expect(convertDefault(1.5, 'int')).toBe(1);
    for (const [value, type] of [['', 'int'], ['x', 'bool'], [[1], 'map'], [{}, 'list'], [true, 'string']] as const) {
      expect(fits(convertDefault(value as never, type), type)).toBe(true);
    }
  });
  it('reads JSON defaults and says why one is refused', () => {
    expect(readJsonDefault('[1, 2]', 'list')).toEqual({ ok: true, value: [1, 2] });
    expect(readJsonDefault('{"a": 1}', 'list')).toEqual({ ok: false, problem: 'type' });
    expect(readJsonDefault('[1,', 'list')).toEqual({ ok: false, problem: 'json' });
    expect(readJsonDefault('', 'dyn')).toEqual({ ok: true, value: undefined });
  });
});
