import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, storageKey } from '../src/index.js';
import { clone, pickMachine, safetyMachine } from './fixtures.js';
import { askMachine, run } from './helpers.js';

const assignment = { aisle: 12, slot: '4 A/b', qty: 3, checkDigits: '57' };

describe('WMS requests', () => {
  it('interpolates the URL with encoded values, sends the CEL body and headers, maps the response', async () => {
    const { host, result } = await run(pickMachine, { listen: ['four two seven', 'yes', 'five seven', 'three'], responses: [{ status: 200, body: assignment }] }, { terminalId: 'T 7/x' });
    expect(host.requests).toEqual([
      {
        method: 'POST',
        url: 'https://wms.example/operators/427/assignment?terminal=T%207%2Fx',
        headers: { 'x-terminal': 'T 7/x', 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) },
        body: { operator: '427' },
        timeoutMs: 3000,
      },
    ]);
    expect(host.spoken.map((s) => s.text)).toContain('Aisle 12, slot 4 A/b');
    expect(result).toEqual({ status: 'done', result: { picked: 3, operator: '427' }, stateId: 'done' });
  });

  it('retries after a timeout and a network failure, never after an HTTP status', async () => {
    const m = clone(pickMachine);
    (m.states.getAssignment!.entry![0]!.params as { retries: number }).retries = 2;
    const ok = await run(m, { listen: ['four two seven', 'yes', 'five seven', 'three'], responses: [{ hang: true }, { networkError: 'ECONNRESET' }, { status: 200, body: assignment }] });
    expect(ok.result.stateId).toBe('done');
    expect(ok.host.events.filter((e) => e.type.startsWith('wms.')).map((e) => [e.type, e.data.message ?? e.data.status, e.data.ms])).toEqual([
      ['wms.request', undefined, undefined],
      ['wms.error', 'timeout after 3000 ms', 3000],
      ['wms.request', undefined, undefined],
      ['wms.error', 'network failure: ECONNRESET', 20],
      ['wms.request', undefined, undefined],
      ['wms.response', 200, 20],
    ]);
    const status = await run(m, { listen: ['four two seven', 'yes'], responses: [{ status: 503, body: 'down' }, { status: 200 }] });
    expect(status.host.requests).toHaveLength(1);
    expect(status.result).toEqual({ status: 'done', result: 'wms-error', stateId: 'wmsDown' });
    expect(status.host.events.find((e) => e.type === 'wms.error')!.data).toEqual({ message: 'HTTP 503', status: 503, ms: 20 });
  });

  it('gives up with REQUEST.ERROR when every attempt times out', async () => {
    const { result, host } = await run(pickMachine, { listen: ['four two seven', 'yes'], responses: [{ hang: true }, { hang: true }] });
    expect(result.stateId).toBe('wmsDown');
    expect(host.requests).toHaveLength(2);
    expect(host.clock.pending()).toBe(0);
  });
});

