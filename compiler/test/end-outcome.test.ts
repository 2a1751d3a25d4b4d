/** A top-level end node's `outcome` reaches the machine (and so the dialog result); one without keeps the old bytes. */
import { createDialog, createScriptedHost, loadMachine, runUntilDone } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../src/index.js';
import { baseFlow } from './helpers.js';

describe('end outcome', () => {
  it('a top-level end that names an outcome carries it into the dialog result, still format 1', async () => {
    const flow = baseFlow();
    (flow.nodes[2]!.data as { outcome?: string }).outcome = 'signedOff';
    const compiled = compileFlow(flow);
    expect(compiled.ok).toBe(true);
    expect(compiled.machine!.states.end1!.meta.vm.outcome).toBe('signedOff');
    expect(compiled.machine!.meta.vm.formatVersion).toBe(1);
    const host = createScriptedHost({ listen: ['ready'] });
    const result = await runUntilDone(createDialog(loadMachine(compiled.machine), host, { sessionId: 's', terminalId: 't', versionHash: compiled.hash! }), host);
    expect(result).toMatchObject({ status: 'done', stateId: 'end1', outcome: 'signedOff' });
  });

  it('an end without an outcome compiles as before: no outcome key, no outcome in the result', () => {
    const compiled = compileFlow(baseFlow());
    expect(compiled.machine!.states.end1!.meta.vm).toEqual({ nodeId: 'end1', kind: 'end', scope: 'main' });
  });
});
