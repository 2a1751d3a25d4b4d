import { randomUUID } from 'node:crypto';
import { createDialog, createScriptedHost, loadMachine, runUntilDone, type DialogEvent, type MachineJson, type ScriptedHost } from '@voiceman/runtime';

/** One ask ("ready?") and an end: the smallest machine a real dialog can finish, crash or pause in. */
const tiny = {
  id: 'tiny',
  initial: 'q',
  meta: {
    vm: {
      formatVersion: 1,
      processKey: 'tiny',
      name: 'Tiny',
      languages: ['en'],
      scopes: { main: { processKey: 'tiny', variables: {} } },
      globalWords: [],
      settings: { minConfidence: 0.5, noInputTimeoutMs: 6000 },
    },
  },
  states: {
    q: {
      id: 'q',
      meta: { vm: { nodeId: 'q', kind: 'ask', scope: 'main' } },
      entry: [{ type: 'vm.ask', params: { prompt: { en: 'Ready?' }, outcomes: [{ name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready'] } } }], noInput: { reprompts: [], maxAttempts: 3 }, noMatch: { reprompts: [], maxAttempts: 3 } } }],
      on: { 'ANSWER.ready': { target: '#end' }, NOINPUT: { target: '#end' }, NOMATCH: { target: '#end' } },
    },
    end: { id: 'end', type: 'final', meta: { vm: { nodeId: 'end', kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result', params: { expr: '"ok"' } }] },
  },
} as unknown as MachineJson;
const machine = loadMachine(tiny);
/** The same with its ask marked as a switch point. */
const switchable = loadMachine({ ...tiny, states: { ...tiny.states, q: { ...tiny.states.q!, meta: { vm: { ...tiny.states.q!.meta.vm, switchPoint: true } } } } });

// The scripted host numbers its uuids from 1 in every host: give each event a real uuid.
const withIds = (events: DialogEvent[]) => events.map((e) => ({ ...e, id: randomUUID() }));
const options = (sessionId: string, terminalId: string) => ({ sessionId, terminalId, versionHash: 'tiny-hash' });

/** A session the operator finished (`session.end` status `done`). */
export async function finishedSession(sessionId: string, terminalId = 't-1'): Promise<DialogEvent[]> {
  const host = createScriptedHost({ listen: ['ready'] });
  const dialog = createDialog(machine, host, options(sessionId, terminalId));
  await dialog.start();
  if ((await dialog.done).status !== 'done') throw new Error('expected done');
  return withIds(host.events);
}

/** A session finished in an end state that names the dialog's outcome (`session.end` data.outcome). */
export async function finishedAs(sessionId: string, outcome: string, terminalId = 't-1'): Promise<DialogEvent[]> {
  const end = { ...tiny.states.end!, meta: { vm: { ...tiny.states.end!.meta.vm, outcome } } };
  const host = createScriptedHost({ listen: ['ready'] });
  const dialog = createDialog(loadMachine({ ...tiny, states: { ...tiny.states, end } }), host, options(sessionId, terminalId));
  await dialog.start();
  if ((await dialog.done).outcome !== outcome) throw new Error(`expected outcome ${outcome}`);
  return withIds(host.events);
}

/** A session that crashed: the recogniser fails twice, the runtime ends it with status `error`. */
export async function crashedSession(sessionId: string, terminalId = 't-1'): Promise<DialogEvent[]> {
  const host: ScriptedHost = createScriptedHost();
  host.listen = async () => {
    throw new Error('recogniser gone');
  };
  const dialog = createDialog(machine, host, options(sessionId, terminalId));
  // The runtime retries a failed listen after a delay on the host clock: let virtual time pass.
  const result = await runUntilDone(dialog, host);
  if (result.status !== 'error') throw new Error('expected error');
  return withIds(host.events);
}

/** A session stopped mid-ask (`stopped`), then resumed on the same storage and finished. */
export async function pausedThenResumed(sessionId: string, terminalId = 't-1'): Promise<{ paused: DialogEvent[]; resumed: DialogEvent[] }> {
  const first = createScriptedHost();
  const d1 = createDialog(machine, first, options(sessionId, terminalId));
  await d1.start();
  await first.blocked();
  await d1.stop();
  if ((await d1.done).status !== 'stopped') throw new Error('expected stopped');
  const second = createScriptedHost({ storage: first.storage, listen: ['ready'] });
  const d2 = createDialog(machine, second, options(sessionId, terminalId));
  await d2.start();
  if ((await d2.done).status !== 'done') throw new Error('expected done after resume');
  return { paused: withIds(first.events), resumed: withIds(second.events) };
}

/** A session that took a new version at its switch point (`session.end` status `switched`). */
export async function switchedSession(sessionId: string, terminalId = 't-1'): Promise<DialogEvent[]> {
  const host = createScriptedHost();
  const dialog = createDialog(switchable, host, { ...options(sessionId, terminalId), switchPoint: () => true });
  await dialog.start();
  if ((await dialog.done).status !== 'switched') throw new Error('expected switched');
  return withIds(host.events);
}
