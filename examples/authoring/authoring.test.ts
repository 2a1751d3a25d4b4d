import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { authoredFlows, flowFileText } from './index.js';
import { exampleFlows } from '../src/flows.js';

describe('authored flows', () => {
  it('are exactly what flows/*.flow.json hold (run `npm run flows -w @voiceman/examples` after editing)', () => {
    for (const flow of authoredFlows()) {
      const file = readFileSync(new URL(`../flows/${flow.process.key}.flow.json`, import.meta.url), 'utf8');
      expect(file, flow.process.key).toBe(flowFileText(flow));
    }
  });

  it('are all exported by exampleFlows(), sign-on first', () => {
    expect(exampleFlows().map((f) => f.process.key)).toEqual(authoredFlows().map((f) => f.process.key));
    expect(exampleFlows()[0]?.process.key).toBe('sign-on');
  });

  it('lay nodes out without two on one spot', () => {
    for (const flow of authoredFlows()) {
      const spots = flow.nodes.map((n) => `${n.position.x},${n.position.y}`);
      expect(new Set(spots).size, flow.process.key).toBe(spots.length);
    }
  });

  it('speak every prompt in English and Russian', () => {
    for (const flow of authoredFlows()) {
      for (const node of flow.nodes) {
        const texts = node.kind === 'ask' ? [node.data.prompt, node.data.help] : node.kind === 'say' ? [node.data.text] : [];
        for (const text of texts) {
          expect(text?.en, `${flow.process.key}/${node.id}`).toBeTruthy();
          expect(text?.ru, `${flow.process.key}/${node.id}`).toBeTruthy();
        }
      }
    }
  });
});
