/**
 * Words that answer in place: which words an ask hears in place, and the branch each one runs.
 * Shared by the linter (lint/in-place-words.ts) and the compiler (compile.ts copies a branch once
 * per ask that hears its word; its return nodes lead back to that ask).
 */
import type { FlowGraph, FlowInPlaceWord, FlowNode } from './flow.js';

export interface AskWord {
  word: FlowInPlaceWord;
  /** Declared on the ask itself (`data.inPlaceWords`), not on the process. */
  own: boolean;
  /** JSON pointer of the declaration: `/process/inPlaceWords/<i>` or the ask's `/inPlaceWords/<i>`. */
  field: string;
}

/** The in-place words an ask hears: the process's, then its own. */
export function inPlaceWordsOf(flow: FlowGraph, node: FlowNode): readonly AskWord[] {
  // Most nodes hear none: one shared empty list instead of two arrays per node.
  if (node.kind !== 'ask' || (!flow.process.inPlaceWords?.length && !node.data.inPlaceWords?.length)) return NO_WORDS;
  const words: AskWord[] = (flow.process.inPlaceWords ?? []).map((word, i) => ({ word, own: false, field: `/process/inPlaceWords/${i}` }));
  (node.data.inPlaceWords ?? []).forEach((word, i) => words.push({ word, own: true, field: `/inPlaceWords/${i}` }));
  return words;
}

const NO_WORDS: readonly AskWord[] = Object.freeze([]);

/** Every in-place word of the flow (process-wide and per ask), with the ask it belongs to. */
export function allInPlaceWords(flow: FlowGraph): (AskWord & { askId?: string })[] {
  const words: (AskWord & { askId?: string })[] = (flow.process.inPlaceWords ?? []).map((word, i) => ({ word, own: false, field: `/process/inPlaceWords/${i}` }));
  for (const node of flow.nodes) {
    if (node.kind !== 'ask') continue;
    (node.data.inPlaceWords ?? []).forEach((word, i) => words.push({ word, own: true, field: `/inPlaceWords/${i}`, askId: node.id }));
  }
  return words;
}

/** Node ids reachable from `target` (the word's branch), target first, in visit order. */
export function branchOf(target: string, successors: (id: string) => Iterable<string>, exists: (id: string) => boolean): string[] {
  if (!exists(target)) return [];
  const seen = new Set([target]);
  const order = [target];
  for (let i = 0; i < order.length; i++) {
    for (const next of successors(order[i]!)) {
      if (seen.has(next) || !exists(next)) continue;
      seen.add(next);
      order.push(next);
    }
  }
  return order;
}
