/**
 * The rows editor's checks, shown as the admin types (the server checks the same on save:
 * server/src/reference/rows.ts) and the section's sub-routes (`<table>` or `<table>/<revision>`).
 */
export interface EditRow {
  key: string;
  value: string;
}

export type RowProblem = 'emptyKey' | 'duplicateKey' | 'spaces' | 'control';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Per row, its first problem (undefined: fine). */
export function rowProblems(rows: readonly EditRow[]): (RowProblem | undefined)[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.key, (count.get(r.key) ?? 0) + 1);
  return rows.map((r) => {
    if (r.key === '') return 'emptyKey';
    if (CONTROL.test(r.key)) return 'control';
    if (r.key.trim() !== r.key) return 'spaces';
    if ((count.get(r.key) ?? 0) > 1) return 'duplicateKey';
    return undefined;
  });
}

export function sameRows(a: readonly EditRow[], b: readonly EditRow[]): boolean {
  return a.length === b.length && a.every((r, i) => r.key === b[i]!.key && r.value === b[i]!.value);
}

/** `zones` → the table; `zones/3` → revision 3 of it. */
export function referenceRoute(rest: string): { table?: string; revision?: number } {
  const [table, rev] = rest.split('/');
  if (!table) return {};
  const n = Number(rev);
  return rev && Number.isInteger(n) && n > 0 ? { table, revision: n } : { table };
}
