import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, MemoryStorage } from '../src/index.js';
import { askMachine, run } from './helpers.js';

describe('ask', () => {
  it('answers with a number spoken as words and listens with a constrained vocabulary', async () => {
    const { result, said, host } = await run(askMachine(), { listen: ['seven'] });
    expect(result).toEqual({ status: 'done', result: { way: 'qty', answer: 7 }, stateId: 'answered' });
    expect(said).toEqual(['Quantity?']);
    expect(host.listens[0]).toEqual({
      vocabulary: {
        language: 'en',
        phrases: ['ready', 'sign off', 'repeat', 'say again', 'help', 'back up', 'louder', 'talk louder', 'softer', 'talk quieter', 'faster', 'talk faster', 'slower', 'talk slower'],
        numbers: { min: 1, max: 10 },
      },
      timeoutMs: 6000,
      stateId: 'q',
    });
  });

  it('digit by digit counts as a number; Russian works the same', async () => {
    expect((await run(askMachine({ outcomes: [{ name: 'qty', grammar: { type: 'number', max: 99 } }] }), { listen: ['two three'] })).result.result).toEqual({ way: 'qty', answer: 23 });
    const ru = await run(askMachine({ outcomes: [{ name: 'qty', grammar: { type: 'number', max: 99 } }] }), { listen: ['двадцать три'] }, { language: 'ru' });
    expect(ru.result.result).toEqual({ way: 'qty', answer: 23 });
    expect(ru.said).toEqual(['Количество?']);
  });

  it('silence reprompts with escalating text, then leaves through NOINPUT', async () => {
    const { result, said, host } = await run(askMachine(), { listen: [null, null, null] });
    expect(result.result).toBe('noInput');
    expect(said).toEqual(['Quantity?', 'I did not hear you.', 'Quantity?', 'Still nothing.', 'Quantity?']);
    expect(host.events.filter((e) => e.type === 'silence').map((e) => e.data.attempt)).toEqual([1, 2, 3]);
  });

  it('the last reprompt repeats; no-match leaves through NOMATCH after maxAttempts', async () => {
    const { result, said, host } = await run(askMachine({ noMatch: { reprompts: [{ en: 'Say again.' }], maxAttempts: 3 } }), { listen: ['banana', 'eleven', 'apple'] });
    expect(result.result).toBe('noMatch');
    expect(said).toEqual(['Quantity?', 'Say again.', 'Quantity?', 'Say again.', 'Quantity?']);
    expect(host.events.filter((e) => e.type === 'nomatch').map((e) => [e.data.text, e.data.attempt])).toEqual([
      ['banana', 1],
      ['eleven', 2],
      ['apple', 3],
    ]);
  });

  it('a good answer resets the counters', async () => {
    // two no-matches, a repeat (not a failure), then... the counter reset is visible through a confirm "no"
    const m = askMachine({ confirm: { prompt: { en: 'You said {{ answer.value }}, correct?' } } });
    const { result, said } = await run(m, { listen: ['banana', 'five', 'no', 'banana', 'six', 'yes'] });
    // maxAttempts 2 for no-match: without the reset the second "banana" would have ended the ask
    expect(result.result).toEqual({ way: 'qty', answer: 6 });
    expect(said).toEqual(['Quantity?', 'Say again.', 'Quantity?', 'You said 5, correct?', 'Quantity?', 'Say again.', 'Quantity?', 'You said 6, correct?']);
  });

  it('low confidence counts as no match; an alternative above the floor can match', async () => {
    const low = await run(askMachine(), { listen: [{ kind: 'speech', text: 'seven', confidence: 0.3 }, { kind: 'speech', text: 'seven', confidence: 0.4 }] });
    expect(low.result.result).toBe('noMatch');
    expect(low.host.events.find((e) => e.type === 'nomatch')!.data).toEqual({ text: 'seven', confidence: 0.3, attempt: 1, reason: 'low-confidence' });
    const alt = await run(askMachine(), { listen: [{ kind: 'speech', text: 'heaven', confidence: 0.8, alternatives: [{ text: 'seven', confidence: 0.7 }] }] });
    expect(alt.result.result).toEqual({ way: 'qty', answer: 7 });
    const hyp = alt.host.events.find((e) => e.type === 'hypothesis')!;
    expect(hyp.data).toEqual({ text: 'heaven', confidence: 0.8, matched: 'qty', alternatives: [{ text: 'seven', confidence: 0.7 }], chosen: 'seven' });
  });

  it('per-ask minConfidence and timeout override the machine settings', async () => {
    const { result, host } = await run(askMachine({ minConfidence: 0.95, timeoutMs: 1234 }), { listen: ['seven', 'seven'] });
    expect(result.result).toBe('noMatch');
    expect(host.listens[0]!.timeoutMs).toBe(1234);
  });

  it('repeat re-speaks the last prompt and help speaks the help, neither counts as a failure', async () => {
    const { result, said, host } = await run(askMachine({ noMatch: { reprompts: [], maxAttempts: 1 } }), { listen: ['say again', 'help', 'repeat', 'ready'] });
    expect(result.result).toEqual({ way: 'ready', answer: 'ready' });
    expect(said).toEqual(['Quantity?', 'Quantity?', 'Say a number from one to ten', 'Quantity?']);
    expect(host.events.filter((e) => e.type === 'prompt').map((e) => e.data.reason)).toEqual(['prompt', 'repeat', 'help', 'repeat']);
  });

  it('a process-wide word sends GLOBAL.<name> from the ask', async () => {
    const { result, host } = await run(askMachine(), { listen: ['выход'] }, { language: 'ru' });
    expect(result.result).toBe('signedOff');
    expect(host.events.find((e) => e.type === 'transition' && e.data.to === 'signedOff')!.data.event).toBe('GLOBAL.signOff');
  });

  it('a global word the machine does not handle counts as no match instead of hanging', async () => {
    const m = askMachine();
    delete m.on;
    const { result } = await run(m, { listen: ['sign off', 'sign off'] });
    expect(result.result).toBe('noMatch');
  });

  it('confirm read-back: yes answers, no asks again', async () => {
    const m = askMachine({ confirm: { prompt: { en: '{{ answer.value }}, correct?', ru: '{{ answer.value }}, верно?' } } });
    const { result, said } = await run(m, { listen: ['three', 'no', 'four', 'yes'] });
    expect(result.result).toEqual({ way: 'qty', answer: 4 });
    expect(said).toEqual(['Quantity?', '3, correct?', 'Quantity?', '4, correct?']);
  });

  it('a slow storage write holds neither the read-back nor a reprompt, and lands in order', async () => {
    // A terminal's storage can take tens of milliseconds at a bad moment; the operator must not
    // wait for it between the answer and the reply.
    class SlowStorage extends MemoryStorage {
      readonly pending: (() => void)[] = [];
      override save(key: string, value: string) {
        return new Promise<void>((resolve) => this.pending.push(() => void super.save(key, value).then(resolve)));
      }
    }
    const storage = new SlowStorage();
    const m = askMachine({ confirm: { prompt: { en: '{{ answer.value }}, correct?' } } });
    const host = createScriptedHost({ listen: ['banana', 'three', 'yes'], storage });
    const dialog = createDialog(loadMachine(m), host, { sessionId: 's1', terminalId: 'T-7', versionHash: 'v1' });
    await dialog.start();
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(host.spoken.map((s) => s.text)).toEqual(['Quantity?', 'Say again.', 'Quantity?', '3, correct?']);
    // The writes waited for are the ones a crash must never outrun: the session end.
    let ended = false;
    void dialog.done.then(() => (ended = true));
    await new Promise((r) => setTimeout(r, 0));
    expect(ended).toBe(false);
    while (storage.pending.length > 0) {
      storage.pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect((await dialog.done).result).toEqual({ way: 'qty', answer: 3 });
  });

  it('prompt interpolation reads variables and input; numbers bounds can be CEL', async () => {
    const m = askMachine({
      prompt: { en: 'Pick {{ max }} from {{ session.terminalId }}' },
      outcomes: [{ name: 'qty', grammar: { type: 'number', min: 0, maxExpr: 'max' } }],
    });
    m.meta.vm.scopes.main!.variables.max = { type: 'int', default: 1 };
    const { result, said, host } = await run(m, { listen: ['five', 'four'] }, { input: { max: 4 } });
    expect(said[0]).toBe('Pick 4 from T-7');
    expect(host.listens[0]!.vocabulary.numbers).toEqual({ min: 0, max: 4 });
    expect(result.result).toEqual({ way: 'qty', answer: 4 });
  });
});
