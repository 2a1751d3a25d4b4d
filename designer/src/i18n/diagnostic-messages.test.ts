import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, lintFlow, type FlowGraph } from '@voiceman/compiler';
import { diagnosticCatalogues, diagnosticText } from './diagnostic-messages.js';
import { formatDateTime, translate } from './messages.js';

describe('problem messages in both languages', () => {
  it('has a message for every diagnostic code in each catalogue', () => {
    for (const lang of ['en', 'ru'] as const) {
      expect(Object.keys(diagnosticCatalogues[lang]).sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
      expect(Object.values(diagnosticCatalogues[lang]).every((m) => m.trim().length > 0)).toBe(true);
    }
  });

  it('shows a real finding in Russian with the field in words and the names it concerns', () => {
    const at = { x: 0, y: 0 };
    const flow: FlowGraph = {
      formatVersion: 1,
      process: { key: 'cold', name: 'Cold', languages: ['ru'], variables: [], globalWords: [] },
      nodes: [
        { id: 'start', kind: 'start', position: at, data: {} },
        { id: 'bye', kind: 'end', position: at, data: { text: { ru: 'Пока, {{ operatorName }}' } } },
      ],
      edges: [{ id: 'e1', source: 'start', outcome: 'next', target: 'bye' }],
    };
    const [d] = lintFlow(flow);
    expect(d!.code).toBe('cel-invalid');
    expect(diagnosticText(d!, 'ru')).toBe('Переменная не объявлена (текст, русский): «operatorName».');
    expect(diagnosticText(d!, 'en')).toBe(d!.message);
  });
});

describe('counts and dates', () => {
  it('picks the plural form by Intl.PluralRules', () => {
    expect(translate('en', 'diagnostics.count', { errors: 1, warnings: 2 })).toBe('1 error, 2 warnings');
    expect(translate('ru', 'diagnostics.count', { errors: 1, warnings: 0 })).toBe('1 ошибка, 0 предупреждений');
    expect(translate('ru', 'diagnostics.count', { errors: 3, warnings: 21 })).toBe('3 ошибки, 21 предупреждение');
    expect(translate('ru', 'diagnostics.count', { errors: 5, warnings: 1 })).toBe('5 ошибок, 1 предупреждение');
  });
  it('writes dates as the interface language does', () => {
    expect(formatDateTime('ru', '2026-12-02T09:05:00Z')).toMatch(/2 дек\. 2026 г\., \d{2}:05/);
    expect(formatDateTime('en', '2026-12-02T09:05:00Z')).toMatch(/2 Dec 2026, \d{2}:05/);
  });
});
