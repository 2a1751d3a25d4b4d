import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, MemoryStorage, validateMachine, type AskParams, type MachineJson } from '../src/index.js';
import { askMachine, run, runToEnd } from './helpers.js';

const check: NonNullable<AskParams['check']> = { expr: 'answer.value == 4', wrong: { en: 'Wrong, not {{ answer.value }}.', ru: 'Неверно.' }, limit: 3, outcomes: ['qty'] };

/** askMachine with a checked answer whose WRONG leads to a `wrong` end. */
function checkedMachine(params: Partial<AskParams> = {}): MachineJson {
  const m = askMachine({ check, ...params });
  m.meta.vm.formatVersion = 2;
  m.states.q!.on!.WRONG = { target: '#wrong' };
  m.states.wrong = { id: 'wrong', type: 'final', meta: { vm: { nodeId: 'wrong', kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result', params: { expr: '{"way": "wrong", "answer": event.value}' } }] };
  return m;
}

describe('checked answers', () => {
  it('a wrong answer speaks the wrong text and asks again; a right one is taken', async () => {
    const { result, said, host } = await run(checkedMachine(), { listen: ['seven', 'ready', 'four'] });
    expect(result.result).toEqual({ way: 'ready', answer: 'ready' });
    expect(said).toEqual(['Quantity?', 'Wrong, not 7.', 'Quantity?']);
    expect(host.events.filter((e) => e.type === 'prompt').map((e) => e.data.reason)).toEqual(['prompt', 'wrong', 'prompt']);
    // Only the listed outcomes are checked: "ready" was never wrong.
    const right = await run(checkedMachine(), { listen: ['seven', 'four'] });
    expect(right.result.result).toEqual({ way: 'qty', answer: 4 });
  });

  it('the limit-th wrong answer leaves through WRONG with the answer, without the wrong text', async () => {
    const { result, said } = await run(checkedMachine(), { listen: ['seven', 'banana', 'five', 'six'] });
    expect(result.result).toEqual({ way: 'wrong', answer: 6 });
    expect(said).toEqual(['Quantity?', 'Wrong, not 7.', 'Quantity?', 'Say again.', 'Quantity?', 'Wrong, not 5.', 'Quantity?']);
  });

  it('the counter resets when the ask is left and entered again', async () => {
    const m = checkedMachine();
    m.states.q!.on!['ANSWER.ready'] = { target: '#q', reenter: true };
    const { result, said } = await run(m, { listen: ['seven', 'seven', 'ready', 'seven', 'seven', 'four'] });
    expect(result.result).toEqual({ way: 'qty', answer: 4 });
    expect(said.filter((s) => s.startsWith('Wrong'))).toHaveLength(4);
  });

  it('a resumed session keeps the count of wrong answers', async () => {
    const storage = new MemoryStorage();
    const first = createScriptedHost({ listen: ['seven', 'seven'], storage });
    const dialog = createDialog(loadMachine(checkedMachine()), first, { sessionId: 's1', terminalId: 'T-7', versionHash: 'v1' });
    await dialog.start();
    await first.blocked();
    await dialog.stop();
    const second = createScriptedHost({ listen: ['seven'], storage });
    const resumed = createDialog(loadMachine(checkedMachine()), second, { sessionId: 's1', terminalId: 'T-7', versionHash: 'v1' });
    expect((await runToEnd(resumed, second)).result).toEqual({ way: 'wrong', answer: 7 });
  });

  it('the loader refuses a check without a WRONG handler, a WRONG nothing sends, a check that is not a bool', () => {
    const unhandled = checkedMachine();
    delete unhandled.states.q!.on!.WRONG;
    expect(validateMachine(unhandled).map((i) => i.message)).toContain('"WRONG" is not handled: the dialog would stop here');
    const unsent = askMachine();
    unsent.states.q!.on!.WRONG = { target: '#noMatch' };
    expect(validateMachine(unsent).map((i) => i.message).join()).toContain('"WRONG" can never arrive here');
    expect(validateMachine(checkedMachine({ check: { ...check, expr: 'answer.text + "!"' } })).length).toBeGreaterThan(0);
    expect(validateMachine(checkedMachine({ check: { ...check, outcomes: ['nope'] } })).map((i) => i.message).join()).toContain('"nope"');
    expect(validateMachine(checkedMachine())).toEqual([]);
  });
});

describe('conditional confirmation', () => {
  const confirm = { prompt: { en: 'You said {{ answer.value }}, asked for 5. Short?' }, condition: 'answer.value < 5' };

  it('reads back only when the condition holds; "no" returns to the same ask', async () => {
    const full = await run(askMachine({ confirm }), { listen: ['five'] });
    expect(full.result.result).toEqual({ way: 'qty', answer: 5 });
    expect(full.said).toEqual(['Quantity?']);
    const short = await run(askMachine({ confirm }), { listen: ['three', 'no', 'two', 'yes'] });
    expect(short.result.result).toEqual({ way: 'qty', answer: 2 });
    expect(short.said).toEqual(['Quantity?', 'You said 3, asked for 5. Short?', 'Quantity?', 'You said 2, asked for 5. Short?']);
  });

  it('the check comes before the read-back: a wrong answer is never read back', async () => {
    const { said } = await run(checkedMachine({ confirm: { prompt: { en: '{{ answer.value }}?' } } }), { listen: ['seven', 'four', 'yes'] });
    expect(said).toEqual(['Quantity?', 'Wrong, not 7.', 'Quantity?', '4?']);
  });
});

describe('confidence band', () => {
  const heard = (text: string, confidence: number) => ({ kind: 'speech' as const, text, confidence });

  it('between the threshold and the band the ask reads back what it heard; above it takes it', async () => {
    const mid = await run(askMachine({ confirmBelow: 0.8 }), { listen: [heard('seven', 0.6), 'yes'] });
    expect(mid.said).toEqual(['Quantity?', 'seven?']);
    expect(mid.result.result).toEqual({ way: 'qty', answer: 7 });
    const no = await run(askMachine({ confirmBelow: 0.8 }), { listen: [heard('seven', 0.6), 'no', heard('six', 0.95)] });
    expect(no.said).toEqual(['Quantity?', 'seven?', 'Quantity?']);
    expect(no.result.result).toEqual({ way: 'qty', answer: 6 });
    const low = await run(askMachine({ confirmBelow: 0.8 }), { listen: [heard('seven', 0.4), heard('seven', 0.4)] });
    expect(low.result.result).toBe('noMatch');
  });

  it('the process-wide band applies to asks without their own', async () => {
    const m = askMachine({}, { settings: { minConfidence: 0.5, noInputTimeoutMs: 6000, confirmBelow: 0.7 } });
    const { said, result } = await run(m, { listen: [heard('three', 0.65), 'yes'] });
    expect(said).toEqual(['Quantity?', 'three?']);
    expect(result.result).toEqual({ way: 'qty', answer: 3 });
  });

  it('a "yes" to what was heard goes on to the check', async () => {
    const { said, result } = await run(checkedMachine({ confirmBelow: 0.8 }), { listen: [heard('seven', 0.6), 'yes', heard('four', 0.6), 'yes'] });
    expect(said).toEqual(['Quantity?', 'seven?', 'Wrong, not 7.', 'Quantity?', 'four?']);
    expect(result.result).toEqual({ way: 'qty', answer: 4 });
  });
});

describe('barge-in', () => {
  it('a host that can stop speech listens during the prompt and the hypothesis stops it', async () => {
    const { host, result } = await run(askMachine(), { listen: ['seven'], bargeIn: true, speakMs: 3000, answerMs: 500 });
    expect(result.result).toEqual({ way: 'qty', answer: 7 });
    expect(host.listens[0]!.bargeIn).toBe(true);
    expect(host.spoken[0]).toMatchObject({ text: 'Quantity?', stopped: true });
    expect(host.events.find((e) => e.type === 'hypothesis')!.data.bargeIn).toBe(true);
  });

  it('an answer after the prompt ended stops nothing', async () => {
    const { host } = await run(askMachine(), { listen: ['seven'], bargeIn: true, speakMs: 200, answerMs: 500 });
    expect(host.spoken[0]!.stopped).toBeUndefined();
    expect(host.listens[0]!.bargeIn).toBe(true);
  });

  it('a prompt with bargeIn false is heard in full before the host listens', async () => {
    const { host } = await run(askMachine({ bargeIn: false }), { listen: ['seven'], bargeIn: true, speakMs: 3000, answerMs: 500 });
    expect(host.listens[0]!.bargeIn).toBeUndefined();
    expect(host.spoken[0]!.stopped).toBeUndefined();
    // The listen came after the whole prompt: 3000 ms of speech, then 500 ms to the answer.
    const prompt = host.events.find((e) => e.type === 'prompt')!;
    const hypothesis = host.events.find((e) => e.type === 'hypothesis')!;
    expect(hypothesis.ts - prompt.ts).toBe(3500);
  });

  it('reprompts and read-backs may be talked over too', async () => {
    const m = askMachine({ confirm: { prompt: { en: '{{ answer.value }}, correct?' } } });
    const { host, result } = await run(m, { listen: ['banana', 'three', 'yes'], bargeIn: true, speakMs: 3000, answerMs: 500 });
    expect(result.result).toEqual({ way: 'qty', answer: 3 });
    expect(host.listens.map((l) => l.bargeIn)).toEqual([true, true, true]);
    // "Say again." is spoken in full; the prompt after it and the read-back are cut short.
    expect(host.spoken.map((s) => [s.text, s.stopped ?? false])).toEqual([
      ['Quantity?', true],
      ['Say again.', false],
      ['Quantity?', true],
      ['3, correct?', true],
    ]);
  });
});

describe('format version', () => {
  it('a machine of a newer format is refused with a clear message', () => {
    const m = askMachine();
    (m.meta.vm as { formatVersion: number }).formatVersion = 3;
    expect(validateMachine(m)[0]!.message).toMatch(/machine formatVersion 3 is newer than this runtime runs \(1 to 2\)/);
  });
});
