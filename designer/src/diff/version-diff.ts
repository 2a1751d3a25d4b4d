/**
 * What changed between two flows (two versions, or a version and the draft), as a list of
 * property changes a person reads: prompt texts, vocabularies, conditions, variables, process
 * settings, reference-table revisions, and nodes and edges added, removed or changed. Node
 * positions are layout, not behaviour: they are left out. Framework-free.
 */
import type { FlowGraph } from '@voiceman/compiler';

export type ChangeArea = 'prompt' | 'vocabulary' | 'condition' | 'variable' | 'settings' | 'reference' | 'node' | 'edge';
export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  area: ChangeArea;
  kind: ChangeKind;
  /** The node id, edge id, variable name, setting or table it is about. */
  subject: string;
  /** Where inside it (`prompt.en`, `outcomes[0].grammar`), empty for the whole. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** Reference-table revisions a side froze (`meta.vm.reference` of a version's machine). */
export type Revisions = Record<string, number>;

export function frozenRevisions(machine: unknown): Revisions {
  const reference = (machine as { meta?: { vm?: { reference?: Record<string, { revision?: unknown }> } } })?.meta?.vm?.reference ?? {};
  return Object.fromEntries(Object.entries(reference).flatMap(([name, t]) => (typeof t?.revision === 'number' ? [[name, t.revision]] : [])));
}

const PROMPT = new Set(['prompt', 'help', 'text', 'reprompt', 'confirm']);
const VOCABULARY = new Set(['grammar', 'phrases', 'words', 'synonyms', 'vocabulary', 'globalWords']);
const CONDITION = new Set(['condition', 'expr', 'when', 'guard']);

/** The area of a change inside a node, from the names on its path. */
function areaOf(path: string[]): ChangeArea {
  const names = path.map((p) => p.replace(/\[\d+\]$/, ''));
  if (names.some((n) => VOCABULARY.has(n))) return 'vocabulary';
  if (names.some((n) => CONDITION.has(n))) return 'condition';
  if (names.some((n) => PROMPT.has(n))) return 'prompt';
  return 'node';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Leaf differences between two JSON values: `[path, before, after]`, paths as name segments. */
function leaves(a: unknown, b: unknown, path: string[], out: [string[], unknown, unknown][]): void {
  if (same(a, b)) return;
  if (isObject(a) && isObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) leaves(a[k], b[k], [...path, k], out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    const last = path.length - 1;
    a.forEach((x, i) => leaves(x, b[i], [...path.slice(0, last), `${path[last] ?? ''}[${i}]`], out));
    return;
  }
  out.push([path, a, b]);
}

function byKey<T>(list: readonly T[] | undefined, key: (t: T) => string): Map<string, T> {
  return new Map((list ?? []).map((t) => [key(t), t]));
}

function keyed<T>(before: Map<string, T>, after: Map<string, T>, each: (kind: ChangeKind, id: string, b?: T, a?: T) => void): void {
  for (const [id, b] of before) if (!after.has(id)) each('removed', id, b, undefined);
  for (const [id, a] of after) {
    const b = before.get(id);
    if (b === undefined) each('added', id, undefined, a);
    else if (!same(b, a)) each('changed', id, b, a);
  }
}

export function diffFlows(before: FlowGraph, after: FlowGraph, revisions: { before?: Revisions; after?: Revisions } = {}): Change[] {
  const changes: Change[] = [];
  keyed(byKey(before.nodes, (n) => n.id), byKey(after.nodes, (n) => n.id), (kind, id, b, a) => {
    if (kind !== 'changed') {
      changes.push({ area: 'node', kind, subject: id, path: '', before: b?.kind, after: a?.kind });
      return;
    }
    if (b!.kind !== a!.kind) changes.push({ area: 'node', kind, subject: id, path: 'kind', before: b!.kind, after: a!.kind });
    const out: [string[], unknown, unknown][] = [];
    leaves(b!.data, a!.data, [], out);
    for (const [path, x, y] of out) changes.push({ area: areaOf(path), kind: x === undefined ? 'added' : y === undefined ? 'removed' : 'changed', subject: id, path: path.join('.'), before: x, after: y });
  });
  keyed(byKey(before.edges, (e) => e.id), byKey(after.edges, (e) => e.id), (kind, id, b, a) => {
    const ends = (e?: { source: string; outcome: string; target: string }) => (e ? `${e.source} —${e.outcome}→ ${e.target}` : undefined);
    changes.push({ area: 'edge', kind, subject: id, path: '', before: ends(b), after: ends(a) });
  });
  const bp = before.process as unknown as Record<string, unknown>;
  const ap = after.process as unknown as Record<string, unknown>;
  const vars = (p: Record<string, unknown>) => byKey(p.variables as { name: string }[] | undefined, (v) => v.name);
  keyed(vars(bp), vars(ap), (kind, name, b, a) => changes.push({ area: 'variable', kind, subject: name, path: '', before: b, after: a }));
  const words = (p: Record<string, unknown>) => byKey(p.globalWords as { name: string }[] | undefined, (w) => w.name);
  keyed(words(bp), words(ap), (kind, name, b, a) => changes.push({ area: 'vocabulary', kind, subject: `globalWords.${name}`, path: '', before: b, after: a }));
  for (const k of [...new Set([...Object.keys(bp), ...Object.keys(ap)])].sort()) {
    if (k === 'variables' || k === 'globalWords' || k === 'key' || same(bp[k], ap[k])) continue;
    changes.push({ area: k === 'referenceTables' ? 'reference' : 'settings', kind: bp[k] === undefined ? 'added' : ap[k] === undefined ? 'removed' : 'changed', subject: k, path: '', before: bp[k], after: ap[k] });
  }
  if (revisions.before && revisions.after) {
    keyed(new Map(Object.entries(revisions.before)), new Map(Object.entries(revisions.after)), (kind, name, b, a) =>
      changes.push({ area: 'reference', kind, subject: name, path: 'revision', before: b, after: a }));
  }
  return changes;
}

const show = (v: unknown) => (typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 57)}…` : v}"` : v === undefined ? '—' : JSON.stringify(v).slice(0, 60));

