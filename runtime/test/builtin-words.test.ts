/**
 * The built-in words beyond repeat and help, on the virtual clock: "back up" returns to the
 * previous ask with the variables as they were (never past a WMS write), the voice words step
 * the operator's speech through `Host.voice`, and a process may switch a word off or rephrase it.
 */
import { describe, expect, it } from 'vitest';
import { createDialog, createScriptedHost, loadMachine, MemoryStorage, runUntilDone, type MachineJson, type ScriptedHost, type ScriptedListen, type SpeechSettings, type StateJson } from '../src/index.js';

const meta = (id: string, kind: string) => ({ vm: { nodeId: id, kind, scope: 'main' } });
const ask = (id: string, prompt: string, outcome: { name: string; grammar: NonNullable<unknown> }, next: string, saveAs?: string): StateJson => ({
  id,
  meta: meta(id, 'ask'),
  entry: [{ type: 'vm.ask', params: { prompt: { en: prompt, ru: prompt }, outcomes: [outcome as never], noInput: { reprompts: [], maxAttempts: 2 }, noMatch: { reprompts: [], maxAttempts: 3 } } }],
  on: {
    [`ANSWER.${outcome.name}`]: { target: `#${next}`, ...(saveAs ? { actions: [{ type: 'vm.assign', params: { assignments: [{ variable: saveAs, expr: 'event.value' }] } }] } : {}) },
    NOINPUT: { target: '#gaveUp' },
    NOMATCH: { target: '#gaveUp' },
  },
});

/** Operator id → quantity → a WMS call (`method`) → "ready" → done with both values. */
function pickMachine(method: 'GET' | 'POST', vm: Partial<MachineJson['meta']['vm']> = {}, write = false): MachineJson {
  return {
    id: 'pick',
    initial: 'op',
    meta: {
      vm: {
        formatVersion: 1,
        processKey: 'pick',
        name: 'Pick',
        languages: ['en', 'ru'],
        scopes: { main: { processKey: 'pick', variables: { op: { type: 'string', default: '' }, qty: { type: 'int', default: 0 } } } },
        globalWords: [],
        settings: { minConfidence: 0.5, noInputTimeoutMs: 5000 },
        ...vm,
      },
    },
    states: {
      op: ask('op', 'Operator?', { name: 'id', grammar: { type: 'digits', minLength: 3, maxLength: 3 } }, 'qty', 'op'),
      qty: ask('qty', 'Quantity?', { name: 'n', grammar: { type: 'number', min: 1, max: 10 } }, 'send', 'qty'),
      send: {
        id: 'send',
        meta: meta('send', 'request'),
        entry: [{ type: 'vm.request', params: { method, url: 'http://wms.test/picks', body: '{"qty": qty}', timeoutMs: 1000, retries: 0, ...(write ? { write } : {}) } }],
        on: { 'REQUEST.OK': { target: '#ready' }, 'REQUEST.ERROR': { target: '#ready' } },
      },
      ready: ask('ready', 'Ready?', { name: 'ready', grammar: { type: 'phrases', phrases: { en: ['ready'], ru: ['готов'] } } }, 'done'),
      done: { id: 'done', type: 'final', meta: meta('done', 'end'), entry: [{ type: 'vm.result', params: { expr: '{"op": op, "qty": qty}' } }] },
      gaveUp: { id: 'gaveUp', type: 'final', meta: meta('gaveUp', 'end') },
    },
  };
}

const options = { sessionId: 'words', terminalId: 'T-1', versionHash: 'v1' };
const makeHost = (listen: ScriptedListen[], storage = new MemoryStorage()) => createScriptedHost({ listen, storage, responses: () => ({ status: 200, body: {} }) });
async function run(machine: MachineJson, listen: ScriptedListen[], extra: { language?: 'en' | 'ru'; host?: (h: ScriptedHost) => void } = {}) {
  const host = makeHost(listen);
  extra.host?.(host);
  const result = await runUntilDone(createDialog(loadMachine(machine), host, { ...options, ...(extra.language ? { language: extra.language } : {}) }), host);
  return { host, result, said: host.spoken.map((s) => s.text) };
}

