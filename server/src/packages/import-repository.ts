import { itemLabel, type PackageFile, type VersionItem } from '@voiceman/compiler/package';
import type { Db, Queryable } from '../db/db.js';
import { HttpError } from '../errors.js';
import { planImport, rowsDigest, type ImportPlan, type TargetState } from './plan.js';

/** What the target has of the package's processes and tables (read inside the import's transaction). */
export async function loadTarget(q: Queryable, pkg: PackageFile): Promise<TargetState> {
  const keys = [...new Set(pkg.items.flatMap((i) => (i.kind === 'version' ? [i.processKey] : [])))];
  const tables = [...new Set(pkg.items.flatMap((i) => (i.kind === 'reference' ? [i.name] : [])))];
  const target: TargetState = { versions: new Map(), latestVersion: new Map(), references: new Map(), latestRevision: new Map(), processes: new Set() };
  if (keys.length > 0) {
    const versions = await q.query<{ process_key: string; number: number; hash: string }>('SELECT process_key, number, hash FROM versions WHERE process_key = ANY($1::text[])', [keys]);
    for (const v of versions.rows) {
      target.versions.set(`${v.process_key}@${v.number}`, v.hash);
      target.latestVersion.set(v.process_key, Math.max(v.number, target.latestVersion.get(v.process_key) ?? 0));
    }
    const processes = await q.query<{ key: string }>('SELECT key FROM processes WHERE key = ANY($1::text[])', [keys]);
    for (const p of processes.rows) target.processes.add(p.key);
  }
  if (tables.length > 0) {
    const refs = await q.query<{ name: string; revision: number; rows: unknown }>('SELECT name, revision, rows FROM reference_tables WHERE name = ANY($1::text[])', [tables]);
    for (const r of refs.rows) {
      target.references.set(`${r.name}#${r.revision}`, rowsDigest(r.rows));
      target.latestRevision.set(r.name, Math.max(r.revision, target.latestRevision.get(r.name) ?? 0));
    }
  }
  return target;
}

export async function dryRun(db: Db, pkg: PackageFile, signer: ImportPlan['signer']): Promise<ImportPlan> {
  return planImport(pkg.items, await loadTarget(db, pkg), { installationId: pkg.manifest.installationId, createdAt: pkg.manifest.createdAt }, signer);
}

/**
 * Applies a verified package in one transaction: nothing is written unless every item can be.
 * A clash refuses the whole package; a downgrade needs `confirmDowngrade`. Items already here
 * are skipped, so the same package imported twice changes nothing.
 */
export async function applyPackage(db: Db, pkg: PackageFile, signer: ImportPlan['signer'], opts: { confirmDowngrade: boolean; by: string; within?: (tx: Queryable, plan: ImportPlan) => Promise<void> }): Promise<ImportPlan> {
  return db.transaction(async (tx) => {
    // One import at a time; publishes and reference writes wait on the same locks as theirs.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['packages:import']);
    const tables = [...new Set(pkg.items.flatMap((i) => (i.kind === 'reference' ? [i.name] : [])))].sort();
    for (const name of tables) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reference:${name}`]);
    const keys = [...new Set(pkg.items.flatMap((i) => (i.kind === 'version' ? [i.processKey] : [])))].sort();
    if (keys.length > 0) await tx.query('SELECT key FROM processes WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE', [keys]);

    const plan = planImport(pkg.items, await loadTarget(tx, pkg), { installationId: pkg.manifest.installationId, createdAt: pkg.manifest.createdAt }, signer);
    const clash = plan.items.find((i) => i.action === 'clash');
    if (clash) throw new HttpError(409, 'package_clash', clash.message!, { item: clash.label });
    const downgrades = plan.items.filter((i) => i.action === 'downgrade');
    if (downgrades.length > 0 && !opts.confirmDowngrade) {
      throw new HttpError(409, 'downgrade_unconfirmed', `${downgrades.map((d) => d.message).join('; ')}; send confirmDowngrade: true to import it anyway`, { items: downgrades.map((d) => d.label) });
    }
    const wanted = new Set(plan.items.filter((i) => i.action === 'add' || i.action === 'downgrade').map((i) => i.label));
    const newest = new Map<string, VersionItem>();
    for (const item of pkg.items) {
      if (item.kind === 'version' && (newest.get(item.processKey)?.number ?? 0) < item.number) newest.set(item.processKey, item);
    }
    for (const key of plan.newProcesses) {
      const v = newest.get(key)!;
      const name = (v.graph as { process?: { name?: unknown } }).process?.name;
      await tx.query('INSERT INTO processes (key, name, graph, updated_by) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING',
        [key, typeof name === 'string' && name.length > 0 ? name.slice(0, 200) : key, JSON.stringify(v.graph), opts.by]);
    }
    for (const item of pkg.items) {
      if (!wanted.has(itemLabel(item))) continue;
      if (item.kind === 'version') {
        await tx.query(
          `INSERT INTO versions (process_key, number, hash, note, author, created_at, graph, machine, callees) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [item.processKey, item.number, item.hash, item.note, item.author, item.createdAt, JSON.stringify(item.graph), JSON.stringify(item.machine), JSON.stringify(item.callees)],
        );
      } else {
        await tx.query('INSERT INTO reference_tables (name, revision, rows, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)',
          [item.name, item.revision, JSON.stringify(item.rows), item.updatedAt, item.updatedBy]);
      }
    }
    await opts.within?.(tx, plan);
    return plan;
  });
}
