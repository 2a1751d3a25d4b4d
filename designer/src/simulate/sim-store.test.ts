import { describe, expect, it } from 'vitest';
import { exampleFlow, resolveExampleProcess } from '@voiceman/examples';
import type { FlowGraph } from '@voiceman/compiler';
import type { SimView } from '@voiceman/simulator';
import { createSimStore, initialSettings, SimStartError, type RunSettings } from './sim-store.js';
import { compileDraftForRun, sessionFactory, type SessionDeps } from './sessions.js';
import type { SimulationApi } from './server-session.js';

const signOn = exampleFlow('sign-on') as FlowGraph;
const okAnswer = { status: 200, body: { operator: { id: '427', name: 'Anna Petrova', nameRu: 'Анна Петрова' } } };

const settings = (change: Partial<RunSettings> = {}): RunSettings => ({
  ...initialSettings('en'),
  input: { wmsUrl: 'http://wms.invalid' },
  stubs: { signOnRequest: [okAnswer] },
  ...change,
});

const unusedServer: SimulationApi = {
  create: () => Promise.reject(new Error('not in this test')),
  input: () => Promise.reject(new Error('not in this test')),
  back: () => Promise.reject(new Error('not in this test')),
  restart: () => Promise.reject(new Error('not in this test')),
  remove: () => Promise.resolve(),
};

const deps = (calls: string[] = []): SessionDeps => ({
  fetcher: async (request) => {
    calls.push(`${request.method} ${request.url}`);
    throw new Error('WMS unreachable');
  },
  referenceTable: () => Promise.reject(new Error('no such table')),
  serverApi: unusedServer,
});

function storeFor(graph: FlowGraph, change: Partial<RunSettings> = {}, calls: string[] = []) {
  const factory = sessionFactory({ kind: 'draft', processKey: graph.process.key, graph: () => graph, callees: () => ({}) }, deps(calls));
  return createSimStore(factory, settings(change));
}

const said = (view: SimView | null) => view?.transcript.filter((e) => e.kind === 'say').map((e) => e.text) ?? [];

describe('simulation store', () => {
  it('runs a draft compiled in the page: prompts, read-back, stubbed WMS answer, variables, end', async () => {
    const sim = storeFor(signOn);
    await sim.getState().start();
    let s = sim.getState();
    expect(s.phase).toBe('running');
    expect(s.view?.status).toBe('waiting');
    expect(s.view?.expecting?.digits).toEqual({ minLength: 3, maxLength: 6 });
    expect(said(s.view)).toEqual(['Operator ID?']);

    await sim.getState().say('four two seven');
    s = sim.getState();
    expect(said(s.view).at(-1)).toBe('Operator 4 2 7, correct?');
    expect(s.view?.transcript.find((e) => e.kind === 'say' && e.text === 'Operator 4 2 7, correct?')?.reason).toBe('confirm');
    expect(s.view?.expecting?.phrases).toEqual(expect.arrayContaining(['yes', 'no']));

    await sim.getState().say('yes');
    s = sim.getState();
    expect(s.view?.status).toBe('done');
    expect(said(s.view).at(-1)).toBe('Hello, Anna Petrova.');
    expect(s.view?.variables.main?.operatorName).toBe('Anna Petrova');
    const wms = s.view?.transcript.find((e) => e.kind === 'wms');
    expect(wms?.wms).toMatchObject({ method: 'POST', url: 'http://wms.invalid/operators/427/sign-on', status: 200 });
  });

  it('sends answers given in quick succession in order, one after the other', async () => {
    const sim = storeFor(signOn);
    await sim.getState().start();
    const first = sim.getState().say('four two seven');
    const second = sim.getState().say('yes');
    expect(sim.getState().busy).toBe(true);
    await Promise.all([first, second]);
    const answers = sim.getState().view?.transcript.filter((e) => e.kind === 'answer').map((e) => e.text);
    expect(answers).toEqual(['four two seven', 'yes']);
    expect(sim.getState().busy).toBe(false);
    expect(sim.getState().view?.status).toBe('done');
  });

  it('steps back to an earlier step and takes a different answer from there', async () => {
    const sim = storeFor(signOn);
    await sim.getState().start();
    await sim.getState().say('four two seven');
    await sim.getState().say('no');
    expect(sim.getState().view?.steps).toBe(2);
    await sim.getState().stepBack(0);
    expect(sim.getState().view?.steps).toBe(0);
    expect(sim.getState().view?.transcript.some((e) => e.kind === 'answer')).toBe(false);
    await sim.getState().say('five five five');
    expect(said(sim.getState().view).at(-1)).toBe('Operator 5 5 5, correct?');
  });

  it('fires the silence at once on the virtual clock and escalates to help', async () => {
    const sim = storeFor(signOn);
    await sim.getState().start();
    await sim.getState().send({ kind: 'silence' });
    await sim.getState().send({ kind: 'silence' });
    const view = sim.getState().view!;
    expect(view.transcript.filter((e) => e.kind === 'silence')).toHaveLength(2);
    expect(said(view)).toEqual(['Operator ID?', 'Say again.', 'Operator ID?', 'Say your operator number digit by digit, for example four two seven.', 'Operator ID?']);
  });

  it('takes a typed answer below the threshold as not understood (the confidence setting)', async () => {
    const sim = storeFor(signOn, { confidence: 0.1 });
    await sim.getState().start();
    await sim.getState().say('four two seven');
    const view = sim.getState().view!;
    expect(view.transcript.find((e) => e.kind === 'answer')?.confidence).toBe(0.1);
    expect(view.transcript.some((e) => e.kind === 'nomatch')).toBe(true);
    expect(view.expecting?.stateId).toBe('askId');
  });

  it('sends unstubbed requests to the fetcher, and a failing WMS takes the error path', async () => {
    const calls: string[] = [];
    const sim = storeFor(signOn, { stubs: {} }, calls);
    await sim.getState().start();
    await sim.getState().say('four two seven');
    await sim.getState().say('yes');
    expect(calls[0]).toBe('POST http://wms.invalid/operators/427/sign-on');
    // sign-on tells a WMS it cannot reach (after its retry) from a refused id: it says so and ends.
    expect(said(sim.getState().view).slice(-2)).toEqual(['The warehouse system is not answering.', 'Sign-on failed. Call your supervisor.']);
    expect(calls).toEqual(['POST http://wms.invalid/operators/427/sign-on', 'POST http://wms.invalid/operators/427/sign-on']);
    expect(sim.getState().view?.transcript.find((e) => e.kind === 'wms')?.wms?.error).toMatch(/unreachable/);
  });

  it('shows a stub for a node that makes no request as a failed start, not a crash', async () => {
    const sim = storeFor(signOn, { stubs: { askId: [okAnswer] } });
    await sim.getState().start();
    expect(sim.getState().phase).toBe('failed');
    expect(sim.getState().error).toMatch(/askId/);
  });

  it('drops the answer of a run that was stopped while it was starting', async () => {
    const sim = storeFor(signOn);
    const starting = sim.getState().start();
    sim.getState().stop();
    await starting;
    expect(sim.getState().phase).toBe('idle');
    expect(sim.getState().view).toBeNull();
  });

  it('restarts from the beginning with the same settings', async () => {
    const sim = storeFor(signOn);
    await sim.getState().start();
    await sim.getState().say('four two seven');
    await sim.getState().restart();
    expect(sim.getState().view?.steps).toBe(0);
    expect(said(sim.getState().view)).toEqual(['Operator ID?']);
  });
});

