/** The packages section's logic, free of React: the chosen versions, reading a file, what a dry run allows. */
import type { ImportPlan, VersionRef } from './api.js';

export const refLabel = (r: VersionRef) => `${r.processKey}@${r.number}`;

/** Adds a version to the export list once (the list stays sorted by process and number). */
export function addVersion(list: readonly VersionRef[], ref: VersionRef): VersionRef[] {
  if (list.some((r) => r.processKey === ref.processKey && r.number === ref.number)) return [...list];
  return [...list, ref].sort((a, b) => a.processKey.localeCompare(b.processKey) || a.number - b.number);
}

export const removeVersion = (list: readonly VersionRef[], ref: VersionRef) => list.filter((r) => r.processKey !== ref.processKey || r.number !== ref.number);

/** `voiceman-case-picking@3+1-2026-12-02.json`: what the download is called. */
export function packageFileName(list: readonly VersionRef[], now: Date): string {
  const first = list[0] ? refLabel(list[0]) : 'empty';
  const more = list.length > 1 ? `+${list.length - 1}` : '';
  return `voiceman-${first}${more}-${now.toISOString().slice(0, 10)}.json`;
}

/** Limit of the import route (docs/api.md): refused here before the upload. */
export const MAX_PACKAGE_BYTES = 16 * 1024 * 1024;

export type ReadResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'not_json'; detail?: string };

export function readPackageText(text: string, bytes: number): ReadResult {
  if (bytes > MAX_PACKAGE_BYTES) return { ok: false, reason: 'too_large' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: 'not_json', detail: err instanceof Error ? err.message : String(err) };
  }
}

export interface ImportDecision {
  /** Something would be added (or a confirmed downgrade). */
  changes: boolean;
  /** Clashes refuse the whole package. */
  blocked: boolean;
  /** Older items: the admin must tick the confirmation. */
  needsConfirmation: boolean;
  canApply: boolean;
}

export function decide(plan: ImportPlan, confirmed: boolean): ImportDecision {
  const blocked = plan.counts.clash > 0;
  const needsConfirmation = plan.counts.downgrade > 0;
  const changes = plan.counts.add + plan.counts.downgrade > 0 || plan.newProcesses.length > 0;
  return { changes, blocked, needsConfirmation, canApply: !blocked && changes && (!needsConfirmation || confirmed) };
}