describe('back up', () => {
  it('returns to the previous ask with the variables as they were', async () => {
    const { host, result, said } = await run(pickMachine('GET'), ['one two three', 'five', 'back up', 'seven', 'ready']);
    expect(result).toMatchObject({ status: 'done', result: { op: '123', qty: 7 } });
    expect(said).toEqual(['Operator?', 'Quantity?', 'Ready?', 'Quantity?', 'Ready?']);
    const back = host.events.find((e) => e.type === 'transition' && e.data.event === 'BACKUP')!;
    expect(back.data).toMatchObject({ from: 'ready', to: 'qty' });
    // The quantity answered before is undone (logged as a variable change back to its default).
    expect(host.events.some((e) => e.type === 'variable' && e.seq > back.seq - 5 && e.data.name === 'qty' && e.data.value === 0 && e.data.previous === 5)).toBe(true);
    expect(host.requests).toHaveLength(2);
  });

  it('backs up twice, to the first ask', async () => {
    const { result, said } = await run(pickMachine('GET'), ['one two three', 'five', 'back up', 'back up', 'four five six', 'two', 'ready']);
    expect(result).toMatchObject({ status: 'done', result: { op: '456', qty: 2 } });
    expect(said).toEqual(['Operator?', 'Quantity?', 'Ready?', 'Quantity?', 'Operator?', 'Quantity?', 'Ready?']);
  });

  it('never goes back past a WMS write that succeeded, and says so', async () => {
    const { host, result, said } = await run(pickMachine('POST'), ['one two three', 'five', 'back up', 'ready']);
    expect(result).toMatchObject({ status: 'done', result: { op: '123', qty: 5 } });
    expect(said).toEqual(['Operator?', 'Quantity?', 'Ready?', "Can't go back, pick already sent.", 'Ready?']);
    expect(host.requests).toHaveLength(1);
  });

  it('a GET marked as a write is a floor too; an unmarked GET is not', async () => {
    const marked = await run(pickMachine('GET', { formatVersion: 2 }, true), ['one two three', 'five', 'back up', 'ready']);
    expect(marked.said).toEqual(['Operator?', 'Quantity?', 'Ready?', "Can't go back, pick already sent.", 'Ready?']);
    const plain = await run(pickMachine('GET'), ['one two three', 'five', 'back up', 'six', 'ready']);
    expect(plain.said).toEqual(['Operator?', 'Quantity?', 'Ready?', 'Quantity?', 'Ready?']);
  });

  it('a failed write is no floor: the WMS did not take it', async () => {
    const host = createScriptedHost({ listen: ['one two three', 'five', 'back up', 'six', 'ready'], responses: () => ({ status: 503, body: {} }) });
    const result = await runUntilDone(createDialog(loadMachine(pickMachine('POST')), host, options), host);
    expect(host.spoken.map((s) => s.text)).toEqual(['Operator?', 'Quantity?', 'Ready?', 'Quantity?', 'Ready?']);
    expect(result).toMatchObject({ status: 'done', result: { qty: 6 } });
  });

  it('at the first ask there is nothing to go back to (in Russian too)', async () => {
    const { said } = await run(pickMachine('GET'), ['назад', 'один два три', 'пять', 'готов'], { language: 'ru' });
    expect(said.slice(0, 3)).toEqual(['Operator?', 'Возвращаться некуда.', 'Operator?']);
  });

  it('resumes after a crash right after a back up, and can back up again', async () => {
    const storage = new MemoryStorage();
    const saves: string[] = [];
    const save = storage.save.bind(storage);
    storage.save = (key, value) => (saves.push(value), save(key, value));
    const answers: ScriptedListen[] = ['one two three', 'five', 'back up', 'back up', 'four five six', 'two', 'ready'];
    const reference = makeHost(answers, storage);
    const machine = loadMachine(pickMachine('GET'));
    const expected = await runUntilDone(createDialog(machine, reference, options), reference);
    const back = reference.events.find((e) => e.type === 'transition' && e.data.event === 'BACKUP')!;
    // The first record written after the first back up: storage holds it when the terminal dies.
    const text = saves.find((s) => (JSON.parse(s) as { seq: number }).seq >= back.seq)!;
    // The ask backed up to is the next job: its entry is made again when a resume puts it.
    expect(JSON.parse(text)).toMatchObject({ backUp: { floor: 'start', entries: [{ stateId: 'op' }] }, queue: [{ kind: 'ask', stateId: 'qty' }] });
    const crashed = new MemoryStorage();
    crashed.data.set('voiceman.session.words', text);
    const taken = reference.events.filter((e) => e.seq <= JSON.parse(text).seq && e.type === 'hypothesis').length;
    const again = makeHost(answers.slice(taken), crashed);
    const result = await runUntilDone(createDialog(machine, again, options), again);
    expect(result).toEqual(expected);
    expect(again.spoken.map((s) => s.text)).toEqual(['Quantity?', 'Operator?', 'Quantity?', 'Ready?']);
  });
});

