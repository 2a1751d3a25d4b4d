import { describe, expect, it } from 'vitest';
import { joinUrl, TemplateError, templateParts, urlProblem } from './template.js';
import { checkCel, fromCel, toCel } from './cel.js';

describe('templateParts', () => {
  it('splits text and expressions with offsets', () => {
    const t = 'Aisle {{ a.b }}, slot {{slot}}';
    const parts = templateParts(t);
    expect(parts).toEqual([{ text: 'Aisle ' }, { expr: 'a.b', start: 9, end: 12 }, { text: ', slot ' }, { expr: 'slot', start: 24, end: 28 }]);
    const e = parts[1] as { start: number; end: number };
    expect(t.slice(e.start, e.end)).toBe('a.b');
  });
  it('reports an unclosed brace clearly', () => {
    expect(() => templateParts('Pick {{ qty')).toThrow(TemplateError);
    expect(() => templateParts('Pick {{ qty')).toThrow(/unclosed "\{\{" at offset 5/);
  });
  it('reports empty and stray braces', () => {
    expect(() => templateParts('a {{ }} b')).toThrow(/empty/);
    expect(() => templateParts('a }} b')).toThrow(/without a matching/);
  });
  it('plain text is one part', () => expect(templateParts('Ready?')).toEqual([{ text: 'Ready?' }]));
});

describe('checkCel', () => {
  it('accepts declared variables, event and session', () => {
    expect(checkCel('qty + 1 > 2 && event.value == session.terminalId', { qty: 'int' })).toEqual([]);
  });
  it('names unknown identifiers with their position', () => {
    const [issue] = checkCel('qty + foo', { qty: 'int' });
    expect(issue?.message).toMatch(/Unknown variable: foo/);
    expect(issue?.start).toBe(6);
  });
  it('reports parse and type errors', () => {
    expect(checkCel('qty +', { qty: 'int' })[0]?.message).toMatch(/Unexpected/);
    expect(checkCel('qty + "x"', { qty: 'int' })[0]?.message).toMatch(/no such overload/);
    expect(checkCel('', {})[0]?.message).toMatch(/empty/);
  });
});

describe('JSON <-> CEL values', () => {
  it('integral numbers become int, others double, and come back as numbers', () => {
    expect(toCel({ a: 3, b: 2.5, c: [1] })).toEqual({ a: 3n, b: 2.5, c: [1n] });
    expect(toCel(3, 'double')).toBe(3);
    expect(fromCel({ a: 3n, b: [2.5, 'x', null, true] })).toEqual({ a: 3, b: [2.5, 'x', null, true] });
    expect(fromCel(new Map([['k', 1n]]))).toEqual({ k: 1 });
  });
  it('refuses what JSON cannot hold', () => {
    expect(() => fromCel(2n ** 70n)).toThrow(/too large/);
    expect(() => fromCel(Number.POSITIVE_INFINITY)).toThrow(/cannot be stored/);
  });
});

describe('request URLs', () => {
  it('joins a leading value raw and encodes later values', () => {
    expect(joinUrl([{ value: 'http://h:1/api' }, { text: '/x/' }, { value: 'a/b?c' }])).toBe('http://h:1/api/x/a%2Fb%3Fc');
    expect(joinUrl([{ text: 'http://h/' }, { value: 'http://h' }])).toBe('http://h/http%3A%2F%2Fh');
  });

  it('accepts absolute http(s) URLs only', () => {
    for (const ok of ['http://127.0.0.1:4010/tasks', 'HTTPS://wms.example', 'https://h/p?q=1#f', 'http://user@h:80/']) expect(urlProblem(ok)).toBeNull();
    for (const bad of ['', '/tasks', 'wms:4010/x', 'ftp://h/x', 'http://', 'http:///x', 'http://h x/', 'http://h/\n', 'https:\\\\h\\x', 'javascript:alert(1)']) {
      expect(urlProblem(bad), bad).toMatch(/is not an absolute http:\/\/ or https:\/\/ URL/);
    }
  });
});
