/**
 * What PostgreSQL cannot store. `text` and `jsonb` hold no NUL (U+0000), and a lone UTF-16
 * surrogate has no UTF-8 form (`jsonb` refuses its `\ud800` escape; a `text` parameter would
 * silently become U+FFFD). Every string from a client passes one of these before SQL.
 */

/** Why `s` cannot be stored as it is, or undefined when it can. */
export function badString(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return 'contains a lone UTF-16 surrogate';
  return undefined;
}

/** Deeper JSON than this is refused: no real flow, table or event nests further, and PostgreSQL's jsonb parser and `JSON.stringify` recurse. */
export const MAX_JSON_DEPTH = 64;

export interface JsonProblem {
  /** Where, as a JSON pointer-ish path (`/nodes/3/data/text`). */
  path: string;
  kind: 'characters' | 'depth';
  message: string;
}

/**
 * The first string (value or key) that cannot be stored, or the first place nested deeper than
 * `maxDepth`. Iterative: a hostile depth costs a loop, not the stack.
 */
export function jsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined {
  // Paths are built only for the problem found (every request body passes here: building one
  // per node cost more than the checks). Each entry keeps its parent's index and its own key.
  const stack: StackEntry[] = [{ v: value, parent: -1, key: '', depth: 0 }];
  const seen: StackEntry[] = [];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const v = entry.v;
    if (typeof v === 'string') {
      const why = badString(v);
      if (why) {
        const path = pathOf(entry, seen);
        return { path: path || '/', kind: 'characters', message: `${path || 'the value'} ${why}` };
      }
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (entry.depth >= maxDepth) {
      const path = pathOf(entry, seen);
      return { path, kind: 'depth', message: `${path || 'the value'} nests deeper than ${maxDepth} levels` };
    }
    const at = seen.push(entry) - 1;
    const depth = entry.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], parent: at, key: i, depth });
      continue;
    }
    for (const key of Object.keys(v)) {
      const why = badString(key);
      if (why) {
        const path = pathOf(entry, seen);
        return { path: `${path}/${JSON.stringify(key)}`, kind: 'characters', message: `a key under ${path || '/'} ${why}` };
      }
      stack.push({ v: (v as Record<string, unknown>)[key], parent: at, key, depth });
    }
  }
  return undefined;
}

/** `entry`'s path from the root, through the parents kept in `seen`. */
function pathOf(entry: StackEntry, seen: StackEntry[]): string {
  let path = '';
  for (let at = entry; at.parent !== -1; at = seen[at.parent]!) path = `/${at.key}${path}`;
  return path;
}

interface StackEntry {
  v: unknown;
  /** Index in `seen` of the containing object or array; -1 for the root. */
  parent: number;
  key: string | number;
  depth: number;
}

const wellFormed = (s: string) => (s as unknown as { toWellFormed(): string }).toWellFormed().replace(/\u0000/g, '\uFFFD');

/**
 * A copy of `value` with every NUL and lone surrogate (in values and keys) replaced by U+FFFD,
 * or `value` itself when it had none. For free text a terminal recorded (what was heard, what a
 * WMS answered): better a visible replacement character than a lost event. Call only on values
 * `jsonProblem` found no depth problem in.
 */
export function scrubJson<T>(value: T): T {
  if (typeof value === 'string') return (badString(value) ? wellFormed(value) : value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item, i) => {
      const clean = scrubJson(item);
      if (clean !== item) (out ??= value.slice())[i] = clean;
    });
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const cleanKey = badString(key) ? wellFormed(key) : key;
    const clean = scrubJson(item);
    if (cleanKey !== key || clean !== item) {
      out ??= { ...(value as Record<string, unknown>) };
      if (cleanKey !== key) delete out[key];
      out[cleanKey] = clean;
    }
  }
  return (out ?? value) as T;
}
