/** plural() in flows: checked like any CEL (arity, types), and a machine using it is format 2. */
import { describe, expect, it } from 'vitest';
import { compileFlow, lintFlow } from '../src/index.js';
import { baseFlow } from './helpers.js';

function sayingAtEnd(text: string) {
  const flow = baseFlow();
  (flow.nodes[2]!.data as { text: Record<string, string> }).text.en = text;
  return flow;
}

describe('plural() in a flow', () => {
  it("a prompt with plural(n, 'case', 'cases') compiles into a format-2 machine", () => {
    const result = compileFlow(sayingAtEnd("Take {{ qty }} {{ plural(qty, 'case', 'cases') }}."));
    expect(result.diagnostics).toEqual([]);
    expect(result.machine!.meta.vm.formatVersion).toBe(2);
  });

  it('a wrong arity or a count that is not a number is cel-invalid at the placeholder; text that only says "plural" is not format 2', () => {
    const wrong = lintFlow(sayingAtEnd("Take {{ plural(qty, 'case') }}."));
    expect(wrong.map((d) => [d.code, d.nodeId, d.field])).toEqual([['cel-invalid', 'end1', '/text/en']]);
    expect(wrong[0]!.message).toMatch(/plural\(int, string\)/);
    expect(lintFlow(sayingAtEnd("Take {{ plural(name, 'case', 'cases') }}.")).map((d) => d.code)).toEqual(['cel-invalid']);
    const near = compileFlow(sayingAtEnd('The plural (of case) is cases.'));
    expect(near.ok).toBe(true);
    expect(near.machine!.meta.vm.formatVersion).toBe(1);
  });
});