describe('dialog events', () => {
  it('carry ids, session, terminal, operator, process, version, monotonically increasing seq and host time', async () => {
    const { host } = await run(pickMachine, { listen: ['four two seven', 'yes', 'five seven', 'three'], responses: [{ status: 200, body: assignment }] }, { operatorId: 'op-1' });
    const ev = host.events;
    expect(ev.map((e) => e.seq)).toEqual(ev.map((_, i) => i + 1));
    expect(new Set(ev.map((e) => e.id)).size).toBe(ev.length);
    for (const e of ev) expect(e).toMatchObject({ sessionId: 's1', terminalId: 'T-7', operatorId: 'op-1', processKey: 'case-pick', versionHash: 'v1' });
    expect(ev.map((e) => e.ts)).toEqual([...ev.map((e) => e.ts)].sort((a, b) => a - b));
    expect(ev[0]!.type).toBe('session.start');
    expect(ev.at(-1)!.type).toBe('session.end');
    const kinds = new Set(ev.map((e) => e.type));
    for (const k of ['prompt', 'hypothesis', 'transition', 'variable', 'wms.request', 'wms.response']) expect(kinds).toContain(k);
    expect(ev.find((e) => e.type === 'variable' && e.data.name === 'operator')!.data).toEqual({ scope: 'main', name: 'operator', value: '427', previous: '' });
    expect(ev.filter((e) => e.type === 'transition').map((e) => `${e.data.from}>${e.data.to}:${e.data.event}`)).toEqual([
      'null>welcome:xstate.init',
      'welcome>operatorId:always',
      'operatorId>getAssignment:ANSWER.id',
      'getAssignment>slot:REQUEST.OK',
      'slot>quantity:ANSWER.digits',
      'quantity>done:ANSWER.qty',
    ]);
  });

  it('a re-entering self-transition asks again and is reported as a transition', async () => {
    const m = askMachine();
    m.states.q!.on!.NOMATCH = { target: '#q', reenter: true, actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'way', expr: 'way + "!"' }] } }] };
    const { host, said } = await run(m, { listen: ['banana', 'banana', 'seven'] });
    expect(said).toEqual(['Quantity?', 'Say again.', 'Quantity?', 'Quantity?']);
    expect(host.events.filter((e) => e.type === 'transition').map((e) => `${e.data.from}>${e.data.to}:${e.data.event}`)).toEqual(['null>q:xstate.init', 'q>q:NOMATCH', 'q>answered:ANSWER.qty']);
  });

  it('subflow scopes: reset on entry, outputs copied back, variables of each scope reported', async () => {
    const { result, host } = await run(safetyMachine, { listen: ['да', 'пятнадцать'] }, { language: 'ru' });
    expect(result).toEqual({ status: 'done', result: 15, stateId: 'ready' });
    const vars = host.events.filter((e) => e.type === 'variable').map((e) => `${e.data.scope}.${e.data.name}=${JSON.stringify(e.data.value)}`);
    expect(vars).toEqual(['main.brakesOk=true', 'region#1.max=20', 'region#1.value=15', 'main.region=15']);
  });

  it('a CEL error at run time ends the dialog with an error event, not a crash', async () => {
    const m = askMachine();
    (m.states.answered!.entry![0]!.params as { expr: string }).expr = 'answer / 0';
    const { result, host } = await run(m, { listen: ['seven'] });
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/division by zero/);
    expect(host.events.find((e) => e.type === 'error')!.data.code).toBe('machine');
    expect(host.storage.data.size).toBe(0);
  });

  it('an answer whose every guard is false ends the dialog with a clear error instead of hanging', async () => {
    const m = askMachine();
    m.states.q!.on!['ANSWER.qty'] = { guard: { type: 'vm.cel', params: { expr: 'event.value > 100' } }, target: '#answered' };
    const { result, host } = await run(m, { listen: ['seven'] });
    expect(result).toMatchObject({ status: 'error', stateId: 'q' });
    expect(result.error).toMatch(/took no transition for "ANSWER.qty"/);
    expect(host.events.find((e) => e.type === 'error')!.data.code).toBe('event.unhandled');
  });

  it('refuses bad input: unknown input variable, wrong type, undeclared language', () => {
    const loaded = loadMachine(pickMachine);
    const host = createScriptedHost();
    const base = { sessionId: 's', terminalId: 't', versionHash: 'v' };
    expect(() => createDialog(loaded, host, { ...base, input: { nope: 1 } })).toThrow(/input "nope" is not a variable/);
    expect(() => createDialog(loaded, host, { ...base, input: { picked: 'x' } })).toThrow(/input "picked": expected int/);
    expect(() => createDialog(loadMachine(safetyMachine), host, { ...base, language: 'en' })).toThrow(/language "en" is not declared/);
  });
});

