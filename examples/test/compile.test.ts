import { describe, expect, it } from 'vitest';
import { compileFlow } from '@voiceman/compiler';
import { loadMachine } from '@voiceman/runtime';
import { exampleFlows, resolveExampleProcess } from '@voiceman/examples';

describe('example flows compile', () => {
  for (const flow of exampleFlows()) {
    it(flow.process.key, () => {
      const result = compileFlow(flow, { resolveProcess: resolveExampleProcess });
      expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.nodeId ?? ''} ${d.message}`)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(() => loadMachine(result.machine)).not.toThrow();
    });
  }
});
