import { describe, expect, it } from 'vitest';
import { assignment, pick } from '../../test/machines.js';
import type { Scenario } from './format.js';
import { injectFaults, summarizeFaults } from './faults.js';

const scenario: Scenario = {
  formatVersion: 1, name: 'a pick', process: 'case-pick',
  stubs: { getAssignment: [{ status: 200, body: assignment }] },
  steps: [{ say: 'one two three' }, { say: 'yes' }, { say: 'five seven' }, { say: 'three' }],
};

describe('fault injection', () => {
  it('judges every fault at every step against the unfaulted end', async () => {
    const cases = await injectFaults(scenario, { machine: pick() });
    // 4 steps × 3 input faults + 1 request node × 3 WMS faults.
    expect(cases).toHaveLength(15);
    const at = (fault: string, where: string) => cases.find((c) => c.fault === fault && c.at === where)!;
    // A 503 is not retried: the dialog ends in wmsDown instead of done.
    expect(at('wms-5xx', 'getAssignment')).toMatchObject({ verdict: 'different-end', end: 'done in wmsDown' });
    // One timeout is absorbed by the request's retry.
    expect(at('wms-timeout', 'getAssignment')).toMatchObject({ verdict: 'same-end', end: 'done in done' });
    // Silence before an answer: the ask reprompts and the script goes on.
    expect(at('silence', 'step 3')).toMatchObject({ verdict: 'same-end' });
    const rows = summarizeFaults('case-pick', cases);
    expect(rows.find((r) => r.fault === 'wms-5xx')).toEqual({ process: 'case-pick', fault: 'wms-5xx', runs: 1, sameEnd: 0, differentEnd: 1, stuck: 0, loop: 0 });
  });

  it('finds a loop without progress: silence that re-enters the ask forever', async () => {
    const machine = pick((json) => {
      const slot = json.states.slot!;
      slot.on!.NOINPUT = { target: '#slot', reenter: true };
    });
    const cases = await injectFaults({ ...scenario, steps: scenario.steps.slice(0, 2) }, { machine, kinds: ['silence'] });
    expect(cases.every((c) => c.verdict === 'loop')).toBe(true);
    expect(cases[0]!.end).toBe('waiting in slot');
  });
});
