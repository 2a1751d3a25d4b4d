/** A set node's assignments run in order, as the runtime runs them: `a = b; b = a` is no swap. */
import { createDialog, createScriptedHost, loadMachine } from '@voiceman/runtime';
import { expect, it } from 'vitest';
import { compileFlow, type FlowGraph } from '../src/index.js';
import { at } from './generate.js';

it('later assignments see earlier ones', async () => {
  const flow: FlowGraph = {
    formatVersion: 1,
    process: {
      key: 'order',
      name: 'Order',
      languages: ['en'],
      variables: [
        { name: 'a', type: 'int', default: 1 },
        { name: 'b', type: 'int', default: 2 },
      ],
      globalWords: [],
    },
    nodes: [
      { id: 'start', kind: 'start', position: at, data: {} },
      { id: 's1', kind: 'set', position: at, data: { assignments: [{ variable: 'a', expr: 'b' }, { variable: 'b', expr: 'a' }] } },
      { id: 'end', kind: 'end', position: at, data: { result: 'a * 10 + b' } },
    ],
    edges: [
      { id: 'e1', source: 'start', outcome: 'next', target: 's1' },
      { id: 'e2', source: 's1', outcome: 'next', target: 'end' },
    ],
  };
  const result = compileFlow(flow);
  expect(result.ok, JSON.stringify(result.diagnostics)).toBe(true);
  const host = createScriptedHost({ listen: [] });
  const dialog = createDialog(loadMachine(result.machine), host, { sessionId: 's', terminalId: 't', versionHash: result.hash! });
  await dialog.start();
  // In order: a = 2, then b = a = 2. A simultaneous swap would give 21.
  expect(await dialog.done).toMatchObject({ result: 22 });
});
