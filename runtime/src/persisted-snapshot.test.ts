import { createActor, type AnyActorRef } from 'xstate';
import { describe, expect, it } from 'vitest';
import { effectActions, loadMachine } from './load.js';
import { PersistedSnapshotWriter } from './persisted-snapshot.js';
import { pickMachine } from '../test/fixtures.js';

const input = {
  vars: { main: { operator: '', assignment: {}, picked: 0, qty: 0, checkDigits: '' } },
  session: { sessionId: 's', terminalId: 't', operatorId: null, processKey: 'case-pick', language: 'en' },
  result: null,
  settings: { minConfidence: 0.5, noInputTimeoutMs: 7000 },
};

function pickActor(): AnyActorRef {
  const loaded = loadMachine(pickMachine);
  const machine = loaded.machine.provide({ actions: effectActions(() => {}) as never });
  return createActor(machine, { input }).start();
}

describe('persisted snapshot JSON', () => {
  it('is byte-identical to JSON.stringify(getPersistedSnapshot()) at every step, done included', () => {
    const actor = pickActor();
    const writer = new PersistedSnapshotWriter();
    const texts: string[] = [];
    const check = () => {
      const text = writer.text(actor);
      expect(text).toBe(JSON.stringify(actor.getPersistedSnapshot()));
      texts.push(text);
    };
    check();
    check(); // unchanged snapshot: cached parts reused
    actor.send({ type: 'ANSWER.id', value: '123' });
    check();
    actor.send({ type: 'REQUEST.OK', body: { aisle: 4, slot: 12, qty: 3, checkDigits: '42' } });
    check();
    actor.send({ type: 'ANSWER.digits', value: '17' }); // wrong: wrongSlot, always back to slot
    check();
    actor.send({ type: 'ANSWER.digits', value: '42' });
    check();
    actor.send({ type: 'ANSWER.qty', value: 3 });
    expect(actor.getSnapshot().status).toBe('done');
    check();
    // A wrong check digit goes back to the same state and context: the same text.
    expect(new Set(texts).size).toBe(5);
    expect(JSON.parse(texts[6]!).context.vars.main.picked).toBe(3);
  });

  it('restores: an actor created from the text is where the original was', () => {
    const actor = pickActor();
    actor.send({ type: 'ANSWER.id', value: '123' });
    actor.send({ type: 'REQUEST.OK', body: { aisle: 4, slot: 12, qty: 3, checkDigits: '42' } });
    const text = new PersistedSnapshotWriter().text(actor);
    const machine = loadMachine(pickMachine).machine.provide({ actions: effectActions(() => {}) as never });
    const restored = createActor(machine, { snapshot: JSON.parse(text), input }).start();
    expect(restored.getSnapshot().value).toBe('slot');
    expect(restored.getSnapshot().context).toEqual(actor.getSnapshot().context);
  });
});
