/**
 * A pick confirmation that times out is retried with the same Idempotency-Key, and the real
 * mock WMS (over HTTP) applies it once: runtime + compiler + mock WMS, only speech scripted.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFlow } from '@voiceman/compiler';
import { loadMachine } from '@voiceman/runtime';
import { exampleFlow, exampleReferenceData, resolveExampleProcess, type MockWms } from '@voiceman/examples';
import { runDialog, signOn427, withWms, wmsCall } from './harness.js';

let wms: MockWms;
beforeAll(async () => {
  wms = await withWms();
});
afterAll(() => wms.close());
beforeEach(() => wmsCall(wms, 'POST', '/test/reset'));

const CONFIRM_TIMEOUT_MS = 300;

/** Case picking with the confirm requests timing out after 300 ms (instead of 5 s), one retry. */
function casePickingWithShortConfirmTimeout() {
  const flow = exampleFlow('case-picking');
  for (const node of flow.nodes) {
    if (node.kind === 'request' && node.data.url.endsWith('/confirm')) Object.assign(node.data, { timeoutMs: CONFIRM_TIMEOUT_MS, retries: 1 });
  }
  const result = compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
  if (!result.ok || !result.machine) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return loadMachine(result.machine);
}

describe('a confirmation that times out', () => {
  it('is retried with the same key and applied once by the WMS that did receive the first one', async () => {
    // The first confirm is applied at once, but its answer arrives only after the terminal gave up.
    await wmsCall(wms, 'POST', '/test/faults', { status: 0, delayResponseMs: CONFIRM_TIMEOUT_MS * 3, count: 1, pathPrefix: '/picking/picks/10234-1/confirm' });
    const run = await runDialog('case-picking', wms, [...signOn427, 'ready', 'ready', 'five seven', 'three'], { machine: casePickingWithShortConfirmTimeout() });

    const confirms = run.host.requests.filter((r) => r.url.endsWith('/picking/picks/10234-1/confirm'));
    expect(confirms).toHaveLength(2);
    const key = confirms[0]!.headers['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(confirms[1]!.headers['Idempotency-Key']).toBe(key);
    const errors = run.host.events.filter((e) => e.type === 'wms.error');
    expect(errors.map((e) => e.data.message)).toEqual([`network failure: timeout after ${CONFIRM_TIMEOUT_MS} ms`]);

    // The dialog went on to the next slot, not to the WMS-trouble path.
    expect(run.spoken.slice(-2)).toEqual(['Pick 3.', 'Slot 9 B.']);
    expect((await wmsCall(wms, 'GET', '/locations/12-04A')).stock[0].quantity).toBe(17);
    const { picks } = await wmsCall(wms, 'GET', '/picking/assignments/10234');
    expect(picks.find((p: { id: string }) => p.id === '10234-1')).toMatchObject({ status: 'done', picked: 3 });
  });
});
