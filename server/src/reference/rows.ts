/**
 * What a reference-table row may hold, in one place: the PUT route's JSON Schema says the same
 * for JSON, this checks rows that came another way (a CSV import) and compares two revisions.
 */
import type { ReferenceRow } from '../repositories/reference.js';

export const MAX_ROWS = 10_000;
export const MAX_KEY = 200;
export const MAX_VALUE = 2000;
/** Keys are read in CEL as `ref.<table>[key]` and typed on one line: no control characters. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Problems of one row, in words (empty: the row is fine). */
export function rowProblems(row: ReferenceRow): string[] {
  const out: string[] = [];
  if (row.key.length === 0) out.push('the key is empty');
  else if (row.key.length > MAX_KEY) out.push(`the key is longer than ${MAX_KEY} characters`);
  else if (CONTROL.test(row.key)) out.push('the key holds a control character (a line break or tab?)');
  else if (row.key.trim() !== row.key) out.push(`the key ${JSON.stringify(row.key)} starts or ends with a space`);
  if (row.value.length > MAX_VALUE) out.push(`the value is longer than ${MAX_VALUE} characters`);
  return out;
}

export interface RowChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
}

/** What replacing `before` with `after` does, by key. */
export function rowChanges(before: readonly ReferenceRow[], after: readonly ReferenceRow[]): RowChanges {
  const old = new Map(before.map((r) => [r.key, r.value]));
  const next = new Set(after.map((r) => r.key));
  const changes: RowChanges = { added: [], changed: [], removed: [], unchanged: 0 };
  for (const r of after) {
    if (!old.has(r.key)) changes.added.push(r.key);
    else if (old.get(r.key) !== r.value) changes.changed.push(r.key);
    else changes.unchanged++;
  }
  for (const r of before) if (!next.has(r.key)) changes.removed.push(r.key);
  return changes;
}
