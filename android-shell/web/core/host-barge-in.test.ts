import { describe, expect, it } from 'vitest';
import { createDialog, loadMachine, type MachineJson } from '@voiceman/runtime';
import type { Grammar, Heard, Voice } from '../bridge/contract.js';
import { createTerminalHost, type Speech } from './host.js';
import { EventQueue } from './queue.js';
import { memoryStorage } from './storage.js';

/** A device voice whose prompts play until stopped or `playMs` pass; the operator answers at once. */
class TalkingOverSpeech implements Speech {
  readonly log: string[] = [];
  private playing: (() => void) | null = null;
  constructor(readonly bargeIn: boolean, private readonly answers: string[], private readonly playMs = 400) {}
  speak(text: string, _voice: Voice): Promise<void> {
    this.log.push(`speak ${text}`);
    return new Promise((resolve) => {
      const end = (how: string) => {
        if (this.playing !== stop) return;
        this.playing = null;
        this.log.push(`${how} ${text}`);
        resolve();
      };
      const stop = () => end('stopped');
      this.playing = stop;
      setTimeout(() => end('ended'), this.playMs);
    });
  }
  stopSpeaking() {
    this.playing?.();
  }
  async listen(_grammar: Grammar, options: { timeoutMs: number; duringSpeech?: boolean }): Promise<Heard> {
    this.log.push(`listen${options.duringSpeech ? ' during speech' : ''}`);
    const text = this.answers.shift()!;
    return { kind: 'speech', text, confidence: 0.9, alternatives: [] };
  }
}

const machine = (bargeIn?: false): MachineJson => ({
  id: 'q',
  initial: 'qty',
  meta: { vm: { formatVersion: bargeIn === false ? 2 : 1, processKey: 'q', name: 'Q', languages: ['en'], scopes: { main: { processKey: 'q', variables: {} } }, globalWords: [], settings: { minConfidence: 0.5, noInputTimeoutMs: 5000 } } },
  states: {
    qty: {
      id: 'qty',
      meta: { vm: { nodeId: 'qty', kind: 'ask', scope: 'main' } },
      entry: [{ type: 'vm.ask', params: { prompt: { en: 'Pick 3.' }, outcomes: [{ name: 'n', grammar: { type: 'number', min: 0, max: 9 } }], noInput: { reprompts: [], maxAttempts: 1 }, noMatch: { reprompts: [], maxAttempts: 1 }, ...(bargeIn === false ? { bargeIn } : {}) } }],
      on: { 'ANSWER.n': { target: '#done' }, NOINPUT: { target: '#done' }, NOMATCH: { target: '#done' } },
    },
    done: { id: 'done', type: 'final', meta: { vm: { nodeId: 'done', kind: 'end', scope: 'main' } } },
  },
});

async function run(speech: TalkingOverSpeech, m = machine()) {
  const storage = memoryStorage();
  const host = createTerminalHost({ speech, queue: new EventQueue(storage.queue), kv: storage.kv, voice: () => ({ language: 'en', rate: 1, pitch: 1, volume: 1 }) });
  const dialog = createDialog(loadMachine(m), host, { sessionId: 's', terminalId: 't', versionHash: 'h' });
  await dialog.start();
  return dialog.done;
}

describe('terminal host: barge-in', () => {
  it('with a speech that can, listens during the prompt and stops it on a hypothesis', async () => {
    const speech = new TalkingOverSpeech(true, ['three']);
    expect((await run(speech)).stateId).toBe('done');
    expect(speech.log).toEqual(['speak Pick 3.', 'listen during speech', 'stopped Pick 3.']);
  });

  it('a speech that cannot gets the listen after the prompt, as before', async () => {
    const speech = new TalkingOverSpeech(false, ['three']);
    await run(speech);
    expect(speech.log).toEqual(['speak Pick 3.', 'ended Pick 3.', 'listen']);
  });

  it('a prompt with barge-in off is heard in full even where the speech could', async () => {
    const speech = new TalkingOverSpeech(true, ['three']);
    await run(speech, machine(false));
    expect(speech.log).toEqual(['speak Pick 3.', 'ended Pick 3.', 'listen']);
  });
});
