/**
 * What each open CEL field may complete: registered per Monaco model, since Monaco has one
 * completion provider per language but every field sees different names (process variables,
 * `response` in a WMS mapping, the fields the flow reads from WMS answers).
 */
import type { VarType } from '@voiceman/runtime';

export interface CompletionItem {
  label: string;
  kind: 'variable' | 'field' | 'function';
  detail?: string;
  insert?: string;
}

export interface CompletionScope {
  variables: Record<string, VarType>;
  /** Dotted paths known below a root, e.g. `response` -> [`status`, `body`, `body.items`]. */
  fields?: Record<string, string[]>;
}

const scopes = new Map<string, () => CompletionScope>();

export function registerCompletionScope(modelUri: string, scope: () => CompletionScope): () => void {
  scopes.set(modelUri, scope);
  return () => void scopes.delete(modelUri);
}

// `plural(n, one, few, many)` (ru) / `plural(n, one, other)` (en): the word form agreeing with a count (runtime/src/plural.ts).
const functions = ['size', 'has', 'int', 'double', 'string', 'plural', 'matches', 'contains', 'startsWith', 'endsWith', 'exists', 'all', 'filter', 'map'];

/** Completions for the text before the cursor's word: after `a.b.` the known fields of `a.b`. */
export function completionsFor(modelUri: string, textBefore: string): CompletionItem[] {
  const scope = scopes.get(modelUri)?.();
  if (!scope) return [];
  const dotted = /([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\.$/.exec(textBefore);
  if (dotted) {
    const path = dotted[1]!;
    const [root, ...rest] = path.split('.');
    const known = scope.fields?.[root!] ?? [];
    const prefix = rest.length ? `${rest.join('.')}.` : '';
    const next = new Set<string>();
    for (const f of known) if (f.startsWith(prefix)) next.add(f.slice(prefix.length).split('.')[0]!);
    const asFields = [...next].filter(Boolean).map((label): CompletionItem => ({ label, kind: 'field', detail: `${path}.${label}` }));
    // Methods on any value (`name.startsWith(...)`).
    return [...asFields, ...['size', 'contains', 'startsWith', 'endsWith', 'matches'].map((f): CompletionItem => ({ label: f, kind: 'function', insert: `${f}()` }))];
  }
  const vars = Object.entries(scope.variables).map(([label, type]): CompletionItem => ({ label, kind: 'variable', detail: type }));
  const roots = Object.keys(scope.fields ?? {})
    .filter((r) => !(r in scope.variables))
    .map((label): CompletionItem => ({ label, kind: 'variable', detail: 'map' }));
  return [...vars, ...roots, ...functions.map((f): CompletionItem => ({ label: f, kind: 'function', insert: `${f}()` }))];
}
