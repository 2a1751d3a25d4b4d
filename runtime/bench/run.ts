/**
 * Runtime benchmarks, each against a baseline measured in the same run:
 *  1. one dialog event (answered ask -> transition -> next ask) vs bare xstate on an equivalent machine
 *  2. load + validate a generated 500-state machine vs bare createMachine
 *  3. IIFE size (min+gzip) vs a bundle of its dependencies alone (xstate + cel-js)
 * Prints a table and writes bench/results/runtime.json at the repository root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { assign, createActor, createMachine, setup } from 'xstate';
import type { Host, MachineJson, StateJson } from '../src/index.js';
// @ts-expect-error build script without types
import { esmOptions, iifeOptions, regexIifeOptions } from '../scripts/build.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));

// Measure what ships: dist/index.js as scripts/build.mjs builds it (esbuild, ES2020), not the
// sources through tsx, whose transform wraps every function in a naming helper. Written under
// bench/.out/ (git-ignored) so that its bare imports resolve to the installed xstate and cel-js.
const runtimeBuild = fileURLToPath(new URL('./.out/index.js', import.meta.url));
await build({ ...(esmOptions as object), outfile: runtimeBuild, sourcemap: false });
const { createDialog, loadMachine, MemoryStorage } = (await import(runtimeBuild)) as typeof import('../src/index.js');

/**
 * The machine is shared (2 cores, load average up to 25 from other builds and tests), so wall
 * time is useless and even CPU time swings: each side is measured as process CPU time, in
 * interleaved rounds (ours, baseline, ours, ...). The figures are the medians of the rounds and
 * the ratio is the median of the per-round ratios: neighbouring rounds share the machine's
 * state, so their ratio is steadier than a ratio of two independent best-ofs.
 *
 * Why ratios move between machines is reported with every comparison (`why` in the JSON):
 * - GC: run under `--expose-gc` (the `bench` script does), each comparison starts on a
 *   collected heap, so it never pays for garbage an earlier one left; the GC pauses inside each
 *   round are summed from `PerformanceObserver('gc')` (wall time) and given as a share of the
 *   round's wall time (on a loaded machine wall time is many times CPU time, so pauses are not
 *   subtracted from CPU time directly); the ratio net of GC takes that share out of each round.
 *   Concurrent marking and sweeping run on V8's helper threads and still count in process CPU
 *   time. Not collected before every round: a forced full GC shrinks the young generation, and
 *   the rounds after it then scavenge far more often (measured: 5-7x the per-event time, all
 *   of it allocation-bound, so ratios grew with allocation rather than work).
 * - warm-up: the first (cold) call of each side against its steady median.
 * - variance: the spread (min, quartiles, max) of the per-round ratios.
 */
const collect = (globalThis as { gc?: () => void }).gc;
const gcPauses: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
}).observe({ entryTypes: ['gc'] });

interface Round {
  cpu: number;
  /** Wall window of the round, to attribute GC pauses to it. */
  from: number;
  to: number;
}

async function measure(fn: () => Promise<void> | void): Promise<Round> {
  const from = performance.now();
  const start = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(start);
  return { cpu: (d.user + d.system) / 1000, from, to: performance.now() };
}

