/**
 * Editing a list of voice words (process-wide words, in-place words of the process or of one
 * ask): every word is `{ name, phrases, target }`. Framework-free, so the list logic is tested
 * without React; the view is ../kinds/word-list.tsx.
 */
import type { FlowGlobalWord, FlowNode } from '@voiceman/compiler';
import { nextId } from '../graph/ids.js';

export type Word = FlowGlobalWord;

/** Nodes a word may lead to: every node but the start. */
export function wordTargets(nodes: readonly FlowNode[]): FlowNode[] {
  return nodes.filter((n) => n.kind !== 'start');
}

/**
 * A new word with a free name. A process-wide word leads to the first end node; an in-place
 * word to the first say node (the usual start of its branch), else nowhere yet.
 */
export function addWord(words: readonly Word[], nodes: readonly FlowNode[], kind: 'global' | 'inPlace'): Word[] {
  const name = nextId('word', new Set(words.map((w) => w.name)));
  const target = nodes.find((n) => n.kind === (kind === 'global' ? 'end' : 'say'))?.id ?? '';
  return [...words, { name, phrases: {}, target }];
}

export function changeWord(words: readonly Word[], index: number, change: Partial<Word>): Word[] {
  return words.map((w, i) => (i === index ? { ...w, ...change } : w));
}

export function removeWord(words: readonly Word[], index: number): Word[] {
  return words.filter((_, i) => i !== index);
}
