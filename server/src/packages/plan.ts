/**
 * What an import would do, item by item (framework-free; the dry run shows it, the import
 * applies it). Numbers are kept: a version keeps its source number and a reference revision
 * its revision, so a version's callees and frozen revisions mean the same in both places.
 */
import { canonicalJson, sha256Hex } from '@voiceman/compiler';
import { itemLabel, type PackageItem, type Signer } from '@voiceman/compiler/package';

/** What the target installation already has of the package's processes and tables. */
export interface TargetState {
  /** `key@number` → hash. */
  versions: Map<string, string>;
  /** process key → its highest version number. */
  latestVersion: Map<string, number>;
  /** `name#revision` → sha256 of the rows' canonical JSON. */
  references: Map<string, string>;
  /** table name → its highest revision. */
  latestRevision: Map<string, number>;
  /** Processes that have a draft here. */
  processes: Set<string>;
}

/** add: new here; present: the same item is here already; downgrade: new, but older than what is here; clash: the number is taken by something else. */
export type PlanAction = 'add' | 'present' | 'downgrade' | 'clash';

export interface PlanItem {
  kind: 'version' | 'reference';
  label: string;
  /** processKey (version) or table name (reference). */
  name: string;
  /** version number or revision. */
  number: number;
  hash?: string;
  action: PlanAction;
  /** For downgrade and clash: what a person reads. */
  message?: string;
}

export interface ImportPlan {
  source: { installationId: string; createdAt: string };
  signer: Signer;
  items: PlanItem[];
  /** Processes without a draft here: the import creates each with the graph of its newest imported version. */
  newProcesses: string[];
  counts: Record<PlanAction, number>;
}

export const rowsDigest = (rows: unknown) => sha256Hex(canonicalJson(rows));

function planItem(item: PackageItem, target: TargetState): PlanItem {
  const label = itemLabel(item);
  if (item.kind === 'version') {
    const base = { kind: 'version' as const, label, name: item.processKey, number: item.number, hash: item.hash };
    const here = target.versions.get(`${item.processKey}@${item.number}`);
    if (here === item.hash) return { ...base, action: 'present' };
    if (here !== undefined) {
      return { ...base, action: 'clash', message: `${label}: this installation has a different version ${item.number} of ${item.processKey} (hash ${here.slice(0, 12)}, the package's ${item.hash.slice(0, 12)}); imported versions keep their numbers, so it cannot be imported here` };
    }
    const newest = target.latestVersion.get(item.processKey);
    if (newest !== undefined && newest > item.number) {
      return { ...base, action: 'downgrade', message: `${label} is older than version ${newest} of ${item.processKey} that this installation already has` };
    }
    return { ...base, action: 'add' };
  }
  const base = { kind: 'reference' as const, label, name: item.name, number: item.revision };
  const here = target.references.get(`${item.name}#${item.revision}`);
  if (here === rowsDigest(item.rows)) return { ...base, action: 'present' };
  if (here !== undefined) {
    return { ...base, action: 'clash', message: `${label}: this installation's revision ${item.revision} of ${item.name} has other rows; imported revisions keep their numbers, so it cannot be imported here` };
  }
  const newest = target.latestRevision.get(item.name);
  if (newest !== undefined && newest > item.revision) {
    return { ...base, action: 'downgrade', message: `${label} is older than revision ${newest} of ${item.name} that this installation already has` };
  }
  return { ...base, action: 'add' };
}

export function planImport(items: readonly PackageItem[], target: TargetState, source: ImportPlan['source'], signer: Signer): ImportPlan {
  const planned = items.map((item) => planItem(item, target));
  const counts: Record<PlanAction, number> = { add: 0, present: 0, downgrade: 0, clash: 0 };
  for (const p of planned) counts[p.action]++;
  const newProcesses = [...new Set(items.flatMap((i) => (i.kind === 'version' && !target.processes.has(i.processKey) ? [i.processKey] : [])))].sort();
  return { source, signer, items: planned, newProcesses, counts };
}
