/** Where a dialog stands, for the path search (generate.ts) and loop detection (faults.ts). */
import type { SimView } from '../types.js';

/**
 * Two moments are the same search vertex when the dialog waits in the same state, after the
 * same last prompt (a read-back waits in the ask's own state), with as many failed attempts and
 * wrong checked answers at the ask, and the same scalar variables (counters, flags, digits): WMS bodies and other objects
 * are left out, or every pick of an assignment would be a new vertex and the search would not end.
 */
export function vertexKey(view: SimView): { coarse: string; full: string } {
  let failed = 0;
  let wrong = 0;
  let said = '';
  for (const t of view.transcript) {
    if (t.kind === 'say') said = t.text ?? '';
    if (t.kind === 'transition') (failed = 0), (wrong = 0);
    else if (t.kind === 'silence' || t.kind === 'nomatch') failed += 1;
    // A checked answer that was wrong is said again with the same prompt: without its count the
    // moment after it would look like the one before, and the ask's WRONG outcome never searched.
    else if (t.kind === 'say' && t.reason === 'wrong') wrong += 1;
  }
  const scalars: string[] = [];
  for (const [scope, values] of Object.entries(view.variables)) {
    for (const [name, value] of Object.entries(values)) if (value === null || typeof value !== 'object') scalars.push(`${scope}.${name}=${JSON.stringify(value)}`);
  }
  const coarse = `${view.status}|${view.stateId}|${failed}|${wrong}|${said}`;
  return { coarse, full: `${coarse}|${scalars.join(',')}` };
}