const gcIn = (r: Round) => gcPauses.reduce((sum, p) => (p.start >= r.from && p.start < r.to ? sum + p.duration : sum), 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const quantile = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const r2 = (x: number) => Math.round(x * 100) / 100;

interface Comparison {
  ours: number;
  baseline: number;
  ratio: number;
  /** Best rounds: what one call costs when no collection of earlier garbage lands in it. */
  best: { ours: number; baseline: number; ratio: number };
  why: {
    gcExposed: boolean;
    /** Median GC pause time per round (wall ms) and its share of the round's wall time. */
    gcMs: { ours: number; baseline: number };
    gcShare: { ours: number; baseline: number };
    /** Median of per-round ratios with each side's GC pauses taken out. */
    ratioWithoutGc: number;
    /** First (cold) call of each side / its steady median. */
    coldFactor: { ours: number; baseline: number };
    /** Spread of the per-round ratios. */
    ratioSpread: { min: number; p25: number; p75: number; max: number };
  };
}

async function compare(ours: () => Promise<void> | void, baseline: () => Promise<void> | void, rounds = 15): Promise<Comparison> {
  // Warm-up: both sides optimised (process CPU time includes V8's background compiler) and
  // the heap grown to its working size before timing. The first call of each is kept as "cold".
  collect?.();
  const coldOurs = await measure(ours);
  const coldBaseline = await measure(baseline);
  for (let i = 0; i < 4; i++) {
    await ours();
    await baseline();
  }
  const a: Round[] = [];
  const b: Round[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await measure(ours));
    b.push(await measure(baseline));
  }
  // GC entries are delivered asynchronously.
  await new Promise((r) => setTimeout(r, 20));
  const ac = a.map((r) => r.cpu);
  const bc = b.map((r) => r.cpu);
  const ratios = ac.map((x, i) => x / bc[i]!);
  const ag = a.map(gcIn);
  const bg = b.map(gcIn);
  const share = (r: Round, gc: number) => Math.min(1, gc / Math.max(1e-3, r.to - r.from));
  const as = a.map((r, i) => share(r, ag[i]!));
  const bs = b.map((r, i) => share(r, bg[i]!));
  const best = { ours: Math.min(...ac), baseline: Math.min(...bc), ratio: Math.min(...ac) / Math.min(...bc) };
  const oursMedian = median(ac);
  const baselineMedian = median(bc);
  return {
    ours: oursMedian,
    baseline: baselineMedian,
    ratio: median(ratios),
    best,
    why: {
      gcExposed: !!collect,
      gcMs: { ours: r2(median(ag)), baseline: r2(median(bg)) },
      gcShare: { ours: r2(median(as)), baseline: r2(median(bs)) },
      ratioWithoutGc: r2(median(ac.map((x, i) => (x * (1 - as[i]!)) / Math.max(1e-3, bc[i]! * (1 - bs[i]!))))),
      coldFactor: { ours: r2(coldOurs.cpu / oursMedian), baseline: r2(coldBaseline.cpu / baselineMedian) },
      ratioSpread: { min: r2(Math.min(...ratios)), p25: r2(quantile(ratios, 0.25)), p75: r2(quantile(ratios, 0.75)), max: r2(Math.max(...ratios)) },
    },
  };
}

/* ---------- 1. per dialog event ---------- */

const meta = (vars: Record<string, { type: 'int' }>): MachineJson['meta'] => ({
  vm: {
    formatVersion: 1,
    processKey: 'bench',
    name: 'bench',
    languages: ['en'],
    scopes: { main: { processKey: 'bench', variables: vars } },
    globalWords: [],
    settings: { minConfidence: 0.5, noInputTimeoutMs: 5000 },
  },
});

const loopMachine: MachineJson = {
  id: 'loop',
  initial: 'q',
  meta: meta({ n: { type: 'int' } }),
  states: {
    q: {
      id: 'q',
      meta: { vm: { nodeId: 'q', kind: 'ask', scope: 'main' } },
      entry: [{ type: 'vm.ask', params: { prompt: { en: 'Quantity {{ n }}?' }, outcomes: [{ name: 'qty', grammar: { type: 'number', min: 0, max: 99 } }], noInput: { reprompts: [], maxAttempts: 3 }, noMatch: { reprompts: [], maxAttempts: 3 } } }],
      on: {
        'ANSWER.qty': [
          { guard: { type: 'vm.cel', params: { expr: 'n >= 100000' } }, target: '#end' },
          { target: '#q', reenter: true, actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'n', expr: 'n + event.value' }] } }] },
        ],
        NOINPUT: { target: '#end' },
        NOMATCH: { target: '#end' },
      },
    },
    end: { id: 'end', type: 'final', meta: { vm: { nodeId: 'end', kind: 'end', scope: 'main' } } },
  },
};

function fastHost(answers: number): Host & { left: number } {
  let uuid = 0;
  let now = 0;
  const host = {
    left: answers,
    speak: () => Promise.resolve(),
    listen: () => Promise.resolve(host.left-- > 0 ? { kind: 'speech' as const, text: 'one', confidence: 0.9 } : { kind: 'speech' as const, text: 'never', confidence: 0.9 }),
    request: () => Promise.reject(new Error('no WMS in this bench')),
    clock: { now: () => now++, setTimeout: () => 0, clearTimeout: () => {} },
    emit: () => {},
    storage: new MemoryStorage(),
    randomUUID: () => `id-${uuid++}`,
  };
  return host;
}

