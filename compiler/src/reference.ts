/**
 * Reference data (the original system's dictionaries) frozen into a version: the tables a
 * process and its callees list (`process.referenceTables`) are embedded into
 * `meta.vm.reference` at compile time, so the version hash covers them.
 */
import type { MachineJson, ReferenceTableSnapshot } from '@voiceman/runtime';
import { canonicalJson } from './canonical.js';
import { diag, type Diagnostic } from './diagnostics.js';
import type { FlowGraph } from './flow.js';
import type { ResolveProcess } from './kinds/types.js';
import { versionOf } from './kinds/subflow.js';

/** What the caller (the server) knows about a table: its revision and its rows. */
export interface ReferenceTableInput {
  revision: number;
  rows: { key: string; value: string }[];
}

export type ReferenceData = Record<string, ReferenceTableInput>;

/** Table names are snake_case identifiers: CEL reads them as `ref.<table>.<key>`. */
export const REFERENCE_TABLE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Tables a process reads, its callees' included (each listed once, in first-seen order). */
export function referenceTablesOf(flow: FlowGraph, resolve: ResolveProcess): Map<string, string> {
  const tables = new Map<string, string>(); // table -> process key that listed it first
  const seen = new Set<string>();
  const walk = (graph: FlowGraph, version: string) => {
    const id = `${version}:${graph.process.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    for (const table of graph.process.referenceTables ?? []) if (!tables.has(table)) tables.set(table, graph.process.key);
    for (const node of graph.nodes) {
      if (node.kind !== 'subflow') continue;
      const callee = resolve(node.data.processKey, versionOf(node));
      if (callee) walk(callee, versionOf(node));
    }
  };
  walk(flow, 'main');
  return tables;
}

/**
 * The snapshot for `meta.vm.reference`, or the tables `data` lacks (`reference-missing`).
 * Rows become a key → value object; a key given twice keeps its last value.
 */
export function referenceSnapshot(
  tables: Map<string, string>,
  data: ReferenceData,
): { reference: Record<string, ReferenceTableSnapshot>; diagnostics: Diagnostic[] } {
  const reference: Record<string, ReferenceTableSnapshot> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [table, processKey] of tables) {
    const input = Object.hasOwn(data, table) ? data[table] : undefined;
    if (!input) {
      diagnostics.push(diag('reference-missing', `Reference table "${table}" (listed by process "${processKey}") does not exist; create it or remove it from the list.`, { field: '/process/referenceTables' }));
      continue;
    }
    reference[table] = { revision: input.revision, rows: Object.fromEntries(input.rows.map((row) => [row.key, row.value])) };
  }
  return { reference, diagnostics };
}

/**
 * The part of the machine's canonical JSON after `meta` (its `on` and `states`): read in place,
 * not written a second time. Undefined if `canonical` does not start as expected.
 */
function afterMeta(machine: MachineJson, canonical: string): string | undefined {
  const head = `{"id":${JSON.stringify(machine.id)},"initial":${JSON.stringify(machine.initial)},"meta":${canonicalJson(machine.meta)}`;
  return canonical.startsWith(head) ? canonical.slice(head.length) : undefined;
}

/**
 * Compiled without reference data: the listed tables the machine reads (`ref.<table>` or
 * `ref['<table>']` in any expression or placeholder) as `reference-missing`, since the runtime
 * could not evaluate them. A table that is only listed is no error.
 */
export function tablesWithoutData(tables: Map<string, string>, machine: MachineJson, canonical?: string): Diagnostic[] {
  if (tables.size === 0) return [];
  const text = (canonical !== undefined ? afterMeta(machine, canonical) : undefined) ?? JSON.stringify(machine.states) + JSON.stringify(machine.on ?? {});
  const diagnostics: Diagnostic[] = [];
  for (const [table, processKey] of tables) {
    const read = new RegExp(`\\bref\\s*(\\.\\s*${table}\\b|\\[\\s*\\\\?["']${table}\\\\?["'])`);
    if (!read.test(text)) continue;
    diagnostics.push(
      diag(
        'reference-missing',
        `Reference table "${table}" (listed by process "${processKey}") is read by the flow, but no reference data was given: ` +
          'compile with the tables (the CLI: --reference <tables.json>, or a reference.json beside the flow; the server: its reference tables).',
        { field: '/process/referenceTables' },
      ),
    );
  }
  return diagnostics;
}
