import { manifestItem, MAX_PACKAGE_ITEMS, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, signManifest, type PackageFile, type PackageItem, type ReferenceItem, type VersionItem } from '@voiceman/compiler/package';
import type { Db } from '../db/db.js';
import { HttpError } from '../errors.js';
import type { Repositories } from '../app.js';

interface VersionRef {
  processKey: string;
  number: number;
}

/** The reference revisions a machine froze (`meta.vm.reference`, docs/machine-format.md). */
function frozenTables(machine: unknown): { name: string; revision: number; rows: Record<string, string> }[] {
  const reference = (machine as { meta?: { vm?: { reference?: unknown } } })?.meta?.vm?.reference;
  if (typeof reference !== 'object' || reference === null) return [];
  return Object.entries(reference as Record<string, { revision?: unknown; rows?: unknown }>).flatMap(([name, t]) =>
    typeof t?.revision === 'number' ? [{ name, revision: t.revision, rows: (t.rows ?? {}) as Record<string, string> }] : []);
}

/**
 * The chosen versions, every version of a subflow they inlined (their `callees`, transitively),
 * and the reference-table revisions any of them froze, as one signed package.
 */
export async function buildPackage(db: Db, repos: Pick<Repositories, 'versions' | 'packageKeys'>, chosen: VersionRef[], sign: boolean): Promise<PackageFile> {
  const versions = new Map<string, VersionItem>();
  const queue = [...chosen];
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const label = `${ref.processKey}@${ref.number}`;
    if (versions.has(label)) continue;
    if (versions.size >= MAX_PACKAGE_ITEMS) throw new HttpError(413, 'package_too_large', `a package holds at most ${MAX_PACKAGE_ITEMS} items; choose fewer versions`);
    const v = await repos.versions.get(ref.processKey, ref.number);
    versions.set(label, {
      kind: 'version', processKey: v.processKey, number: v.number, hash: v.hash, note: v.note, author: v.author, createdAt: v.createdAt,
      callees: v.callees.map((c) => ({ processKey: c.processKey, number: c.number })), graph: v.graph, machine: v.machine,
    });
    queue.push(...v.callees);
  }
  const references = new Map<string, ReferenceItem>();
  for (const v of versions.values()) {
    for (const t of frozenTables(v.machine)) {
      const label = `${t.name}#${t.revision}`;
      if (references.has(label)) continue;
      const { rows } = await db.query<{ rows: { key: string; value: string }[]; updated_at: Date | string; updated_by: string }>(
        'SELECT rows, updated_at, updated_by FROM reference_tables WHERE name = $1 AND revision = $2', [t.name, t.revision],
      );
      const stored = rows[0];
      // A revision the table no longer has (the machine still holds its rows) travels from the snapshot.
      references.set(label, stored
        ? { kind: 'reference', name: t.name, revision: t.revision, rows: stored.rows, updatedAt: new Date(stored.updated_at).toISOString(), updatedBy: stored.updated_by }
        : { kind: 'reference', name: t.name, revision: t.revision, rows: Object.entries(t.rows).map(([key, value]) => ({ key, value })), updatedAt: v.createdAt, updatedBy: v.author });
    }
  }
  const items: PackageItem[] = [
    ...[...references.values()].sort((a, b) => a.name.localeCompare(b.name) || a.revision - b.revision),
    ...[...versions.values()].sort((a, b) => a.processKey.localeCompare(b.processKey) || a.number - b.number),
  ];
  if (items.length > MAX_PACKAGE_ITEMS) throw new HttpError(413, 'package_too_large', `a package holds at most ${MAX_PACKAGE_ITEMS} items; choose fewer versions`);
  const key = await repos.packageKeys.signingKey();
  const manifest = {
    format: PACKAGE_FORMAT, formatVersion: PACKAGE_FORMAT_VERSION, installationId: key.installationId,
    createdAt: new Date().toISOString(), items: items.map(manifestItem),
  } as PackageFile['manifest'];
  return { manifest, ...(sign ? { signature: signManifest(manifest, key.privateKeyPem) } : {}), items };
}
