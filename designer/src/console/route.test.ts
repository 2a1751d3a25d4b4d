import { describe, expect, it } from 'vitest';
import { consolePath, consoleRoute } from './route.js';
import { sectionsFor } from './sections.js';
import { translateSection, sectionText } from './text.js';

describe('console routes', () => {
  it('reads the section and what follows it', () => {
    expect(consoleRoute('#/admin')).toEqual({ page: 'console', rest: '' });
    expect(consoleRoute('#/admin/deployments')).toEqual({ page: 'console', section: 'deployments', rest: '' });
    expect(consoleRoute('#/admin/fleet/sites/dc%201')).toEqual({ page: 'console', section: 'fleet', rest: 'sites/dc%201' });
    expect(consoleRoute('#/admin/audit?actor=admin')).toEqual({ page: 'console', section: 'audit', rest: '' });
    expect(consoleRoute('#/p/case-picking')).toBeUndefined();
    expect(consoleRoute('#/administrator')).toBeUndefined();
    expect(consolePath('fleet', 'sites/dc1')).toBe('/admin/fleet/sites/dc1');
  });

  it('shows each role only its sections', () => {
    expect(sectionsFor('admin')).toContain('audit');
    expect(sectionsFor('tester')).not.toContain('audit');
    expect(sectionsFor('designer')).not.toContain('users');
  });

  it('fills a section text in both languages, with plural forms', () => {
    const text = sectionText({ en: { n: '{n} {n:terminal|terminals}' }, ru: { n: '{n} {n:терминал|терминала|терминалов|терминала}' } });
    expect(translateSection(text, 'en', 'n', { n: 1 })).toBe('1 terminal');
    expect(translateSection(text, 'ru', 'n', { n: 5 })).toBe('5 терминалов');
  });
});
