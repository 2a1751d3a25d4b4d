/**
 * Fault injection: a scenario's inputs again, with one fault at one step — a confusable word of
 * the same ask, the same words at low confidence, silence — or one WMS call of a request node
 * failing (timeout, 503, network error). After the script the operator is silent (up to a step
 * budget): a dialog that does not end then is stuck; one that waits again and again in the same
 * state with the same variables and prompt loops without progress; one that ends elsewhere than
 * the unfaulted run ends differently.
 */
import type { LoadedMachine } from '@voiceman/runtime';
import { createSimulation } from '../session.js';
import type { SimInput, SimView, StubAnswer, WmsStubs } from '../types.js';
import { candidateInputs } from './candidates.js';
import { inputOf, type Scenario } from './format.js';
import { vertexKey } from './vertex.js';

export type FaultKind = 'confusable' | 'low-confidence' | 'silence' | 'wms-timeout' | 'wms-5xx' | 'wms-network';
export const FAULT_KINDS: FaultKind[] = ['confusable', 'low-confidence', 'silence', 'wms-timeout', 'wms-5xx', 'wms-network'];
export type FaultVerdict = 'same-end' | 'different-end' | 'stuck' | 'loop';

export interface FaultCase {
  scenario: string;
  fault: FaultKind;
  /** Input faults: the step the fault comes before (1-based); WMS faults: the request node. */
  at: string;
  verdict: FaultVerdict;
  /** How the run ended (or where it stood). */
  end: string;
}

export interface FaultOptions {
  machine: LoadedMachine;
  /** Silent steps after the script before the dialog counts as stuck (default 12). */
  stepBudget?: number;
  /** Waits in one vertex that count as a loop (default 3). */
  loopAfter?: number;
  kinds?: FaultKind[];
}

const LOW_CONFIDENCE = 0.2;
const WMS_FAULT: Record<'wms-timeout' | 'wms-5xx' | 'wms-network', StubAnswer> = {
  'wms-timeout': { timeout: true }, 'wms-5xx': { status: 503, body: { error: 'unavailable' } }, 'wms-network': { networkError: 'ECONNRESET' },
};


const endOf = (view: SimView): string => (view.result ? `${view.result.status} in ${view.result.stateId}` : `waiting in ${view.stateId}`);

/** Runs inputs (a fault may replace one with several), then silence up to the budget. */
async function drive(scenario: Scenario, options: FaultOptions, stubs: WmsStubs | undefined, inputs: (view: SimView, i: number) => SimInput[] | null, faultAt = 0): Promise<{ verdict: Exclude<FaultVerdict, 'same-end' | 'different-end'> | null; view: SimView }> {
  const sim = createSimulation({
    machine: options.machine, processKey: scenario.process, versionHash: 'faults',
    ...(scenario.language ? { language: scenario.language as never } : {}), ...(scenario.input ? { input: scenario.input } : {}), ...(stubs ? { stubs } : {}),
  });
  const seen = new Map<string, number>();
  const loopAfter = options.loopAfter ?? 3;
  try {
    let view = await sim.start();
    // Only waits after the fault count: coming back to a place the script itself revisits is no loop.
    let counting = faultAt === 0;
    const send = async (input: SimInput) => {
      view = await sim.send(input);
      if (!counting) return false;
      const v = vertexKey(view).full;
      seen.set(v, (seen.get(v) ?? 0) + 1);
      return (seen.get(v) ?? 0) >= loopAfter && view.status === 'waiting';
    };
    for (let i = 0; i < scenario.steps.length && view.status === 'waiting'; i++) {
      counting ||= i >= faultAt;
      for (const input of inputs(view, i) ?? [inputOf(scenario.steps[i]!)]) {
        if (view.status !== 'waiting') break;
        if (await send(input)) return { verdict: 'loop', view };
      }
    }
    counting = true;
    for (let n = 0; n < (options.stepBudget ?? 12) && view.status === 'waiting'; n++) if (await send({ kind: 'silence' })) return { verdict: 'loop', view };
    return { verdict: view.status === 'waiting' ? 'stuck' : null, view };
  } finally {
    sim.dispose();
  }
}

/** Every fault at every step of one scenario. */
export async function injectFaults(scenario: Scenario, options: FaultOptions): Promise<FaultCase[]> {
  const kinds = new Set(options.kinds ?? FAULT_KINDS);
  const baseline = await drive(scenario, options, scenario.stubs, () => null);
  const expected = endOf(baseline.view);
  const cases: FaultCase[] = [];
  const judge = (fault: FaultKind, at: string, r: { verdict: FaultVerdict | null; view: SimView }) => {
    const end = endOf(r.view);
    cases.push({ scenario: scenario.name, fault, at, verdict: r.verdict ?? (end === expected ? 'same-end' : 'different-end'), end });
  };
  for (let i = 0; i < scenario.steps.length; i++) {
    const original = inputOf(scenario.steps[i]!);
    for (const fault of ['confusable', 'low-confidence', 'silence'] as const) {
      if (!kinds.has(fault)) continue;
      let injected: SimInput | null = null;
      const r = await drive(scenario, options, scenario.stubs, (view, j) => {
        if (j !== i) return null;
        if (fault === 'silence') injected = { kind: 'silence' };
        else if (fault === 'low-confidence') injected = original.kind === 'speech' ? { ...original, confidence: LOW_CONFIDENCE } : { kind: 'unclear' };
        else {
          const other = candidateInputs(options.machine, view).find((c) => c.kind === 'speech' && (original.kind !== 'speech' || c.text !== original.text));
          injected = other ?? { kind: 'unclear' };
        }
        return [injected, original];
      }, i);
      judge(fault, `step ${i + 1}`, r);
    }
  }
  for (const node of Object.keys(scenario.stubs ?? {})) {
    for (const fault of ['wms-timeout', 'wms-5xx', 'wms-network'] as const) {
      if (!kinds.has(fault)) continue;
      const stubs = { ...scenario.stubs, [node]: [WMS_FAULT[fault], ...scenario.stubs![node]!] };
      judge(fault, node, await drive(scenario, options, stubs, () => null));
    }
  }
  return cases;
}

export interface FaultSummaryRow {
  process: string;
  fault: FaultKind;
  runs: number;
  sameEnd: number;
  differentEnd: number;
  stuck: number;
  loop: number;
}

export function summarizeFaults(process: string, cases: FaultCase[]): FaultSummaryRow[] {
  return FAULT_KINDS.map((fault) => {
    const of = cases.filter((c) => c.fault === fault);
    const count = (v: FaultVerdict) => of.filter((c) => c.verdict === v).length;
    return { process, fault, runs: of.length, sameEnd: count('same-end'), differentEnd: count('different-end'), stuck: count('stuck'), loop: count('loop') };
  }).filter((r) => r.runs > 0);
}
