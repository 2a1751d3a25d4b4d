import { describe, expect, it } from 'vitest';
import { auditQuery, localToIso, NO_FILTERS, shortJson } from './query.js';

describe('audit filters as a query', () => {
  it('leaves out empty fields and trims the rest', () => {
    expect(auditQuery(NO_FILTERS)).toBe('');
    expect(auditQuery({ ...NO_FILTERS, action: 'user.disable', actor: ' admin ', target: 'a b&c' })).toBe('?action=user.disable&actor=admin&target=a+b%26c');
  });
  it('sends local times as instants, and pages', () => {
    const from = '2026-12-02T14:30';
    expect(auditQuery({ ...NO_FILTERS, from }, { before: 42, limit: 50 })).toBe(`?from=${encodeURIComponent(new Date(from).toISOString())}&before=42&limit=50`);
  });
  it('ignores a time that is not one', () => {
    expect(localToIso('yesterday')).toBeUndefined();
    expect(auditQuery({ ...NO_FILTERS, to: 'yesterday' })).toBe('');
  });
  it('shortens long JSON', () => {
    expect(shortJson({ name: 'x' })).toBe('{"name":"x"}');
    expect(shortJson({ s: 'y'.repeat(500) }, 20)).toHaveLength(20);
    expect(shortJson(null)).toBe('');
  });
});
