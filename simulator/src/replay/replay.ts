/**
 * Replays one logged session on another machine (a draft, another version): the operator's
 * recorded inputs and the WMS answers the session received, through the simulator's own
 * session object on a virtual clock; then both sides compared step by step.
 */
import type { JsonValue, Lang, LoadedMachine, SiteSettings } from '@voiceman/runtime';
import { createSimulation } from '../session.js';
import type { SimInput, SimulationSession, SimView, WmsStubs } from '../types.js';
import { breathe } from './breathe.js';
import { compareSteps } from './compare.js';
import { extractSession, MARK_NEVER, replayMark } from './extract.js';
import { bySeq, stepsOf } from './steps.js';
import type { LoggedEvent, SessionReplay } from './types.js';

export interface ReplayOptions {
  /** The machine to replay on, from `loadMachine(json)`. */
  machine: LoadedMachine;
  /** Shown in the replayed events (default `replay`). */
  versionHash?: string;
  /** Start values of the process's input variables (the session's site settings). */
  input?: Record<string, JsonValue>;
  settings?: SiteSettings;
  secrets?: string[];
  /**
   * Wall time one replayed step may take (default 5 s): a version that loops without ever
   * listening again would otherwise run on the virtual clock for ever.
   */
  stepBudgetMs?: number;
}

const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };

/** A request the original never made: it fails as a marked network error. */
const neverMade = () => Promise.reject(new Error(MARK_NEVER));

/** Only stubs for nodes that are request nodes of the target (a removed node is simply never called). */
function usableStubs(machine: LoadedMachine, stubs: WmsStubs): WmsStubs {
  const out: WmsStubs = {};
  for (const [node, answers] of Object.entries(stubs)) if (Object.hasOwn(machine.states, node) && machine.states[node]!.waitsOn === 'request') out[node] = answers;
  return out;
}

/** Runs `step`, disposing the session when it takes longer than `budgetMs` (the view is then as far as it got). */
async function within(sim: SimulationSession, budgetMs: number, step: () => Promise<SimView>): Promise<{ view: SimView; late: boolean }> {
  let late = false;
  const guard = timers.setTimeout(() => {
    late = true;
    sim.dispose();
  }, budgetMs);
  try {
    return { view: await step(), late };
  } finally {
    timers.clearTimeout(guard);
  }
}

/**
 * The replayed events cut before the first call the log cannot answer: what follows it is not
 * comparable. Returns the cut and why.
 */
function cutAtGap(events: LoggedEvent[]): { events: LoggedEvent[]; reason?: string } {
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const mark = e.type === 'wms.error' ? replayMark(e.data.message) : null;
    if (mark === null) continue;
    let at = i;
    while (at > 0 && !(events[at]!.type === 'wms.request' && events[at]!.state === e.state)) at--;
    // Entering the request node belongs to the call: a new node whose call the log lacks is a gap, not another path.
    while (at > 0 && events[at - 1]!.state === e.state && (events[at - 1]!.type === 'transition' || events[at - 1]!.type === 'variable')) at--;
    return { events: events.slice(0, at), reason: `${mark}${e.state ? ` (request node "${e.state}")` : ''}` };
  }
  return { events };
}

export async function replaySession(logged: readonly LoggedEvent[], options: ReplayOptions): Promise<SessionReplay> {
  const sorted = bySeq(logged);
  const original = stepsOf(sorted);
  const inconclusive = (reason: string, step = 0): SessionReplay => ({ verdict: 'inconclusive', step, reason, original, replayed: [], divergedAt: null });
  const x = extractSession(sorted);
  if (!x.ok) return inconclusive(x.reason);
  const { machine } = options;
  if (x.processKey && x.processKey !== machine.meta.processKey) return inconclusive(`the session ran process ${x.processKey}, not ${machine.meta.processKey}`);
  const language = x.language as Lang | undefined;
  if (language && !machine.meta.languages.includes(language)) return inconclusive(`the session spoke ${language}; this version speaks ${machine.meta.languages.join(', ')}`);
  const budget = options.stepBudgetMs ?? 5000;
  let sim: SimulationSession;
  try {
    sim = createSimulation({
      machine, processKey: machine.meta.processKey, versionHash: options.versionHash ?? 'replay',
      sessionId: 'replay', operatorId: null,
      ...(language ? { language } : {}),
      ...(options.input ? { input: options.input } : {}),
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.secrets ? { secrets: options.secrets } : {}),
      stubs: usableStubs(machine, x.stubs),
      fetcher: neverMade,
    });
  } catch (error) {
    return inconclusive(`the replay could not start: ${(error as Error).message}`);
  }
  let late = false;
  let view: SimView;
  try {
    ({ view, late } = await within(sim, budget, () => sim.start()));
    for (const input of x.inputs) {
      if (late || view.status !== 'waiting') break;
      await breathe();
      ({ view, late } = await within(sim, budget, () => sim.send(input as SimInput)));
    }
  } catch (error) {
    return inconclusive(`the replay could not start: ${(error as Error).message}`);
  } finally {
    sim.dispose();
  }
  const cut = cutAtGap(view.events as LoggedEvent[]);
  const replayed = stepsOf(cut.events);
  // Past a gap (or a step cut short by the budget) the last replayed step is partial.
  const gap = cut.reason ?? (late ? `the replayed dialog did not wait for an answer within ${budget} ms (a loop without a listen?)` : undefined);
  const outcome = compareSteps(original, replayed, {
    ...(x.fault ? { cutoff: x.fault } : {}),
    ...(gap !== undefined ? { replayGap: { step: replayed.length - 1, reason: gap } } : {}),
  });
  return { ...outcome, original, replayed };
}
