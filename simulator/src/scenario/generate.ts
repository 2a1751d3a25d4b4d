/**
 * Generated paths: scenario skeletons that together take every outcome of a machine they can
 * reach. A breadth-first search over the real dialog (the simulator, so guards, CEL, read-backs
 * and reprompt counters behave exactly as on a terminal), inputs from candidates.ts, one
 * session per search vertex with step back for each candidate. Vertices are deduplicated by
 * (state, variables, WMS calls so far, failed attempts at the ask) and the search is bounded
 * (depth, sends); then a greedy set cover keeps few paths.
 *
 * Why not xstate/graph's getShortestPaths/getSimplePaths: they walk the machine with synthetic
 * events and no WMS, so every guard reading a WMS body or an answer's value (check digits,
 * quantities) sees nothing, and the context (counters, picks) makes the state space unbounded;
 * the runtime's own ask counters are not in the machine at all.
 */
import type { JsonValue, LoadedMachine } from '@voiceman/runtime';
import { createSimulation } from '../session.js';
import type { SimInput, SimView, StubAnswer, WmsStubs } from '../types.js';
import { candidateInputs } from './candidates.js';
import type { Scenario } from './format.js';
import { machineOutcomes, outcomeRecorder } from './outcomes.js';
import { recordScenario } from './record.js';
import { vertexKey } from './vertex.js';

export interface GenerateOptions {
  machine: LoadedMachine;
  process: string;
  language?: string;
  input?: Record<string, JsonValue>;
  /** Example WMS answers per request node, in order (the last repeats): the normal run. */
  examples: WmsStubs;
  /** Deepest path, in operator inputs (default 40). */
  maxDepth?: number;
  /** Inputs sent in all, over every stub variant (default 6000). */
  maxSends?: number;
}

export interface UnreachedOutcome {
  key: string;
  reason: string;
}

export interface GeneratedPaths {
  scenarios: Scenario[];
  /** Outcome keys the kept scenarios take. */
  covered: string[];
  total: number;
  unreached: UnreachedOutcome[];
  sends: number;
  /** The search stopped on its budget (not because nothing new was reachable). */
  exhausted: boolean;
}

interface Found {
  inputs: SimInput[];
  taken: Set<string>;
  view: SimView;
  stubs: WmsStubs;
}

/** Told of every waiting moment a search reaches: the state and the inputs that led there. */
type Reach = (stateId: string, inputs: SimInput[], stubs: WmsStubs) => void;

/** One breadth-first search with one set of stubs; calls `found` for each path that took something new. */
async function search(options: GenerateOptions, stubs: WmsStubs, covered: Set<string>, budget: { sends: number }, stop: () => boolean, found: (f: Found) => void, seeds: SimInput[][] = [[]], reach?: Reach): Promise<void> {
  const maxDepth = options.maxDepth ?? 40;
  const seen = new Set<string>();
  const seenCoarse = new Set<string>();
  // Vertices new in state, prompt and attempts first; those new only in variables after them.
  const primary: SimInput[][] = [...seeds];
  const secondary: SimInput[][] = [];
  while ((primary.length > 0 || secondary.length > 0) && budget.sends > 0 && !stop()) {
    {
      const prefix = (primary.length > 0 ? primary.shift() : secondary.shift())!;
      const recorder = outcomeRecorder();
      const sim = createSimulation({
        machine: options.machine, processKey: options.process, versionHash: 'generate', stubs,
        ...(options.language ? { language: options.language as never } : {}), ...(options.input ? { input: options.input } : {}),
        inspect: recorder.inspect,
      });
      try {
        let view = await sim.start();
        for (const input of prefix) view = await sim.send(input);
        budget.sends -= prefix.length;
        const base = new Set(recorder.taken);
        if (seeds.includes(prefix)) {
          if ([...base].some((k) => !covered.has(k))) found({ inputs: prefix, taken: base, view, stubs });
          seen.add(vertexKey(view).full);
          seenCoarse.add(vertexKey(view).coarse);
        }
        if (view.status !== 'waiting' || prefix.length >= maxDepth) continue;
        for (const input of candidateInputs(options.machine, view)) {
          if (budget.sends <= 0) break;
          const mark = recorder.taken.length;
          const after = await sim.send(input);
          budget.sends -= 1;
          const taken = new Set([...base, ...recorder.taken.slice(mark)]);
          const inputs = [...prefix, input];
          if (recorder.taken.slice(mark).some((k) => !covered.has(k))) found({ inputs, taken, view: after, stubs });
          const key = vertexKey(after);
          if (after.status === 'waiting' && after.stateId) reach?.(after.stateId, inputs, stubs);
          if (!seen.has(key.full)) {
            seen.add(key.full);
            if (after.status === 'waiting') (seenCoarse.has(key.coarse) ? secondary : primary).push(inputs);
            seenCoarse.add(key.coarse);
          }
          recorder.taken.length = mark;
          await sim.stepBack(prefix.length);
        }
      } finally {
        sim.dispose();
      }
    }
  }
}

