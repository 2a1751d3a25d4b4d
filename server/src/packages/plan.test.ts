import { describe, expect, it } from 'vitest';
import type { PackageItem } from '@voiceman/compiler/package';
import { planImport, rowsDigest, type TargetState } from './plan.js';

const version = (processKey: string, number: number, hash: string): PackageItem =>
  ({ kind: 'version', processKey, number, hash, note: '', author: 'a', createdAt: '2026-12-02T00:00:00.000Z', callees: [], graph: {}, machine: {} });
const reference = (name: string, revision: number, rows: { key: string; value: string }[]): PackageItem =>
  ({ kind: 'reference', name, revision, rows, updatedAt: '2026-12-02T00:00:00.000Z', updatedBy: 'a' });
const target = (over: Partial<TargetState> = {}): TargetState =>
  ({ versions: new Map(), latestVersion: new Map(), references: new Map(), latestRevision: new Map(), processes: new Set(), ...over });
const source = { installationId: 'dev', createdAt: '2026-12-02T00:00:00.000Z' };
const actions = (items: PackageItem[], t: TargetState) => planImport(items, t, source, { status: 'unsigned' }).items.map((i) => `${i.label} ${i.action}`);

describe('import plan', () => {
  it('adds what is new, skips what is here with the same hash or rows, and creates missing processes', () => {
    const rows = [{ key: 'A', value: '1' }];
    const t = target({ versions: new Map([['p@1', 'h1']]), latestVersion: new Map([['p', 1]]), references: new Map([['bins#1', rowsDigest(rows)]]), latestRevision: new Map([['bins', 1]]), processes: new Set(['p']) });
    const plan = planImport([version('p', 1, 'h1'), version('p', 2, 'h2'), version('q', 1, 'h3'), reference('bins', 1, rows)], t, source, { status: 'unsigned' });
    expect(plan.items.map((i) => `${i.label} ${i.action}`)).toEqual(['p@1 present', 'p@2 add', 'q@1 add', 'reference table bins revision 1 present']);
    expect(plan.newProcesses).toEqual(['q']);
    expect(plan.counts).toEqual({ add: 2, present: 2, downgrade: 0, clash: 0 });
  });

  it('calls a taken number with another hash or other rows a clash, and an older one a downgrade', () => {
    const t = target({ versions: new Map([['p@3', 'other'], ['p@5', 'h5']]), latestVersion: new Map([['p', 5]]), references: new Map([['bins#2', rowsDigest([])]]), latestRevision: new Map([['bins', 4]]) });
    expect(actions([version('p', 3, 'mine'), version('p', 4, 'h4'), reference('bins', 2, [{ key: 'A', value: '1' }]), reference('bins', 3, [])], t))
      .toEqual(['p@3 clash', 'p@4 downgrade', 'reference table bins revision 2 clash', 'reference table bins revision 3 downgrade']);
  });
});
