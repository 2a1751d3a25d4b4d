/**
 * A pick confirmation that times out is retried with the same Idempotency-Key, and the real
 * mock WMS (over HTTP) applies it once: runtime + compiler + mock WMS, only speech scripted.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compileFlow } from '@voiceman/compiler';
import { createDialog, loadMachine, MemoryStorage } from '@voiceman/runtime';
import { exampleFlow, exampleReferenceData, resolveExampleProcess, type MockWms } from '@voiceman/examples';
import { createWmsHost, runDialog, signOn427, withWms, wmsCall } from './harness.js';

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

describe('a terminal that dies while a confirmation is on the wire', () => {
  it('resumes with the same key, and the WMS that applied the first one answers without applying again', async () => {
    await wmsCall(wms, 'POST', '/test/faults', { status: 0, delayResponseMs: 1500, count: 1, pathPrefix: '/picking/picks/10234-1/confirm' });
    const machine = casePickingWithShortConfirmTimeout();
    const options = { sessionId: 'crash-confirm', terminalId: 'T-01', versionHash: 'test', language: 'en' as const, input: { wmsUrl: wms.url } };

    // The first life: sign on, first slot, quantity; the storage is copied the moment the
    // confirmation leaves (what a crash would leave behind).
    let crashed: MemoryStorage | undefined;
    const first = createWmsHost([...signOn427, 'ready', 'ready', 'five seven', 'three'], (index) => {
      if (!crashed && first.requests[index]!.url.endsWith('/confirm')) {
        crashed = new MemoryStorage();
        for (const [k, v] of first.storage.data) crashed.data.set(k, v);
      }
    });
    const stopFirst = first.letTimePass();
    const firstDialog = createDialog(machine, first, options);
    void firstDialog.start();
    while (!crashed) await new Promise((r) => setTimeout(r, 10));
    stopFirst();

    // The second life resumes from that storage and sends the confirmation again.
    const second = createWmsHost([]);
    second.storage = crashed;
    const stopSecond = second.letTimePass();
    const dialog = createDialog(machine, second, options);
    await dialog.start();
    const blocked = await Promise.race([second.blocked(), dialog.done.then(() => 'done')]);
    stopSecond();
    expect(blocked).toBe('listen');

    const sentFirst = first.requests.find((r) => r.url.endsWith('/10234-1/confirm'))!;
    const sentAgain = second.requests.find((r) => r.url.endsWith('/10234-1/confirm'))!;
    expect(sentAgain.headers['Idempotency-Key']).toBe(sentFirst.headers['Idempotency-Key']);
    expect(second.events[0]!.type).toBe('session.resume');
    expect(second.spoken.at(-1)?.text).toBe('Slot 9 B.');
    expect((await wmsCall(wms, 'GET', '/locations/12-04A')).stock[0].quantity).toBe(17);
    await firstDialog.stop();
    await dialog.stop();
  });
});
