/** Dialogs of one loaded machine share its XState machine: each still gets only its own jobs. */
import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine } from '../src/index.js';
import { pickMachine } from './fixtures.js';

const assignment = (aisle: number) => ({ aisle, slot: '4A', qty: 3, checkDigits: '57' });

describe('one machine, many dialogs', () => {
  it('interleaved dialogs of the same loaded machine keep their own prompts, requests and results', async () => {
    const machine = loadMachine(pickMachine);
    const a = createScriptedHost({ responses: [{ status: 200, body: assignment(12) }] });
    const b = createScriptedHost({ responses: [{ status: 200, body: assignment(31) }] });
    const da = createDialog(machine, a, { sessionId: 'a', terminalId: 'T-a', versionHash: 'v' });
    const db = createDialog(machine, b, { sessionId: 'b', terminalId: 'T-b', versionHash: 'v', language: 'ru' });
    await da.start();
    await db.start();
    const answers: [typeof a, string][] = [[a, 'one two three'], [b, 'четыре пять шесть'], [a, 'yes'], [b, 'да'], [b, 'пять семь'], [a, 'five seven'], [a, 'three'], [b, 'три']];
    for (const [host, text] of answers) {
      await host.blocked();
      host.push(text);
    }
    expect(await da.done).toEqual({ status: 'done', result: { picked: 3, operator: '123' }, stateId: 'done' });
    expect(await db.done).toEqual({ status: 'done', result: { picked: 3, operator: '456' }, stateId: 'done' });
    expect(a.spoken.map((s) => s.text)).toEqual(['Welcome to voice picking', 'Operator ID?', 'Operator 123, correct?', 'Aisle 12, slot 4A', 'Pick 3', 'Assignment complete']);
    expect(b.spoken.map((s) => s.text)).toEqual(['Добро пожаловать', 'Номер оператора?', 'Оператор 456, верно?', 'Ряд 31, ячейка 4A', 'Возьмите 3', 'Задание выполнено']);
    expect(a.requests.map((r) => r.url)).toEqual(['https://wms.example/operators/123/assignment?terminal=T-a']);
    expect(b.requests.map((r) => r.url)).toEqual(['https://wms.example/operators/456/assignment?terminal=T-b']);
  });
});
