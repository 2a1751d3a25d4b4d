import { describe, expect, it } from 'vitest';
import { heatByNode } from './heatmap.js';

const labels = { noMatch: 'No match', repeat: 'Repeat', promptToAnswer: 'Prompt → answer', answerToNext: 'Answer → next prompt', answers: 'Answers' };

describe('heatmap data', () => {
  it("gives each node its no-match level and its figures as hover text", () => {
    const heat = heatByNode([
      { state: 'loc', answers: 3, noMatches: 0, repeats: 0, noMatchRate: 0, repeatRate: 0, promptToAnswerMs: 3000, answerToNextPromptMs: 1500 },
      { state: 'qty', answers: 4, noMatches: 1, repeats: 1, noMatchRate: 0.25, repeatRate: 0.25, promptToAnswerMs: 2125, answerToNextPromptMs: null },
    ], labels);
    expect(heat.loc!.level).toBe('low');
    expect(heat.qty).toEqual({ level: 'high', title: 'Answers: 4\nNo match: 25 %\nRepeat: 25 %\nPrompt → answer: 2.1 s\nAnswer → next prompt: —' });
  });
});

describe('heatmap on the canvas', () => {
  it('puts the heat on the cards it names and leaves the other cards as they were', async () => {
    const { createCanvasMapper } = await import('../../graph/canvas-mapping.js');
    const { newFlow } = await import('../../graph/new-flow.js');
    const graph = {
      ...newFlow('p', 'P'),
      nodes: [
        { id: 'start', kind: 'start' as const, position: { x: 0, y: 0 }, data: {} },
        { id: 'end1', kind: 'end' as const, position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 'start', outcome: 'next', target: 'end1' }],
    };
    const map = createCanvasMapper();
    const before = map({ graph, selection: { nodes: [], edges: [] } });
    const heat = heatByNode([{ state: 'end1', answers: 2, noMatches: 1, repeats: 0, noMatchRate: 0.5, repeatRate: 0, promptToAnswerMs: 900, answerToNextPromptMs: null }], labels);
    const after = map({ graph, selection: { nodes: [], edges: [] }, heat });
    expect(after.nodes[1]!.data.heat).toEqual(heat.end1);
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(map({ graph, selection: { nodes: [], edges: [] } }).nodes[1]!.data.heat).toBeUndefined();
  });
});
