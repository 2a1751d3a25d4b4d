/** The final state's `meta.vm.outcome` (the flow's end node outcome) in the dialog result and `session.end`. */
import { describe, expect, it } from 'vitest';
import { validateMachine, type MachineJson } from '../src/index.js';
import { askMachine, run } from './helpers.js';

function withOutcomes(): MachineJson {
  const machine = askMachine();
  machine.states.signedOff!.meta.vm.outcome = 'signedOff';
  machine.states.answered!.meta.vm.outcome = 'picked';
  return machine;
}

describe('end outcome', () => {
  it('is the dialog result’s outcome and is logged in session.end', async () => {
    const { result, host } = await run(withOutcomes(), { listen: ['sign off'] });
    expect(result).toMatchObject({ status: 'done', stateId: 'signedOff', result: 'signedOff', outcome: 'signedOff' });
    const end = host.events.find((e) => e.type === 'session.end')!;
    expect(end.data).toEqual({ status: 'done', result: 'signedOff', outcome: 'signedOff' });
  });

  it('is absent when the final state names none (a machine of before)', async () => {
    const { result, host } = await run(withOutcomes(), { listen: [null, null, null] });
    expect(result.stateId).toBe('noInput');
    expect(result).not.toHaveProperty('outcome');
    expect(host.events.find((e) => e.type === 'session.end')!.data).not.toHaveProperty('outcome');
  });

  it('is refused on a state that is not final, and must be an outcome name', () => {
    const machine = withOutcomes();
    machine.states.q!.meta.vm.outcome = 'early';
    expect(validateMachine(machine).map((i) => i.message)).toContain("only a final state names the dialog's outcome");
    const bad = withOutcomes();
    bad.states.answered!.meta.vm.outcome = 'two words';
    expect(validateMachine(bad).map((i) => i.path)).toContain('/states/answered/meta/vm/outcome');
  });
});