describe('real time', () => {
  it('shows a silence timeout that fires on its own, without an answer being sent', async () => {
    const quick: FlowGraph = { ...signOn, process: { ...signOn.process, settings: { ...signOn.process.settings, noInputTimeoutMs: 1000 } } };
    const sim = storeFor(quick, { clock: 'real' });
    await sim.getState().start();
    expect(said(sim.getState().view)).toEqual(['Operator ID?']);
    await expect.poll(() => sim.getState().view?.transcript.some((e) => e.kind === 'silence'), { timeout: 5000, interval: 50 }).toBe(true);
    expect(said(sim.getState().view)).toContain('Say again.');
    sim.getState().stop();
  });
});

describe('compiling a draft for a run', () => {
  it('lists the compiler errors with their nodes', async () => {
    const broken: FlowGraph = { ...signOn, edges: signOn.edges.filter((e) => e.source !== 'askId') };
    const error = await compileDraftForRun(broken, {}, () => Promise.reject(new Error('none'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimStartError);
    expect((error as SimStartError).problems.some((p) => p.nodeId === 'askId')).toBe(true);
  });

  it('fetches the reference tables the process and its callees read', async () => {
    const picking = exampleFlow('case-picking') as FlowGraph;
    const asked: string[] = [];
    const result = await compileDraftForRun(picking, { 'sign-on': resolveExampleProcess('sign-on')! }, async (name) => {
      asked.push(name);
      return { revision: 1, rows: [{ key: 'damaged', value: 'DMG' }, { key: 'empty', value: 'EMP' }, { key: 'wrongProduct', value: 'WRG' }] };
    });
    expect(asked).toEqual(['short_reasons']);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the run inputs prefilled from the site settings', () => {
  it('are loading until the settings arrived or failed, so Start waits for them', async () => {
    const store = storeFor(signOn);
    expect(store.getState().inputsLoading).toBe(false);
    let arrive!: () => void;
    const loading = store.getState().loadInputs(() => new Promise<void>((resolve) => (arrive = () => {
      store.getState().setInputText('wmsUrl', 'http://127.0.0.1:4411');
      resolve();
    })));
    expect(store.getState().inputsLoading).toBe(true);
    arrive();
    await loading;
    expect(store.getState()).toMatchObject({ inputsLoading: false, inputText: { wmsUrl: 'http://127.0.0.1:4411' } });
    await expect(store.getState().loadInputs(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(store.getState().inputsLoading).toBe(false);
  });
});
