import { createDialog, createScriptedHost, loadMachine, type HttpRequest, type ScriptedResponse } from '@voiceman/runtime';
import { describe, expect, it } from 'vitest';
import { createActor, setup } from 'xstate';
import { compileFlow } from '../src/index.js';
import { fixtureResolver, loadFixture } from './helpers.js';

const resolveProcess = fixtureResolver();
const compiled = compileFlow(loadFixture('case-picking'), { resolveProcess });

const picks = [
  { aisle: 12, slot: '4A', check: 57, qty: 3 },
  { aisle: 14, slot: '2B', check: 31, qty: 1 },
];
const wms =
  (failAssignments = false) =>
  (request: HttpRequest): ScriptedResponse => {
    if (request.url.includes('/assignments')) return failAssignments ? { status: 503, body: { error: 'down' } } : { status: 200, body: { picks } };
    return { status: 201, body: { ok: true } };
  };

async function run(listen: (string | null)[], failAssignments = false) {
  const machine = loadMachine(compiled.machine);
  const host = createScriptedHost({ listen, responses: wms(failAssignments) });
  const dialog = createDialog(machine, host, { sessionId: 's1', terminalId: 't1', versionHash: compiled.hash! });
  await dialog.start();
  const result = await Promise.race([dialog.done, host.blocked().then((why) => ({ status: `blocked on ${why}` }) as const)]);
  return { result, host, dialog };
}

describe('the case-picking fixture (with the sign-on subflow)', () => {
  it('compiles without a single diagnostic', () => {
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.ok).toBe(true);
    expect(compiled.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is accepted by the runtime loader', () => {
    expect(() => loadMachine(compiled.machine)).not.toThrow();
  });

  it('loads and runs in plain xstate with stub implementations', () => {
    const stub = () => {};
    const machine = setup({
      actions: { 'vm.say': stub, 'vm.ask': stub, 'vm.assign': stub, 'vm.request': stub, 'vm.result': stub },
      guards: { 'vm.cel': () => true },
    }).createMachine(compiled.machine as never);
    const actor = createActor(machine).start();
    expect(actor.getSnapshot().value).toEqual({ signOn: 'signOn/askOperator' });
    actor.send({ type: 'ANSWER.id', value: '427' });
    expect(actor.getSnapshot().value).toBe('getWork');
    actor.send({ type: 'GLOBAL.signOff' });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('picks two items along the happy path', async () => {
    const { result, host } = await run(['four two seven', 'yes', 'ready', 'five seven', 'three', 'three one', 'one']);
    expect(result).toMatchObject({ status: 'done', stateId: 'done', result: { picked: 2 } });
    expect(host.requests[0]!.url).toBe('https://wms.example/api/assignments?operator=427');
    expect(host.requests.filter((r) => r.method === 'POST').map((r) => r.body)).toEqual([
      { operator: '427', slot: '4A', qty: 3 },
      { operator: '427', slot: '2B', qty: 1 },
    ]);
    expect(host.spoken.map((s) => s.text)).toContain('Aisle 14.');
  });

  it('says "Wrong" and asks the slot again after wrong check digits', async () => {
    const { result, host } = await run(['four two seven', 'yes', 'ready', 'one one', 'five seven', 'three', 'three one', 'one']);
    expect(result).toMatchObject({ status: 'done', result: { picked: 2 } });
    const texts = host.spoken.map((s) => s.text);
    expect(texts.filter((t) => t === 'Slot 4A.').length).toBe(2);
    expect(texts).toContain('Wrong.');
  });

  it('ends through the supervisor path when the WMS is down', async () => {
    const { result, host } = await run(['four two seven', 'yes'], true);
    expect(result).toMatchObject({ status: 'done', stateId: 'supervisor' });
    expect(host.spoken.map((s) => s.text)).toContain('The system does not answer.');
  });

  it('leaves through the process-wide word "sign off" from any ask', async () => {
    const { result } = await run(['four two seven', 'yes', 'sign off']);
    expect(result).toMatchObject({ status: 'done', stateId: 'signedOff' });
  });
});
