import { describe, expect, it } from 'vitest';
import { referenceRoute, rowProblems, sameRows } from './edit.js';

describe('reference rows editor', () => {
  it('marks empty, padded, duplicate and control-character keys', () => {
    expect(rowProblems([{ key: 'A', value: '1' }, { key: '', value: '' }, { key: ' B', value: '' }, { key: 'A', value: '2' }, { key: 'C\t', value: '' }, { key: 'D', value: '' }]))
      .toEqual(['duplicateKey', 'emptyKey', 'spaces', 'duplicateKey', 'control', undefined]);
  });
  it('compares rows in order', () => {
    expect(sameRows([{ key: 'A', value: '1' }], [{ key: 'A', value: '1' }])).toBe(true);
    expect(sameRows([{ key: 'A', value: '1' }], [{ key: 'A', value: '2' }])).toBe(false);
  });
  it('reads the section route', () => {
    expect(referenceRoute('')).toEqual({});
    expect(referenceRoute('zones')).toEqual({ table: 'zones' });
    expect(referenceRoute('zones/3')).toEqual({ table: 'zones', revision: 3 });
    expect(referenceRoute('zones/x')).toEqual({ table: 'zones' });
  });
});