const EVENTS = 1000;
const loaded = loadMachine(loopMachine);

async function oursDialog() {
  // Each answer: listen -> match -> ANSWER -> guard (CEL) -> assign (CEL) -> re-enter ask (prompt CEL) -> persist -> events.
  const host = fastHost(EVENTS);
  const noMatchEnds = { ...host };
  const dialog = createDialog(loaded, noMatchEnds, { sessionId: 'b', terminalId: 't', versionHash: 'v' });
  await dialog.start();
  await dialog.done;
}

const bareMachine = setup({
  actions: {
    ask: ({ context }) => {
      // the same work a host-facing ask needs at minimum: render the prompt
      void `Quantity ${context.n}?`;
    },
  },
}).createMachine({
  id: 'loop',
  initial: 'q',
  context: { n: 0 },
  states: {
    q: {
      entry: 'ask',
      on: {
        'ANSWER.qty': [
          { guard: ({ context }) => context.n >= 100000, target: 'end' },
          { target: 'q', reenter: true, actions: assign({ n: ({ context, event }) => context.n + (event as unknown as { value: number }).value }) },
        ],
      },
    },
    end: { type: 'final' },
  },
});

async function bareXState() {
  const actor = createActor(bareMachine).start();
  for (let i = 0; i < EVENTS; i++) {
    // The event our driver sends (recognised text and confidence ride along).
    actor.send({ type: 'ANSWER.qty', value: 1, text: 'one', confidence: 0.9 } as never);
    await Promise.resolve(); // one await per event, as any async host needs
  }
  actor.stop();
}

/**
 * A second baseline for the full dialog: bare xstate driven by a hand-written plain-JS loop
 * that does the work the runtime must do per answer, with nothing general about it: listen
 * through the host, parse the number word, send, emit the same four dialog events (hypothesis,
 * variable, transition, prompt) with id/seq/ts, persist xstate's snapshot through host storage,
 * speak the prompt. What the runtime costs above this is the price of being data-driven.
 */
const WORD_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3 };

async function handDriver() {
  const host = fastHost(EVENTS);
  const identity = { sessionId: 'b', terminalId: 't', operatorId: null, processKey: 'bench', versionHash: 'v' };
  let seq = 0;
  const emit = (type: string, state: string, data: Record<string, unknown>) =>
    host.emit({ id: host.randomUUID(), ...identity, seq: ++seq, ts: host.clock.now(), type, state, data } as never);
  const actor = createActor(bareMachine).start();
  let prompt = `Quantity ${actor.getSnapshot().context.n}?`;
  emit('prompt', 'q', { text: prompt, language: 'en', reason: 'prompt' });
  await host.speak(prompt, { language: 'en', stateId: 'q' });
  for (;;) {
    const heard = (await host.listen({ language: 'en', phrases: [] }, { timeoutMs: 5000, stateId: 'q' })) as { text: string; confidence: number };
    const value = WORD_NUMBERS[heard.text.toLowerCase()];
    emit('hypothesis', 'q', { text: heard.text, confidence: heard.confidence, matched: value === undefined ? null : 'qty' });
    if (value === undefined) break;
    const before = actor.getSnapshot().context.n;
    actor.send({ type: 'ANSWER.qty', value, text: heard.text, confidence: heard.confidence } as never);
    const snap = actor.getSnapshot();
    emit('variable', 'q', { scope: 'main', name: 'n', value: snap.context.n, previous: before });
    emit('transition', 'q', { from: 'q', to: 'q', event: 'ANSWER.qty' });
    await host.storage.save('voiceman.session.b', JSON.stringify({ v: 1, snapshot: actor.getPersistedSnapshot(), seq }));
    prompt = `Quantity ${snap.context.n}?`;
    emit('prompt', 'q', { text: prompt, language: 'en', reason: 'prompt' });
    await host.speak(prompt, { language: 'en', stateId: 'q' });
  }
  actor.stop();
}

