import { describe, expect, it } from 'vitest';
import type { MachineJson } from '../src/index.js';
import { run } from './helpers.js';

const thousand = `[${Array.from({ length: 1000 }, (_, i) => i).join(', ')}]`;

/** A greeting, then a final state whose result is `expr`. */
function resultMachine(expr: string): MachineJson {
  const meta = (id: string, kind: string) => ({ vm: { nodeId: id, kind, scope: 'main' } });
  return {
    id: 'cel',
    initial: 'hello',
    meta: {
      vm: {
        formatVersion: 1,
        processKey: 'cel',
        name: 'CEL',
        languages: ['en'],
        scopes: { main: { processKey: 'cel', variables: { s: { type: 'string', default: `${'a'.repeat(3000)}!` } } } },
        globalWords: [],
        settings: { minConfidence: 0.5, noInputTimeoutMs: 7000 },
      },
    },
    states: {
      hello: { id: 'hello', meta: meta('hello', 'say'), entry: [{ type: 'vm.say', params: { text: { en: 'Hello' } } }], always: { target: '#done' } },
      done: { id: 'done', type: 'final', meta: meta('done', 'end'), entry: [{ type: 'vm.result', params: { expr } }] },
    },
  };
}

describe('a published expression that explodes at run time', () => {
  it('ends the dialog with an error event cel.budget instead of hanging', async () => {
    const { result, host } = await run(resultMachine(`${thousand}.map(x, ${thousand}.map(y, ${thousand}.map(z, x + y + z)))`), {});
    expect(result.status).toBe('error');
    const error = host.events.find((e) => e.type === 'error');
    expect(error?.data).toMatchObject({ code: 'cel.budget' });
    expect(host.events.at(-1)?.type).toBe('session.end');
  });

  it('matches a catastrophic pattern in linear time and goes on', async () => {
    const { result } = await run(resultMachine('s.matches("^(a+)+$")'), {});
    expect(result).toMatchObject({ status: 'done', result: false });
  });
});
