import { describe, expect, it } from 'vitest';
import type { FlowNode } from '@voiceman/compiler';
import { addWord, changeWord, removeWord, wordTargets } from './word-list.js';

const at = { x: 0, y: 0 };
const nodes: FlowNode[] = [
  { id: 'start', kind: 'start', position: at, data: {} },
  { id: 'describe', kind: 'say', position: at, data: { text: { en: 'Milk.' } } },
  { id: 'bye', kind: 'end', position: at, data: {} },
];

describe('word lists', () => {
  it('a new process-wide word leads to an end, a new in-place word to a say; names stay unique', () => {
    const one = addWord([], nodes, 'global');
    expect(one).toEqual([{ name: 'word1', phrases: {}, target: 'bye' }]);
    const two = addWord(one, nodes, 'inPlace');
    expect(two[1]).toEqual({ name: 'word2', phrases: {}, target: 'describe' });
    expect(addWord([], [nodes[0]!], 'inPlace')[0]!.target).toBe('');
  });

  it('changes and removes one word, leaving the others as they were', () => {
    const words = addWord(addWord([], nodes, 'inPlace'), nodes, 'inPlace');
    const changed = changeWord(words, 1, { phrases: { ru: ['описание'] } });
    expect(changed[1]).toMatchObject({ name: 'word2', phrases: { ru: ['описание'] } });
    expect(changed[0]).toBe(words[0]);
    expect(removeWord(changed, 0).map((w) => w.name)).toEqual(['word2']);
  });

  it('never offers the start node as a target', () => {
    expect(wordTargets(nodes).map((n) => n.id)).toEqual(['describe', 'bye']);
  });
});
