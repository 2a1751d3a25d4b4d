/** Reference tables: listed by the flow, type-checked as ref.<table>.<key>, frozen into the machine. */
import { loadMachine } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow, lintFlow, type FlowGraph, type ReferenceData } from '../src/index.js';
import { canonicalJson } from '../src/canonical.js';
import { referenceSnapshot, referenceTablesOf, tablesWithoutData } from '../src/reference.js';
import { at } from './generate.js';
import { baseFlow } from './helpers.js';

const data: ReferenceData = {
  bins: { revision: 3, rows: [{ key: 'A1', value: 'Aisle one' }, { key: 'B2', value: 'Aisle two' }] },
  reasons: { revision: 1, rows: [{ key: 'short', value: 'Short pick' }] },
};

/** The base flow listing `tables`, its end saying a reference value. */
function withTables(tables: string[], text = 'Bye, {{ ref.bins.A1 }}.'): FlowGraph {
  const f = baseFlow();
  f.process.referenceTables = tables;
  (f.nodes[2]!.data as { text: Record<string, string> }).text.en = text;
  return f;
}

describe('reference tables', () => {
  it('ref.<table>.<key> type-checks when the flow lists a table, and is unknown when it lists none', () => {
    expect(lintFlow(withTables(['bins']))).toEqual([]);
    expect(lintFlow(withTables([])).map((d) => d.code)).toEqual(['cel-invalid']);
    // Only the tables the process lists exist.
    expect(lintFlow(withTables(['bins'], 'Bye, {{ ref.zones.A1 }}.')).map((d) => d.code)).toEqual(['cel-invalid']);
  });

  it('table names must be snake_case identifiers, each listed once', () => {
    for (const bad of ['Bins', 'bin-list', '1bins', '']) {
      expect(lintFlow(withTables([bad], 'Bye.')).map((d) => d.code), bad).toEqual(['reference-table-name']);
    }
    expect(lintFlow(withTables(['bins', 'bins'], 'Bye.')).map((d) => d.code)).toEqual(['reference-table-name']);
    expect(lintFlow(withTables(['bins', 'pick_reasons2'], 'Bye.'))).toEqual([]);
  });

  it('collects the tables of called processes too, and snapshots rows as key → value', () => {
    const callee = withTables(['reasons', 'bins'], 'Bye.');
    callee.process.key = 'callee';
    const caller = withTables(['bins'], 'Bye.');
    caller.nodes.push({ id: 'sub', kind: 'subflow', position: at, data: { processKey: 'callee', inputs: {}, outputs: {} } });
    caller.edges.find((e) => e.id === 'e2')!.target = 'sub';
    caller.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'end1' });
    const tables = referenceTablesOf(caller, (key) => (key === 'callee' ? callee : undefined));
    expect([...tables]).toEqual([['bins', 'base'], ['reasons', 'callee']]);
    const { reference, diagnostics } = referenceSnapshot(tables, data);
    expect(diagnostics).toEqual([]);
    expect(reference).toEqual({ bins: { revision: 3, rows: { A1: 'Aisle one', B2: 'Aisle two' } }, reasons: { revision: 1, rows: { short: 'Short pick' } } });
  });

  it('a listed table missing from the data given is reference-missing; no data given is no error', () => {
    const result = compileFlow(withTables(['bins', 'zones'], 'Bye.'), { referenceData: data });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['reference-missing']);
    expect(result.diagnostics[0]!.message).toContain('"zones"');
    const without = compileFlow(withTables(['bins', 'zones'], 'Bye.'));
    expect(without.ok).toBe(true);
    expect(without.machine!.meta.vm.reference).toBeUndefined();
  });

  it('without data, a table the flow reads is reference-missing (with the advice), not a compiler failure', () => {
    const reads = compileFlow(withTables(['bins', 'zones']));
    expect(reads.ok).toBe(false);
    expect(reads.diagnostics.map((d) => [d.code, d.field])).toEqual([['reference-missing', '/process/referenceTables']]);
    expect(reads.diagnostics[0]!.message).toMatch(/"bins" .* is read by the flow, but no reference data was given: compile with the tables \(the CLI: --reference/);
    const indexed = compileFlow(withTables(['bins'], "Bye, {{ ref['bins'].A1 }}."));
    expect(indexed.diagnostics.map((d) => d.code)).toEqual(['reference-missing']);
  });

  it('the unread-table check reads the canonical text the compile wrote (after meta), with the same findings', () => {
    // A phrase naming the table in meta (a process-wide word) is no read: only states and `on` count.
    const listed = withTables(['bins'], 'Bye.');
    listed.process.globalWords = [{ name: 'bins', phrases: { en: ['ref.bins'] }, target: 'end1' }];
    const reading = withTables(['bins']);
    for (const flow of [listed, reading]) {
      const machine = compileFlow(flow, { referenceData: data }).machine!;
      delete machine.meta.vm.reference;
      const tables = referenceTablesOf(flow, () => undefined);
      expect(tablesWithoutData(tables, machine, canonicalJson(machine))).toEqual(tablesWithoutData(tables, machine));
    }
    expect(compileFlow(listed).ok).toBe(true);
  });

  it('a callee reading its own table compiles into a machine the runtime loads', () => {
    const callee = withTables(['reasons'], 'Reason: {{ ref.reasons.short }}.');
    callee.process.key = 'callee';
    const caller = withTables(['bins']);
    caller.nodes.push({ id: 'sub', kind: 'subflow', position: at, data: { processKey: 'callee', inputs: {}, outputs: {} } });
    caller.edges.find((e) => e.id === 'e2')!.target = 'sub';
    caller.edges.push({ id: 'e9', source: 'sub', outcome: 'done', target: 'end1' });
    const result = compileFlow(caller, { resolveProcess: (key) => (key === 'callee' ? callee : undefined), referenceData: data });
    expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
    expect(Object.keys(result.machine!.meta.vm.reference!)).toEqual(['bins', 'reasons']);
    expect(() => loadMachine(result.machine)).not.toThrow();
  });

  it('embeds the listed tables into meta.vm.reference, so the hash covers the rows', () => {
    const first = compileFlow(withTables(['bins']), { referenceData: data });
    expect(first.ok, JSON.stringify(first.diagnostics)).toBe(true);
    expect(first.machine!.meta.vm.reference).toEqual({ bins: { revision: 3, rows: { A1: 'Aisle one', B2: 'Aisle two' } } });
    const changed = structuredClone(data);
    changed.bins!.rows[0]!.value = 'Aisle 1';
    expect(compileFlow(withTables(['bins']), { referenceData: changed }).hash).not.toBe(first.hash);
  });
});
