/**
 * Recorded dialogs for `npm run load -- --replay`. The live generator runs the real runtime for
 * every terminal, ~1 ms of CPU per terminal-second: 2,000 terminals need 2 cores of generator
 * alone, so on one 2-core machine the generator, not the server, is what a big fleet measures.
 * With `--replay` each generator process first runs the real runtime on the case-picking machine
 * against its mock WMS (the operator answering at once) and records what the dialog emitted
 * between two answers; its terminals then work through that tape at the operator's pace, each
 * event given a fresh id, the terminal's own id and a session of its own, now's time. The server
 * sees what the live fleet sends (the same event kinds, sizes and batches, rules by ETag, real
 * HTTP); only the runtime's work per answer is not repeated on every terminal.
 */
import { randomUUID } from 'node:crypto';
import { createDialog, MemoryStorage, type DialogEvent, type Host, type LoadedMachine } from '@voiceman/runtime';
import { systemClock } from './clock.js';
import type { Operator } from './operator.js';

/** What the dialog emitted after each answer (the first entry: up to the first question). */
export type Tape = DialogEvent[][];

export interface RecordOptions {
  machine: LoadedMachine;
  versionHash: string;
  operator: Operator;
  request: Host['request'];
  wmsUrl: string;
  /** Answers to record at least (whole sessions are kept). */
  answers: number;
}

/** Runs whole sessions of the real runtime until `answers` answers are on the tape. */
export async function recordTape(o: RecordOptions): Promise<Tape> {
  const tape: Tape = [[]];
  let answered = 0;
  let prompt = '';
  while (answered < o.answers) {
    const dialog = createDialog(o.machine, {
      speak: async (text) => {
        prompt = text;
      },
      listen: async (vocabulary) => {
        answered += 1;
        tape.push([]);
        return o.operator.answer(prompt, vocabulary);
      },
      request: o.request,
      clock: systemClock,
      emit: (event) => void tape[tape.length - 1]!.push(event),
      storage: new MemoryStorage(),
      randomUUID,
    }, { sessionId: randomUUID(), terminalId: 'recorder', versionHash: o.versionHash, language: 'en', input: { wmsUrl: o.wmsUrl } });
    await dialog.start();
    const result = await dialog.done;
    if (result.status !== 'done') throw new Error(`the recorded dialog ended ${result.status}, not done: the tape would not be a real shift`);
  }
  return tape.filter((answer) => answer.length > 0);
}

/** One terminal's way through a tape: its own sessions, fresh ids, now's time. */
export function tapePlayer(tape: Tape, terminalId: string) {
  let at = Math.floor(Math.random() * tape.length);
  let lap = 0;
  const sessions = new Map<string, string>();
  return {
    /** The events of the next answer, as this terminal would emit them now. */
    next(): DialogEvent[] {
      if (at === tape.length) {
        at = 0;
        lap += 1;
        sessions.clear();
      }
      const now = Date.now();
      return tape[at++]!.map((e) => {
        const key = `${lap}\u0000${e.sessionId}`;
        let sessionId = sessions.get(key);
        if (!sessionId) sessions.set(key, (sessionId = randomUUID()));
        return { ...e, id: randomUUID(), sessionId, terminalId, ts: now };
      });
    },
  };
}