/** Request nodes of the machine (states with a vm.request entry). */
function requestNodes(machine: LoadedMachine): string[] {
  return Object.entries(machine.states)
    .filter(([id]) => machine.json && findState(machine, id)?.entry?.some((a) => a.type === 'vm.request'))
    .map(([id]) => id);
}

function findState(machine: LoadedMachine, id: string): { entry?: { type: string }[] } | undefined {
  const walk = (states: Record<string, unknown> | undefined): { entry?: { type: string }[] } | undefined => {
    for (const [key, s] of Object.entries(states ?? {})) {
      const st = s as { states?: Record<string, unknown>; entry?: { type: string }[] };
      if (key === id) return st;
      const inner = walk(st.states);
      if (inner) return inner;
    }
    return undefined;
  };
  return walk(machine.json.states as Record<string, unknown>);
}

const FAILURE: StubAnswer = { status: 503, body: { error: 'unavailable' } };

/** A WMS answer of each failure class (REQUEST.<class>); the last answer repeats, so retries fail too. */
const CLASS_ANSWERS: Record<string, StubAnswer> = {
  serverError: FAILURE,
  notFound: { status: 404, body: { error: 'not found' } },
  conflict: { status: 409, body: { error: 'conflict' } },
  clientError: { status: 422, body: { error: 'unprocessable' } },
  timeout: { timeout: true },
  network: { networkError: 'ECONNREFUSED' },
};

/** The answer that makes a request send `event`, given the failure classes its state handles. */
function failureFor(event: string, handled: ReadonlySet<string>): StubAnswer | undefined {
  const cls = event.slice('REQUEST.'.length);
  if (cls !== 'ERROR') return CLASS_ANSWERS[cls];
  // error: a failure whose class the state does not take (a 3xx has no class at all).
  const unhandled = Object.keys(CLASS_ANSWERS).find((c) => !handled.has(c));
  return unhandled ? CLASS_ANSWERS[unhandled] : { status: 302 };
}

export async function generatePaths(options: GenerateOptions): Promise<GeneratedPaths> {
  const all = machineOutcomes(options.machine);
  const covered = new Set<string>();
  const finds: Found[] = [];
  const budget = { sends: options.maxSends ?? 6000 };
  const record = (f: Found) => {
    finds.push(f);
    for (const k of f.taken) covered.add(k);
  };
  const everything = () => all.every((o) => covered.has(o.key));
  let exhausted = false;
  // The shortest way found into each state (with the stubs it was found under): where a
  // targeted search for that state's untaken outcomes starts.
  const reachedAt = new Map<string, { inputs: SimInput[]; stubs: WmsStubs }>();
  const reach: Reach = (stateId, inputs, stubs) => {
    const known = reachedAt.get(stateId);
    if (!known || inputs.length < known.inputs.length) reachedAt.set(stateId, { inputs, stubs });
  };
  const spend = async (sends: number, stubs: WmsStubs, stop: () => boolean, seeds?: SimInput[][]) => {
    const slice = { sends: Math.min(sends, budget.sends) };
    const before = slice.sends;
    await search(options, stubs, covered, slice, stop, record, seeds, reach);
    if (slice.sends <= 0) exhausted = true;
    budget.sends -= before - slice.sends;
  };
  // The normal run first (most of the budget); then, per request node, the shortest path that
  // made that request again with the node failing (REQUEST.ERROR), searched on from there.
  // A third of the budget is kept for the targeted searches at the end.
  const total = budget.sends;
  await spend(Math.floor(total * 0.5), options.examples, everything);
  const failureShare = Math.floor(total * 0.2);
  const afterFailures = budget.sends - failureShare;
  // A node with outcomes by failure class gets one such search per class (a 404 for notFound,
  // a timeout for timeout, …) and one with a failure of a class it does not handle, for error.
  const requests = requestNodes(options.machine);
  for (const [i, node] of requests.entries()) {
    const failures = all.filter((o) => o.source === node && o.event.startsWith('REQUEST.') && o.event !== 'REQUEST.OK');
    const handled = new Set(failures.map((o) => o.event.slice('REQUEST.'.length)));
    for (const event of new Set(failures.map((o) => o.event))) {
      const keys = failures.filter((o) => o.event === event).map((o) => o.key);
      if (keys.every((k) => covered.has(k)) || budget.sends <= 0) continue;
      const answer = failureFor(event, handled);
      if (!answer) continue;
      let seed: SimInput[] | undefined;
      for (const f of finds) {
        const call = f.view.transcript.find((t) => t.kind === 'wms' && t.state === node);
        if (call && (!seed || call.step < seed.length)) seed = f.inputs.slice(0, call.step);
      }
      if (!seed) continue;
      await spend(Math.max(30, Math.floor((budget.sends - afterFailures) / (requests.length - i) / handled.size)), { ...options.examples, [node]: [answer] }, everything, [seed]);
    }
  }
  await targeted(options, all, covered, reachedAt, budget, spend, everything);
  // Greedy set cover: the path taking most uncovered outcomes first.
  const kept: Found[] = [];
  const left = new Set(covered);
  while (left.size > 0) {
    let best: Found | undefined;
    let gain = 0;
    for (const f of finds) {
      const g = [...f.taken].filter((k) => left.has(k)).length;
      if (g > gain || (g === gain && best && g > 0 && f.inputs.length < best.inputs.length)) (best = f), (gain = g);
    }
    if (!best || gain === 0) break;
    kept.push(best);
    for (const k of best.taken) left.delete(k);
  }
  const scenarios = kept.map((f, i) => ({
    ...recordScenario(f.view, {
      name: `generated path ${i + 1}`, process: options.process, description: `Generated: ${f.inputs.length} inputs, ${f.taken.size} outcomes. Review before committing.`,
      ...(options.language ? { language: options.language } : {}), ...(options.input ? { input: options.input } : {}),
    }),
  }));
  // Every outcome taken: a slice that ran out limited nothing.
  if (everything()) exhausted = false;
  const unreached = all.filter((o) => !covered.has(o.key)).map((o) => ({ key: o.key, reason: unreachedReason(o.event, exhausted) }));
  return { scenarios, covered: [...covered].filter((k) => all.some((o) => o.key === k)), total: all.length, unreached, sends: (options.maxSends ?? 6000) - budget.sends, exhausted };
}