describe('events sent from outside', () => {
  it('an event the state does not take is refused visibly; a duplicate answer after the ask moved on too', async () => {
    const host = createScriptedHost({ listen: [] });
    const dialog = createDialog(loadMachine(askMachine()), host, { sessionId: 's', terminalId: 't', versionHash: 'v' });
    await dialog.start();
    await host.blocked();
    expect(dialog.send({ type: 'REQUEST.OK', status: 200 })).toEqual({ accepted: false, reason: 'state "q" does not accept "REQUEST.OK"' });
    expect(dialog.send({ type: 'ANSWER.qty', value: 3, text: 'three', confidence: 1 })).toEqual({ accepted: true });
    expect(dialog.send({ type: 'ANSWER.qty', value: 3, text: 'three', confidence: 1 })).toMatchObject({ accepted: false });
    expect(dialog.send(null as never)).toMatchObject({ accepted: false });
    const result = await dialog.done;
    expect(result.result).toEqual({ way: 'qty', answer: 3 });
    expect(host.events.filter((e) => e.type === 'error').map((e) => e.data.code)).toEqual(['event.refused', 'event.refused', 'event.refused']);
    // the listen still pending from the interrupted ask is dropped when it resolves late
    host.push('five');
    await Promise.resolve();
    expect(host.events.at(-1)!.type).toBe('session.end');
  });

  it('start twice is refused', async () => {
    const { dialog } = await run(askMachine(), { listen: ['seven'] });
    await expect(dialog.start()).rejects.toThrow(/already started/);
  });
});

describe('snapshot and resume', () => {
  const machine = loadMachine(pickMachine);
  const base = { sessionId: 'sess-9', terminalId: 'T-7', versionHash: 'v1' };

  it('persists after every step and resumes mid-ask, re-speaking its prompt, seq continuing', async () => {
    const first = createScriptedHost({ listen: ['four two seven', 'yes', 'banana'], responses: [{ status: 200, body: assignment }] });
    const d1 = createDialog(machine, first, base);
    await d1.start();
    await first.blocked();
    expect(d1.state()).toEqual({ stateId: 'slot', variables: { main: expect.objectContaining({ operator: '427', checkDigits: '57' }) } });
    await d1.stop();
    expect(await d1.done).toEqual({ status: 'stopped', stateId: 'slot' });
    const saved = first.storage.data.get(storageKey('sess-9'));
    expect(saved).toBeTypeOf('string');
    const lastSeq = first.events.at(-1)!.seq;

    const second = createScriptedHost({ storage: first.storage, listen: ['five seven', 'three'] });
    const d2 = createDialog(machine, second, base);
    await d2.start();
    const result = await d2.done;
    expect(result).toEqual({ status: 'done', result: { picked: 3, operator: '427' }, stateId: 'done' });
    expect(second.events[0]).toMatchObject({ type: 'session.resume', state: 'slot', seq: lastSeq + 1 });
    expect(second.spoken.map((s) => s.text)).toEqual(['Aisle 12, slot 4 A/b', 'Pick 3', 'Assignment complete']);
    expect(second.requests).toEqual([]);
    expect(second.storage.data.has(storageKey('sess-9'))).toBe(false);
  });

  it('resumes a no-match counter and a pending read-back', async () => {
    const first = createScriptedHost({ listen: ['four two seven'] });
    const d1 = createDialog(machine, first, base);
    await d1.start();
    await first.blocked();
    await d1.stop();
    const second = createScriptedHost({ storage: first.storage, listen: ['yes'], responses: [] });
    const d2 = createDialog(machine, second, base);
    await d2.start();
    expect(await second.blocked()).toBe('request');
    expect(second.spoken.map((s) => s.text)).toEqual(['Operator 427, correct?']);
    await d2.stop();
  });

  it('resumes mid-request by issuing the request again', async () => {
    const first = createScriptedHost({ listen: ['four two seven', 'yes'], responses: [] });
    const d1 = createDialog(machine, first, base);
    await d1.start();
    expect(await first.blocked()).toBe('request');
    await d1.stop();
    const second = createScriptedHost({ storage: first.storage, listen: ['five seven', 'three'], responses: [{ status: 200, body: assignment }] });
    const d2 = createDialog(machine, second, base);
    await d2.start();
    expect((await d2.done).stateId).toBe('done');
    expect(second.requests).toEqual(first.requests);
    expect(second.events.filter((e) => e.type === 'wms.request')).toHaveLength(1);
  });

  it('an unreadable stored session is reported and the dialog starts over', async () => {
    const host = createScriptedHost({ listen: ['seven'] });
    await host.storage.save(storageKey('s1'), '{not json');
    const d = createDialog(loadMachine(askMachine()), host, { sessionId: 's1', terminalId: 't', versionHash: 'v' });
    await d.start();
    expect((await d.done).status).toBe('done');
    expect(host.events[0]!.data.code).toBe('snapshot.invalid');
  });
});
