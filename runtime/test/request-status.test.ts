/** Format 2 requests: retry on named HTTP statuses with a backoff on the host clock, and outcomes by status class. */
import { describe, expect, it } from 'vitest';
import { validateMachine, type MachineJson, type RequestParams, type StateJson } from '../src/index.js';
import { retryDelayMs } from '../src/idempotency.js';
import { pickMachine } from './fixtures.js';
import { run } from './helpers.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const assignment = { aisle: 12, slot: '4A', qty: 3, checkDigits: '57' };
const answers = ['four two seven', 'yes', 'five seven', 'three'];

/** The fixture's assignment request with `patch`, leaving through `on` besides OK and ERROR. */
function machine(patch: Partial<RequestParams>, on: Record<string, string> = {}): MachineJson {
  const m = clone(pickMachine);
  const state = m.states.getAssignment!;
  Object.assign(state.entry![0]!.params as object, patch);
  for (const [cls, target] of Object.entries(on)) {
    state.on![`REQUEST.${cls}`] = { target: `#${target}` };
    if (!m.states[target]) m.states[target] = finalState(target);
  }
  return m;
}
const finalState = (id: string): StateJson => ({ id, type: 'final', meta: { vm: { nodeId: id, kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result', params: { expr: `"${id}"` } }] });
const requestTimes = (events: { type: string; ts: number }[]) => events.filter((e) => e.type === 'wms.request').map((e) => e.ts);

describe('retry on an HTTP status', () => {
  it('tries a 503 again after the fixed backoff, then takes the 200', async () => {
    const { host, result } = await run(machine({ retries: 2, retryStatuses: [500, 503], backoff: { type: 'fixed', delayMs: 1500 } }), {
      listen: answers,
      responses: [{ status: 503 }, { status: 500 }, { status: 200, body: assignment }],
    });
    expect(result.stateId).toBe('done');
    expect(host.requests).toHaveLength(3);
    const times = requestTimes(host.events);
    // Each failed try took the scripted host's 20 ms, then the fixed 1.5 s wait.
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([20 + 1500, 20 + 1500]);
    expect(host.events.filter((e) => e.type === 'wms.error').map((e) => [e.data.status, e.data.attempt, e.data.retryInMs])).toEqual([[503, 1, 1500], [500, 2, 1500]]);
  });

  it('backs off exponentially up to maxDelayMs', async () => {
    const backoff = { type: 'exponential' as const, delayMs: 1000, maxDelayMs: 3000 };
    const { host } = await run(machine({ retries: 3, retryStatuses: [503], backoff }), {
      listen: answers,
      responses: [{ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: assignment }],
    });
    const times = requestTimes(host.events);
    expect(times.slice(1).map((t, i) => t - times[i]! - 20)).toEqual([1000, 2000, 3000]);
    expect([1, 2, 3, 4].map((k) => retryDelayMs(k, backoff))).toEqual([1000, 2000, 3000, 3000]);
  });

  it('a status not named is not tried again, and the last try of a named one leaves as the error', async () => {
    const once = await run(machine({ retries: 2, retryStatuses: [503] }), { listen: answers, responses: [{ status: 500 }] });
    expect(once.host.requests).toHaveLength(1);
    expect(once.result.stateId).toBe('wmsDown');
    const spent = await run(machine({ retries: 1, retryStatuses: [503] }), { listen: answers, responses: [{ status: 503 }, { status: 503 }] });
    expect(spent.host.requests).toHaveLength(2);
    expect(spent.result.stateId).toBe('wmsDown');
  });

  it('without retryStatuses a 500 is never tried again (format 1 behaviour)', async () => {
    const { host, result } = await run(machine({ retries: 3 }), { listen: answers, responses: [{ status: 500 }] });
    expect(host.requests).toHaveLength(1);
    expect(result.stateId).toBe('wmsDown');
  });
});

describe('request outcomes by status class', () => {
  const classes = { notFound: 'unknown', serverError: 'down', timeout: 'down', network: 'down' };

  it.each([
    [{ status: 404 }, 'unknown', 'notFound'],
    [{ status: 502 }, 'down', 'serverError'],
    [{ hang: true as const }, 'down', 'timeout'],
    [{ networkError: 'ECONNREFUSED' }, 'down', 'network'],
    [{ status: 409 }, 'wmsDown', null],
    [{ status: 400 }, 'wmsDown', null],
  ])('%j leaves through the handled class, else error', async (response, end, cls) => {
    const { result, host } = await run(machine({ retries: 0 }, classes), { listen: answers, responses: [response] });
    expect(result.stateId).toBe(end);
    const transition = host.events.find((e) => e.type === 'transition' && e.data.from === 'getAssignment');
    expect(transition?.data.event).toBe(cls === null ? 'REQUEST.ERROR' : `REQUEST.${cls}`);
  });

  it('conflict and clientError split the 4xx; the last try decides after retries', async () => {
    const m = machine({ retries: 1 }, { conflict: 'conflict', clientError: 'client', timeout: 'late' });
    expect((await run(m, { listen: answers, responses: [{ status: 409 }] })).result.stateId).toBe('conflict');
    expect((await run(m, { listen: answers, responses: [{ status: 422 }] })).result.stateId).toBe('client');
    expect((await run(m, { listen: answers, responses: [{ networkError: 'reset' }, { hang: true }] })).result.stateId).toBe('late');
  });

  it('the loader knows the class events and refuses an unknown one', () => {
    expect(validateMachine(machine({}, classes))).toEqual([]);
    const bad = machine({});
    bad.states.getAssignment!.on!['REQUEST.teapot'] = { target: '#wmsDown' };
    expect(validateMachine(bad).map((i) => i.message).join('\n')).toMatch(/unknown event "REQUEST.teapot".*REQUEST.<notFound\|conflict\|clientError\|serverError\|timeout\|network>/);
    const noRequest = machine({});
    noRequest.states.slot!.on!['REQUEST.notFound'] = { target: '#wmsDown' };
    expect(validateMachine(noRequest).map((i) => i.message)).toContain('"REQUEST.notFound" can never arrive here: no request in "slot"');
  });

  it('the schema bounds the policy: statuses 400–599, a backoff of at most 60 s', () => {
    expect(validateMachine(machine({ retryStatuses: [200] })).map((i) => i.path)).toContain('/states/getAssignment/entry/0/params/retryStatuses/0');
    expect(validateMachine(machine({ backoff: { type: 'fixed', delayMs: 600_000 } })).map((i) => i.path)).toContain('/states/getAssignment/entry/0/params/backoff/delayMs');
  });
});
