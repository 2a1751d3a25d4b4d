import { describe, expect, it } from 'vitest';
import { base, pick } from '../test/machines.js';
import { createSimulation } from './session.js';

describe('a failed WMS call on the virtual clock', () => {
  it.each([
    ['network errors', [{ networkError: 'ECONNRESET' }]],
    ['timeouts', [{ timeout: true as const }]],
  ])('is retried after its wait and then fails, instead of hanging (%s)', async (_name, answers) => {
    const sim = createSimulation({ machine: pick(), ...base, stubs: { getAssignment: answers } });
    await sim.start();
    await sim.send({ kind: 'speech', text: 'one two three' });
    const view = await sim.send({ kind: 'speech', text: 'yes' });
    expect(view.transcript.filter((t) => t.kind === 'wms').map((t) => t.wms!.attempt)).toEqual([1, 2]);
    expect(view).toMatchObject({ status: 'done', result: { stateId: 'wmsDown', result: 'wms-error' } });
  });
});