const AREA: Record<'en' | 'ru', Record<ChangeArea, string>> = {
  en: { prompt: 'prompt', vocabulary: 'vocabulary', condition: 'condition', variable: 'variable', settings: 'setting', reference: 'reference table', node: 'node', edge: 'connection' },
  ru: { prompt: 'подсказка', vocabulary: 'словарь', condition: 'условие', variable: 'переменная', settings: 'настройка', reference: 'справочник', node: 'узел', edge: 'связь' },
};
const KIND: Record<'en' | 'ru', Record<ChangeKind, string>> = {
  en: { added: 'added', removed: 'removed', changed: 'changed' },
  ru: { added: 'добавлен(а)', removed: 'удалён(а)', changed: 'изменён(а)' },
};

/** One line a person reads: `prompt signOffConfirm prompt.en: "Sign off?" → "Sign off now?"`. */
export function describeChange(c: Change, lang: 'en' | 'ru'): string {
  const where = `${AREA[lang][c.area]} ${c.subject}${c.path ? ` ${c.path}` : ''}`;
  if (c.kind === 'changed') return `${where}: ${show(c.before)} → ${show(c.after)}`;
  return `${where} ${KIND[lang][c.kind]}${c.kind === 'added' && c.area !== 'edge' && c.area !== 'node' ? `: ${show(c.after)}` : c.area === 'edge' ? `: ${show(c.kind === 'added' ? c.after : c.before)}` : ''}`;
}

/** A release note from the changes: one line each, prompts and vocabularies first, at most `max` lines. */
export function releaseNote(changes: readonly Change[], lang: 'en' | 'ru', max = 15): string {
  const order: ChangeArea[] = ['prompt', 'vocabulary', 'condition', 'variable', 'settings', 'reference', 'node', 'edge'];
  const sorted = [...changes].sort((a, b) => order.indexOf(a.area) - order.indexOf(b.area));
  const lines = sorted.slice(0, max).map((c) => `- ${describeChange(c, lang)}`);
  if (sorted.length > max) lines.push(lang === 'ru' ? `- и ещё ${sorted.length - max}` : `- and ${sorted.length - max} more`);
  return lines.join('\n');
}
