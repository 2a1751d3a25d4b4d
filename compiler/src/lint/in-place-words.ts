/**
 * Checks of words that answer in place: the word leads somewhere, its branch only says,
 * requests, decides and sets (no ask, no subflow, no end), never loops, ends at return nodes,
 * and a return node is met nowhere else. Names must not clash with another word of the ask.
 */
import { allInPlaceWords, branchOf } from '../in-place-words.js';
import type { GraphIndex } from './graph.js';
import { LANGUAGE_NAMES, type LintContext } from './context.js';

const BRANCH_KINDS = new Set(['say', 'request', 'decision', 'set', 'return']);

/** Reports the findings; returns the ids of every node on some in-place branch. */
export function lintInPlaceWords(ctx: LintContext, index: GraphIndex): Set<string> {
  const onBranch = new Set<string>();
  const successors = (id: string) => index.next.get(id)?.values() ?? [];
  const globalNames = new Set(ctx.flow.process.globalWords.map((w) => w.name));
  const processNames = new Set((ctx.flow.process.inPlaceWords ?? []).map((w) => w.name));
  const seen = new Set<string>();
  const reportedNodes = new Set<string>();
  for (const { word, own, field, askId } of allInPlaceWords(ctx.flow)) {
    const where = (sub: string) => (askId !== undefined ? { nodeId: askId, field: `${field}${sub}` } : { field: `${field}${sub}` });
    const what = `In-place word "${word.name}"`;
    for (const lang of ctx.languages) {
      if (!(word.phrases[lang] ?? []).some((p) => p.trim() !== '')) ctx.report('missing-text', `${what} has no ${LANGUAGE_NAMES[lang]} phrase.`, where(`/phrases/${lang}`));
    }
    const key = `${askId ?? ''}:${word.name}`;
    if (globalNames.has(word.name) || (own && processNames.has(word.name)) || seen.has(key)) {
      ctx.report('in-place-word-name', `${what}: another word heard in the same ${own ? 'ask' : 'process'} already has this name; name it differently.`, where('/name'));
    }
    seen.add(key);
    if (!index.nodes.has(word.target)) {
      ctx.report('in-place-word-target', `${what} leads to node "${word.target}", which does not exist.`, where('/target'));
      continue;
    }
    const branch = branchOf(word.target, successors, (id) => index.nodes.has(id));
    for (const id of branch) {
      onBranch.add(id);
      const node = index.nodes.get(id)!;
      if (BRANCH_KINDS.has(node.kind) || reportedNodes.has(id)) continue;
      reportedNodes.add(id);
      if (node.kind === 'ask' || node.kind === 'subflow') {
        ctx.report('in-place-word-ask', `The branch of ${what.toLowerCase()} reaches this ${node.kind === 'ask' ? 'ask' : 'subflow call'}: an in-place branch only says, requests, decides and sets, then returns. Lead it to a return node.`, { nodeId: id });
      } else {
        ctx.report('in-place-word-leaves', `The branch of ${what.toLowerCase()} reaches this ${node.kind} node and would leave without returning; end the branch with a return node.`, { nodeId: id });
      }
    }
    const loop = findLoop(word.target, (id) => [...successors(id)].filter((t) => index.nodes.has(t)));
    if (loop) ctx.report('in-place-word-loop', `The branch of ${what.toLowerCase()} loops (${loop.join(' → ')}); it must reach a return node on every path.`, { nodeId: loop[0]! });
  }
  returnsOutsideWords(ctx, index);
  return onBranch;
}

/** A cycle reachable from `start`, as the node ids around it, or undefined. */
function findLoop(start: string, successors: (id: string) => string[]): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'open');
    path.push(id);
    for (const next of successors(id)) {
      const s = state.get(next);
      if (s === 'open') return [...path.slice(path.indexOf(next)), next];
      if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  return visit(start);
}

/** Return nodes the main flow reaches (from start and process-wide words, not through in-place words). */
function returnsOutsideWords(ctx: LintContext, index: GraphIndex): void {
  if (!index.start) return;
  const roots = [index.start.id, ...ctx.flow.process.globalWords.map((w) => w.target)].filter((id) => index.nodes.has(id));
  const reached = branchOf(roots[0]!, (id) => (id === roots[0] ? [...roots.slice(1), ...(index.next.get(id)?.values() ?? [])] : (index.next.get(id)?.values() ?? [])), (id) => index.nodes.has(id));
  for (const id of reached) {
    if (index.nodes.get(id)!.kind !== 'return') continue;
    ctx.report('return-outside-word', 'The dialog reaches this return node outside the branch of an in-place word: there is no ask to return to. Lead this path elsewhere, or start the branch from an in-place word.', { nodeId: id });
  }
}