/**
 * A breadth-first search from the normal run goes wide before it goes deep, so outcomes a few
 * inputs past a deep state (the third wrong check digit, the supervisor's answer) stay untaken
 * when its budget ends. Here each state with untaken outcomes gets a small search of its own,
 * started from the shortest way into it; states reached only by these searches get theirs next.
 */
async function targeted(
  options: GenerateOptions, all: { key: string; source: string }[], covered: Set<string>,
  reachedAt: Map<string, { inputs: SimInput[]; stubs: WmsStubs }>, budget: { sends: number },
  spend: (sends: number, stubs: WmsStubs, stop: () => boolean, seeds?: SimInput[][]) => Promise<void>, everything: () => boolean,
): Promise<void> {
  const tried = new Set<string>();
  for (let round = 0; round < 4 && budget.sends > 0 && !everything(); round++) {
    const sources = [...new Set(all.filter((o) => !covered.has(o.key)).map((o) => o.source))]
      .filter((s) => reachedAt.has(s) && !tried.has(s))
      .sort((a, b) => reachedAt.get(a)!.inputs.length - reachedAt.get(b)!.inputs.length);
    if (sources.length === 0) break;
    for (const [i, source] of sources.entries()) {
      if (budget.sends <= 0) break;
      tried.add(source);
      const untaken = all.filter((o) => o.source === source && !covered.has(o.key));
      if (untaken.length === 0) continue;
      const { inputs, stubs } = reachedAt.get(source)!;
      const share = Math.max(40, Math.floor(budget.sends / (sources.length - i) / (4 - round)));
      await spend(share, stubs, () => untaken.every((o) => covered.has(o.key)) || everything(), [inputs]);
    }
  }
}

function unreachedReason(event: string, exhausted: boolean): string {
  const budget = exhausted ? ' (the search budget ran out first)' : '';
  if (event.startsWith('ANSWER.')) return `no input drawn from the vocabulary, with the example WMS answers, reached this answer${budget}`;
  if (event === 'always') return `no reached state made this branch's guard true with the example WMS answers and drawn inputs${budget}`;
  if (event.startsWith('REQUEST.')) return `the request was never made on a reached path${budget}`;
  return `not reached within the search bounds${budget}`;
}

export type { Found as GeneratedPath };

/**
 * Example WMS answers per request node from recorded scenarios: for each node the longest
 * sequence of 2xx answers any of them has (failures are what the search injects itself).
 */
export function exampleStubs(scenarios: { stubs?: WmsStubs }[]): WmsStubs {
  const out: WmsStubs = {};
  for (const s of scenarios) {
    for (const [node, answers] of Object.entries(s.stubs ?? {})) {
      const ok = answers.filter((a) => 'status' in a && a.status >= 200 && a.status < 300);
      if (ok.length > (out[node]?.length ?? 0)) out[node] = ok;
    }
  }
  return out;
}
