import { describe, expect, it } from 'vitest';
import { MemoryStorage, createDialog, createScriptedHost, loadMachine, type MachineJson } from '../src/index.js';
import { RETRY_BASE_MS, retryDelayMs } from '../src/idempotency.js';
import { pickMachine } from './fixtures.js';
import { run } from './helpers.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const assignment = { aisle: 12, slot: '4A', qty: 3, checkDigits: '57' };
const answers = ['four two seven', 'yes', 'five seven', 'three'];

function withRequest(patch: { method?: string; retries?: number; headers?: Record<string, string> }): MachineJson {
  const m = clone(pickMachine);
  Object.assign(m.states.getAssignment!.entry![0]!.params as object, patch);
  return m;
}

describe('Idempotency-Key on WMS writes', () => {
  it('is the same on every retry of one request, and the retries back off exponentially on the host clock', async () => {
    const { host, result } = await run(withRequest({ retries: 3 }), { listen: answers, responses: [{ hang: true }, { networkError: 'ECONNRESET' }, { hang: true }, { status: 200, body: assignment }] });
    expect(result.stateId).toBe('done');
    const keys = host.requests.map((r) => r.headers['Idempotency-Key']);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    const sent = host.events.filter((e) => e.type === 'wms.request');
    expect(sent.map((e) => e.data.idempotencyKey)).toEqual(keys);
    // attempt 1 times out after 3000 ms, then waits 500; attempt 2 fails after 20 ms, then waits 1000; …
    const gaps = sent.slice(1).map((e, i) => e.ts - sent[i]!.ts);
    expect(gaps).toEqual([3000 + retryDelayMs(1), 20 + retryDelayMs(2), 3000 + retryDelayMs(3)]);
    expect(retryDelayMs(2)).toBe(2 * RETRY_BASE_MS);
    const errors = host.events.filter((e) => e.type === 'wms.error').map((e) => e.data.retryInMs);
    expect(errors).toEqual([retryDelayMs(1), retryDelayMs(2), retryDelayMs(3)]);
  });

  it('is absent on GET, and a key the flow sets itself is kept', async () => {
    const get = await run(withRequest({ method: 'GET' }), { listen: answers, responses: [{ status: 200, body: assignment }] });
    expect(Object.keys(get.host.requests[0]!.headers)).toEqual(['x-terminal']);

    const own = await run(withRequest({ headers: { 'idempotency-key': 'task-{{ operator }}' } }), { listen: answers, responses: [{ status: 200, body: assignment }] });
    expect(own.host.requests[0]!.headers).toEqual({ 'idempotency-key': 'task-427' });
  });

  it('is re-sent unchanged when the session resumes after a crash in the middle of the request', async () => {
    const machine = loadMachine(pickMachine);
    const options = { sessionId: 'crash-wms', terminalId: 'T-7', versionHash: 'v1' };
    const first = createScriptedHost({ listen: ['four two seven', 'yes'] });
    await createDialog(machine, first, options).start();
    expect(await first.blocked()).toBe('request'); // sent, no answer: the terminal dies here
    const storage = new MemoryStorage();
    for (const [k, v] of first.storage.data) storage.data.set(k, v);

    const second = createScriptedHost({ storage, listen: ['five seven', 'three'], responses: [{ status: 200, body: assignment }] });
    // Another uuid sequence on the new host: a fresh key would differ from the first one.
    second.randomUUID = () => 'ffffffff-ffff-4fff-8fff-ffffffffffff';
    const dialog = createDialog(machine, second, options);
    await dialog.start();
    expect((await dialog.done).stateId).toBe('done');
    expect(first.requests).toHaveLength(1);
    expect(second.requests).toHaveLength(1);
    expect(second.requests[0]!.headers['Idempotency-Key']).toBe(first.requests[0]!.headers['Idempotency-Key']);
    expect(second.requests[0]!.body).toEqual(first.requests[0]!.body);
  });
});
