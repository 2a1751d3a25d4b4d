import { describe, expect, it } from 'vitest';
import type { Diagnostic, FlowGraph } from '@voiceman/compiler';
import { declareVariableFix } from './quick-fix.js';

const at = { x: 0, y: 0 };
const graph: FlowGraph = {
  formatVersion: 1,
  process: { key: 'p', name: 'P', languages: ['ru'], variables: [{ name: 'known', type: 'int' }], globalWords: [] },
  nodes: [
    { id: 'req', kind: 'request', position: at, data: { method: 'GET', url: '{{ wmsUrl }}/tasks', timeoutMs: 5000, retries: 0, mapping: [] } },
    { id: 's', kind: 'set', position: at, data: { assignments: [{ variable: 'count', expr: '3' }, { variable: 'label', expr: '"x"' }] } },
    {
      id: 'qty', kind: 'ask', position: at,
      data: { prompt: { ru: 'Сколько?' }, outcomes: [{ name: 'n', grammar: { type: 'number', min: 1, max: 9 } }], saveAs: 'amount', noInput: { reprompts: [], maxAttempts: 2 }, noMatch: { reprompts: [], maxAttempts: 2 } },
    },
  ],
  edges: [],
};
const d = (code: Diagnostic['code'], message: string, nodeId: string, field: string): Diagnostic => ({ severity: 'error', code, message, nodeId, field });

describe('declare-variable quick fix', () => {
  it('reads the name from CEL\'s "Unknown variable" and types a URL placeholder as a string', () => {
    expect(declareVariableFix(d('cel-invalid', 'Unknown variable: wmsUrl', 'req', '/url'), graph)).toEqual({ name: 'wmsUrl', type: 'string' });
  });
  it('infers a set target from its literal and an ask target from its answers', () => {
    expect(declareVariableFix(d('unknown-variable', 'Variable "count" is not a declared variable of process "p".', 's', '/assignments/0/variable'), graph)).toEqual({ name: 'count', type: 'int' });
    expect(declareVariableFix(d('unknown-variable', 'Variable "label" is not a declared variable of process "p".', 's', '/assignments/1/variable'), graph)).toEqual({ name: 'label', type: 'string' });
    expect(declareVariableFix(d('unknown-variable', 'saveAs "amount" is not a declared variable of process "p".', 'qty', '/saveAs'), graph)).toEqual({ name: 'amount', type: 'double' });
  });
  it('offers nothing for other problems or names already declared', () => {
    expect(declareVariableFix(d('cel-invalid', 'Unknown variable: known', 'req', '/url'), graph)).toBeUndefined();
    expect(declareVariableFix(d('cel-invalid', 'Syntax error', 'req', '/url'), graph)).toBeUndefined();
    expect(declareVariableFix(d('dead-end', 'Outcome "ok" is not connected to anything.', 'req', 'outcome:ok'), graph)).toBeUndefined();
  });
});