async function oursMachineOnly() {
  // The interpreter alone: our loaded machine (CEL guard/assign/prompt), effect jobs dropped.
  const machine = loaded.machine.provide({ actions: { 'vm.ask': ({ context }: { context: { vars: { main: { n: number } } } }) => void context } as never });
  const actor = createActor(machine, {
    input: { vars: { main: { n: 0 } }, session: { sessionId: 'b', terminalId: 't', operatorId: null, processKey: 'bench', language: 'en' }, result: null, settings: { minConfidence: 0.5, noInputTimeoutMs: 5000 } },
  }).start();
  for (let i = 0; i < EVENTS; i++) {
    actor.send({ type: 'ANSWER.qty', value: 1, text: 'one', confidence: 0.9 } as never);
    await Promise.resolve();
  }
  actor.stop();
}

/* ---------- 2. load + validate 500 states ---------- */

function generated(n: number, salt = 0): MachineJson {
  const states: Record<string, StateJson> = {};
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    const next = i + 1 < n ? `#s${i + 1}` : '#end';
    states[id] =
      i % 2 === 0
        ? {
            id,
            meta: { vm: { nodeId: id, kind: 'ask', scope: 'main' } },
            entry: [{ type: 'vm.ask', params: { prompt: { en: `Step ${i}.${salt}, count {{ n }}` }, outcomes: [{ name: 'ok', grammar: { type: 'phrases', phrases: { en: ['ready'] } } }, { name: 'q', grammar: { type: 'number', max: 50 } }], noInput: { reprompts: [{ en: 'Again' }], maxAttempts: 3 }, noMatch: { reprompts: [{ en: 'Say again' }], maxAttempts: 3 } } }],
            on: {
              'ANSWER.ok': { target: next },
              'ANSWER.q': { target: next, actions: [{ type: 'vm.assign', params: { assignments: [{ variable: 'n', expr: `n + event.value + ${salt}` }] } }] },
              NOINPUT: { target: '#end' },
              NOMATCH: { target: '#end' },
            },
          }
        : {
            id,
            meta: { vm: { nodeId: id, kind: 'decision', scope: 'main' } },
            always: [{ guard: { type: 'vm.cel', params: { expr: `n > ${i + salt * n}` } }, target: '#end' }, { target: next }],
          };
  }
  states.end = { id: 'end', type: 'final', meta: { vm: { nodeId: 'end', kind: 'end', scope: 'main' } }, entry: [{ type: 'vm.result', params: { expr: 'n' } }] };
  return { id: 'big', initial: 's0', meta: meta({ n: { type: 'int' } }), states };
}

/* ---------- run ---------- */

type Why = Comparison['why'];
const rows: { what: string; ours: number; baseline: number; unit: string; ratio: number; goal: number | null; why?: Why }[] = [];
const row = (what: string, c: Pick<Comparison, 'ours' | 'baseline' | 'ratio'> & { why?: Why }, scale: number, unit: string, goal: number | null) =>
  rows.push({ what, ours: c.ours * scale, baseline: c.baseline * scale, unit, ratio: c.ratio, goal, ...(c.why ? { why: c.why } : {}) });
const perEvent = 1000 / EVENTS;

const dialog = await compare(oursDialog, bareXState, 30);
const interpreter = await compare(oursMachineOnly, bareXState, 30);
const dialogVsHand = await compare(oursDialog, handDriver, 30);
// Against bare xstate the full dialog also pays for what any driver must do (host calls,
// events, persistence): informative, the goal is the hand-written driver's row.
row('dialog event: full dialog (host, CEL, matching, events, persistence) vs bare xstate', dialog, perEvent, 'µs/event', null);
row('dialog event: full dialog vs a hand-written plain-JS driver over bare xstate (same host calls, events, persistence)', dialogVsHand, perEvent, 'µs/event', 1.2);
row('dialog event: interpreter only (loaded machine: CEL guard + CEL assign; effect actions dropped) vs bare xstate', interpreter, perEvent, 'µs/event', 1.2);

