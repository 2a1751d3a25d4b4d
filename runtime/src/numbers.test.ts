import { describe, expect, it } from 'vitest';
import { normalizeText, parseSpokenDigits, parseSpokenNumber } from './numbers.js';

describe('parseSpokenNumber', () => {
  it.each([
    ['twenty three', 23],
    ['twenty-three', 23],
    ['two three', 23],
    ['23', 23],
    ['zero', 0],
    ['twelve', 12],
    ['one hundred twenty three', 123],
    ['a hundred and five', 105],
    ['two thousand five hundred', 2500],
    ['nine', 9],
  ])('en %s -> %d', (text, n) => expect(parseSpokenNumber(text, 'en')).toBe(n));

  it.each([
    ['двадцать три', 23],
    ['два три', 23],
    ['сто двадцать', 120],
    ['две тысячи', 2000],
    ['девятьсот девяносто девять', 999],
    ['ноль', 0],
    ['Пятнадцать', 15],
  ])('ru %s -> %d', (text, n) => expect(parseSpokenNumber(text, 'ru')).toBe(n));

  it.each(['twenty thirty', 'three twenty', 'ready', '', 'twelve three', 'hundred hundred', 'one two hundred'])('en rejects %j', (text) =>
    expect(parseSpokenNumber(text, 'en')).toBeNull(),
  );
  it.each(['двадцать тридцать', 'готов', 'пять двадцать'])('ru rejects %j', (text) => expect(parseSpokenNumber(text, 'ru')).toBeNull());
  it('does not read the other language', () => expect(parseSpokenNumber('двадцать', 'en')).toBeNull());
});

describe('parseSpokenDigits', () => {
  it('keeps digits one by one, leading zeros included', () => {
    expect(parseSpokenDigits('five seven', 'en')).toBe('57');
    expect(parseSpokenDigits('zero four two', 'en')).toBe('042');
    expect(parseSpokenDigits('пять семь', 'ru')).toBe('57');
    expect(parseSpokenDigits('5 7', 'en')).toBe('57');
  });
  it('accepts a number said as a number', () => expect(parseSpokenDigits('fifty seven', 'en')).toBe('57'));
  it('rejects words', () => expect(parseSpokenDigits('five apples', 'en')).toBeNull());
});

describe('normalizeText fast path', () => {
  it('returns already-normal text as is and rewrites everything else', () => {
    expect(normalizeText('twenty three')).toBe('twenty three');
    expect(normalizeText('двадцать 3')).toBe('двадцать 3');
    expect(normalizeText('Twenty three')).toBe('twenty three');
    expect(normalizeText('ещё')).toBe('еще');
    expect(normalizeText('twenty  three')).toBe('twenty three');
    expect(normalizeText(' one')).toBe('one');
    expect(normalizeText('forty-two!')).toBe('forty two');
  });
});
