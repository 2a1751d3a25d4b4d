import { describe, expect, it } from 'vitest';
import { exampleFlow, exampleReferenceData, exampleReferenceTables, seed } from '@voiceman/examples';

describe('example reference tables', () => {
  const tables = exampleReferenceTables();

  it('names tables as CEL-safe snake_case identifiers with unique, non-empty keys', () => {
    for (const [name, rows] of Object.entries(tables)) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(rows.length, name).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.key)).size, name).toBe(rows.length);
      for (const row of rows) expect(row.key.length * row.value.length, `${name}.${row.key}`).toBeGreaterThan(0);
    }
  });

  it('short_reasons has one row per spoken reason of case-picking, each a WMS reason code', () => {
    const ask = exampleFlow('case-picking').nodes.find((n) => n.id === 'reason');
    expect(ask?.kind).toBe('ask');
    const outcomes = (ask?.data as { outcomes: { name: string }[] }).outcomes.map((o) => o.name);
    const rows = tables.short_reasons ?? [];
    expect(rows.map((r) => r.key).sort()).toEqual([...outcomes].sort());
    expect(rows.map((r) => r.value).sort()).toEqual(seed.reasonCodes.map((r) => r.code).sort());
  });

  it('hands out fresh copies', () => {
    exampleReferenceTables().short_reasons!.push({ key: 'x', value: 'y' });
    expect(exampleReferenceTables().short_reasons).toHaveLength(3);
  });

  it('wraps the tables with a revision for compileFlow', () => {
    expect(exampleReferenceData(7)).toEqual({ short_reasons: { revision: 7, rows: exampleReferenceTables().short_reasons } });
  });
});