// A load is a one-off (a version is loaded once and kept). Rounds start on a collected heap
// (--expose-gc), so a round no longer pays for the megabytes earlier rounds left; the median
// is the figure, the best round is kept in the JSON.
// Every call gets a machine no earlier call saw (its expressions and prompts differ), so the
// runtime's CEL and prompt caches start cold as on a terminal's first load of a version; the
// baseline gets its own fresh machines too. Loading one machine again is cheaper (cached parses).
const LOAD_ROUNDS = 30;
const LOADS_PER_ROUND = 4; // one load is ~20 ms: a round of one is at the mercy of a single GC slice
// compare() calls each side once cold and 4 times to warm up before its rounds.
const fresh = (from: number) => Array.from({ length: (LOAD_ROUNDS + 5) * LOADS_PER_ROUND }, (_, k) => generated(500, from + k));
const take = (machines: MachineJson[]): MachineJson => {
  const m = machines.pop();
  if (!m) throw new Error('load row: more calls than fresh machines made (compare() warms up more than 5 times?)');
  return m;
};
const machinesOurs = fresh(1);
const machinesBaseline = fresh(1_000);
const load = await compare(
  () => { for (let k = 0; k < LOADS_PER_ROUND; k++) loadMachine(take(machinesOurs)); },
  () => { for (let k = 0; k < LOADS_PER_ROUND; k++) createMachine(take(machinesBaseline) as never); },
  LOAD_ROUNDS,
);
row('load + validate 500-state machine vs bare createMachine (each load a machine not seen before)', load, 1 / LOADS_PER_ROUND, 'ms', 1.5);

const ours = await build({ ...(iifeOptions as object), write: false, outfile: 'x.js' });
const deps = await build({
  stdin: { contents: "export * from 'xstate'; export * from '@marcbachmann/cel-js';", resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' },
  bundle: true, format: 'iife', globalName: 'Deps', platform: 'neutral', mainFields: ['module', 'main'], conditions: ['module'], target: 'es2020', minify: true, legalComments: 'none', write: false, outfile: 'deps.js',
});
const gz = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length / 1024;
const oursKiB = gz(ours.outputFiles[0]!.text);
const depsKiB = gz(deps.outputFiles[0]!.text);
const size = { ours: oursKiB, baseline: depsKiB, ratio: oursKiB / depsKiB };
row('IIFE size, min+gzip vs xstate + cel-js bundled alone', size, 1, 'KiB', 1.3);
// The RE2 add-on only machines using CEL `matches` need (not in the row above).
const regexAddon = await build({ ...(regexIifeOptions as object), write: false, outfile: 'regex.js' });
const regexAddonKiB = gz(regexAddon.outputFiles[0]!.text);
console.log(`RE2 add-on (voiceman-runtime-regex.iife.js), min+gzip: ${regexAddonKiB.toFixed(2)} KiB`);

const met = (r: (typeof rows)[number]) => (r.goal === null ? null : r.ratio <= r.goal);
console.table(rows.map((r) => ({ what: r.what, ours: r.ours.toFixed(2), baseline: r.baseline.toFixed(2), unit: r.unit, ratio: r.ratio.toFixed(2), goal: r.goal === null ? '-' : `≤ ${r.goal}`, met: met(r) === null ? '-' : met(r) ? 'yes' : 'no' })));
// Why the ratios are what they are on this machine, this run.
console.table(rows.filter((r) => r.why).map((r) => {
  const w = r.why!;
  return { what: r.what.slice(0, 60), gc: w.gcExposed ? 'collected' : 'NOT exposed', 'gc ms ours/base': `${w.gcMs.ours}/${w.gcMs.baseline}`, 'gc share': `${w.gcShare.ours}/${w.gcShare.baseline}`, 'ratio w/o gc': w.ratioWithoutGc, 'cold x': `${w.coldFactor.ours}/${w.coldFactor.baseline}`, 'ratio min p25 p75 max': `${w.ratioSpread.min} ${w.ratioSpread.p25} ${w.ratioSpread.p75} ${w.ratioSpread.max}` };
}));
mkdirSync(`${repo}/bench/results`, { recursive: true });
writeFileSync(
  `${repo}/bench/results/runtime.json`,
  JSON.stringify({ package: 'runtime', node: process.version, date: new Date().toISOString(), events: EVENTS, loadAverage: os.loadavg().map(r2), results: rows.map((r) => ({ ...r, met: met(r) })), loadBest: load.best, regexAddonKiB }, null, 2) + '\n',
);
console.log('written bench/results/runtime.json');