describe('back up across a crash at every step', () => {
  it('every saved record resumes to the same end, backing up as the uninterrupted dialog did', async () => {
    // Silence and a wrong word (progress saves), two back ups, a WMS call: the record drops the
    // top entry when the next job is that ask again, and a resume must still back up the same.
    const answers: ScriptedListen[] = [null, 'banana', 'one two three', 'five', 'back up', 'back up', 'four five six', 'seven', 'back up', 'two', 'ready'];
    const storage = new MemoryStorage();
    const saves: string[] = [];
    const save = storage.save.bind(storage);
    storage.save = (key, value) => (saves.push(value), save(key, value));
    const machine = loadMachine(pickMachine('GET'));
    const reference = makeHost(answers, storage);
    const expected = await runUntilDone(createDialog(machine, reference, options), reference);
    expect(expected).toMatchObject({ status: 'done', result: { op: '456', qty: 2 } });
    const said = reference.spoken.map((s) => s.text);
    expect(said.filter((t) => t === 'Operator?')).toHaveLength(4);
    let backedUpAfterResume = 0;
    for (const [i, text] of saves.entries()) {
      const record = JSON.parse(text) as { seq: number };
      const taken = reference.events.filter((e) => e.seq <= record.seq && (e.type === 'hypothesis' || e.type === 'silence')).length;
      const crashed = new MemoryStorage();
      crashed.data.set('voiceman.session.words', text);
      const again = makeHost(answers.slice(taken), crashed);
      const result = await runUntilDone(createDialog(machine, again, options), again);
      expect(result, `save ${i + 1} of ${saves.length}`).toEqual(expected);
      // What the operator hears after the resume ends as the uninterrupted dialog did.
      const heard = again.spoken.map((s) => s.text);
      expect(said.slice(said.length - heard.length + 1), `save ${i + 1}`).toEqual(heard.slice(1));
      if (again.events.some((e) => e.type === 'transition' && e.data.event === 'BACKUP')) backedUpAfterResume++;
    }
    expect(backedUpAfterResume).toBeGreaterThan(5);
  });
});

describe('louder, softer, faster, slower', () => {
  function voiceHost(start: SpeechSettings) {
    const calls: SpeechSettings[] = [];
    let current = { ...start };
    return {
      calls,
      attach: (h: ScriptedHost) => {
        h.voice = { get: () => current, set: async (s) => void calls.push((current = s)) };
      },
    };
  }

  it('steps the operator\'s volume and rate through the host, within bounds, and acknowledges', async () => {
    const voice = voiceHost({ volume: 1, rate: 1 });
    const { said } = await run(pickMachine('GET'), ['louder', 'softer', 'faster', 'slower', 'slower', 'one two three', 'five', 'ready'], { host: voice.attach });
    expect(said.slice(0, 11)).toEqual([
      'Operator?',
      'This is the loudest.', 'Operator?',
      'Softer.', 'Operator?',
      'Faster.', 'Operator?',
      'Slower.', 'Operator?',
      'Slower.', 'Operator?',
    ]);
    expect(voice.calls).toEqual([{ volume: 0.8, rate: 1 }, { volume: 0.8, rate: 1.25 }, { volume: 0.8, rate: 1 }, { volume: 0.8, rate: 0.75 }]);
  });

  it('a host that cannot change its voice says so and the dialog goes on', async () => {
    const { result, said } = await run(pickMachine('GET'), ['громче', 'один два три', 'пять', 'готов'], { language: 'ru' });
    expect(said.slice(0, 3)).toEqual(['Operator?', 'Настройка голоса здесь недоступна.', 'Operator?']);
    expect(result.status).toBe('done');
  });
});

describe('a process switches built-in words off or rephrases them', () => {
  it('"back up" off is not understood; "louder" answers to the process\'s own phrase only', async () => {
    const voice = voiceHost2();
    const machine = pickMachine('GET', { formatVersion: 2, builtinWords: { backUp: { off: true }, louder: { phrases: { en: ['volume up'] } } } });
    const { host, said } = await run(machine, ['back up', 'louder', 'volume up', 'one two three', 'five', 'ready'], { host: voice.attach });
    expect(host.events.filter((e) => e.type === 'nomatch').map((e) => e.data.text)).toEqual(['back up', 'louder']);
    expect(said).toContain('Louder.');
    expect(voice.calls).toEqual([{ volume: 0.8, rate: 1 }]);
    // The recogniser is not even offered the words switched off.
    expect(host.listens[0]!.vocabulary.phrases).not.toContain('back up');
    expect(host.listens[0]!.vocabulary.phrases).toContain('volume up');
  });
});

function voiceHost2() {
  const calls: SpeechSettings[] = [];
  let current: SpeechSettings = { volume: 0.6, rate: 1 };
  return { calls, attach: (h: ScriptedHost) => void (h.voice = { get: () => current, set: async (s) => void calls.push((current = s)) }) };
}
