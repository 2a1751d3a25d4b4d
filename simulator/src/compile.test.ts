import { describe, expect, it } from 'vitest';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { createSimulation } from './session.js';
import { FlowCompileError, machineFromFlow } from './compile.js';

describe('machineFromFlow', () => {
  it('compiles a draft flow into a machine a simulation runs', async () => {
    const machine = machineFromFlow(exampleFlow('case-picking'), { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
    const view = await createSimulation({ machine, processKey: 'case-picking', versionHash: 'draft', language: 'en' }).start();
    expect(view).toMatchObject({ status: 'waiting', stateId: 'signOn/askId' });
  });

  it('throws the compiler diagnostics of a broken flow', () => {
    const flow = structuredClone(exampleFlow('case-picking')) as { edges: unknown[] };
    flow.edges = [];
    expect(() => machineFromFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() })).toThrow(FlowCompileError);
  });
});
