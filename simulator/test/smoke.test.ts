import { describe, expect, it } from 'vitest';
import { compileFlow } from '@voiceman/compiler';
import { loadMachine } from '@voiceman/runtime';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { createSimulation } from '@voiceman/simulator';

describe('smoke', () => {
  it('runs sign-on', async () => {
    const r = compileFlow(exampleFlow('case-picking'), { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
    const machine = loadMachine(r.machine!);
    const sim = createSimulation({ machine, processKey: 'case-picking', versionHash: 'x', language: 'en', input: { wmsUrl: 'http://wms.test' }, stubs: {} });
    let v = await sim.start();
    console.log(v.status, v.stateId, v.expecting, v.transcript);
    v = await sim.send({ kind: 'speech', text: 'four two seven' });
    console.log(v.status, v.stateId, v.transcript.slice(-3));
    v = await sim.send({ kind: 'speech', text: 'yes' });
    console.log(v.status, v.stateId, v.transcript.slice(-6));
    v = await sim.stepBack(1);
    console.log(v.status, v.stateId, v.steps, v.transcript.slice(-3));
    expect(v.status).toBeDefined();
  });
});
