/**
 * Original and replayed steps side by side: the first step where the replayed dialog says
 * something else, enters other states, calls the WMS differently or ends differently.
 */
import { canonicalJson } from './canonical.js';
import type { ReplayOutcome, ReplayStep, StepRequest } from './types.js';

export interface CompareOptions {
  /** Steps from `step` on cannot be compared (a terminal fault in the original). */
  cutoff?: { step: number; reason: string };
  /** The replay needed what the log does not hold (a truncated answer, an unlogged call) at `step`. */
  replayGap?: { step: number; reason: string };
}

interface Difference {
  reason: string;
  expected: string;
  actual: string;
}

const quote = (s: string | undefined) => (s === undefined ? '(nothing more)' : JSON.stringify(s));
const describeRequest = (r: StepRequest | undefined) => (r === undefined ? '(no call)' : `${r.method} ${r.path} at ${r.node ?? '?'}${r.body !== undefined ? ` ${canonicalJson(r.body)}` : ''}`);
const sameRequest = (a: StepRequest, b: StepRequest) => a.node === b.node && a.method === b.method && a.path === b.path && canonicalJson(a.body) === canonicalJson(b.body);
const describeEnd = (s: ReplayStep) => (s.end ? `ends ${s.end.status}${s.end.result !== undefined ? ` with ${canonicalJson(s.end.result)}` : ''} in ${s.state}` : `waits in ${s.state}`);

/**
 * The first difference of step `r` from step `o`. `open`: that side stops inside this step (the
 * original never ended or a new version took over; the replay needed an answer the log lacks),
 * so only what it did so far must match.
 */
export function stepDifference(o: ReplayStep, r: ReplayStep, open?: 'original' | 'replayed'): Difference | null {
  const prefix = <T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): number => {
    const n = open === 'original' ? a.length : open === 'replayed' ? b.length : Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) if (a[i] === undefined || b[i] === undefined || !eq(a[i]!, b[i]!)) return i;
    return -1;
  };
  const p = prefix(o.prompts, r.prompts, (x, y) => x === y);
  if (p >= 0) return { reason: `prompt ${p + 1} differs`, expected: `says ${quote(o.prompts[p])}`, actual: `says ${quote(r.prompts[p])}` };
  const s = prefix(o.path, r.path, (x, y) => x === y);
  if (s >= 0) return { reason: 'takes another path', expected: `enters ${o.path[s] ?? '(no further state)'}`, actual: `enters ${r.path[s] ?? '(no further state)'}` };
  const q = prefix(o.requests ?? [], r.requests ?? [], sameRequest);
  if (q >= 0) return { reason: `WMS call ${q + 1} differs`, expected: describeRequest(o.requests?.[q]), actual: describeRequest(r.requests?.[q]) };
  if (open) return null;
  const endOf = (x: ReplayStep) => (x.end ? `${x.end.status}|${canonicalJson(x.end.result)}` : '') + `|${x.state}`;
  if (endOf(o) !== endOf(r)) return { reason: o.end || r.end ? 'ends differently' : 'waits in another state', expected: describeEnd(o), actual: describeEnd(r) };
  return null;
}

/** The verdict over all steps, and where the two sides part. */
export function compareSteps(original: readonly ReplayStep[], replayed: readonly ReplayStep[], options: CompareOptions = {}): ReplayOutcome & { divergedAt: number | null } {
  const last = original.length - 1;
  const lastEnd = original[last]?.end;
  // The original stops inside its last step unless it ended there (a switch hands over mid-dialog).
  const openEnd = !lastEnd || lastEnd.status === 'switched';
  for (let i = 0; i <= last; i++) {
    if (options.cutoff && i >= options.cutoff.step) return { verdict: 'inconclusive', step: i, reason: options.cutoff.reason, divergedAt: null };
    const o = original[i]!;
    const r = replayed[i];
    if (!r) {
      return { verdict: 'diverged', step: i, reason: 'the replayed dialog did not take this input', expected: `hears ${o.input?.kind === 'speech' ? quote(o.input.text) : 'silence'}`, actual: describeEnd(replayed[replayed.length - 1] ?? o), divergedAt: i };
    }
    const gap = options.replayGap && options.replayGap.step === i ? options.replayGap : undefined;
    const d = stepDifference(o, r, gap ? 'replayed' : i === last && openEnd ? 'original' : undefined);
    if (d) return { verdict: 'diverged', step: i, ...d, divergedAt: i };
    if (gap) return { verdict: 'inconclusive', step: i, reason: gap.reason, divergedAt: null };
  }
  return { verdict: 'same', divergedAt: null };
}
