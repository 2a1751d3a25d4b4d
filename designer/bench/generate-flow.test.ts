import { describe, expect, it } from 'vitest';
import { lintFlow } from '@voiceman/compiler';
import { generateFlow } from './generate-flow.js';

describe('benchmark flow', () => {
  it('has the asked number of nodes and no errors, so the benchmark measures a real flow', () => {
    const flow = generateFlow(500);
    expect(flow.nodes).toHaveLength(500);
    expect(lintFlow(flow).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
