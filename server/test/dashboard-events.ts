/** A known set of dialog events for the dashboard and heatmap tests: four sessions whose figures are worked out by hand in dashboard.test.ts. */
import { randomUUID } from 'node:crypto';
import type { DialogEvent } from '@voiceman/runtime';

export const T0 = Date.parse('2026-11-02T08:00:00Z');
const S = 1000;
const MIN = 60 * S;

type Step = [at: number, type: DialogEvent['type'], state: string | null, data?: DialogEvent['data']];

function session(sessionId: string, processKey: string, steps: Step[]): DialogEvent[] {
  return steps.map(([at, type, state, data], seq) => ({
    id: randomUUID(), sessionId, seq, ts: T0 + at, terminalId: 't-dash', operatorId: 'op-1', processKey, versionHash: 'h1', type, state, data: data ?? {},
  }));
}
const heard = (matched: string | null) => ({ text: matched ?? 'blah', confidence: 0.9, matched });

/** Site dev-lab, process picking, 08:00–08:01: completed, with a no-match, a "repeat" and one WMS call. */
export const sessionA = session('dash-a', 'picking', [
  [0, 'session.start', null],
  [1 * S, 'prompt', 'loc', { reason: 'prompt' }],
  [3 * S, 'hypothesis', 'loc', heard('ready')],
  [3.5 * S, 'wms.request', 'loc'],
  [4 * S, 'wms.response', 'loc', { status: 200 }],
  [5 * S, 'prompt', 'qty', { reason: 'prompt' }],
  [9 * S, 'hypothesis', 'qty', heard(null)],
  [9 * S, 'nomatch', 'qty', { attempt: 1 }],
  [10 * S, 'prompt', 'qty', { reason: 'reprompt' }],
  [11 * S, 'hypothesis', 'qty', heard('repeat')],
  [11.5 * S, 'prompt', 'qty', { reason: 'repeat' }],
  [13 * S, 'hypothesis', 'qty', heard('five')],
  [20 * S, 'session.end', null, { status: 'done' }],
]);
/** dev-lab, picking, 08:30: two failed WMS attempts, ends in error. */
export const sessionB = session('dash-b', 'picking', [
  [30 * MIN, 'session.start', null],
  [30 * MIN + 1 * S, 'prompt', 'loc', { reason: 'prompt' }],
  [30 * MIN + 5 * S, 'hypothesis', 'loc', heard('ready')],
  [30 * MIN + 5 * S, 'wms.request', 'loc'],
  [30 * MIN + 6 * S, 'wms.error', 'loc', { message: 'HTTP 500', status: 500 }],
  [30 * MIN + 7 * S, 'wms.request', 'loc'],
  [30 * MIN + 8 * S, 'wms.error', 'loc', { message: 'HTTP 500', status: 500 }],
  [30 * MIN + 10 * S, 'session.end', null, { status: 'error' }],
]);
/** dev-lab, picking, 09:10: paused at loc for half an hour, resumed, completed. */
export const sessionC = session('dash-c', 'picking', [
  [70 * MIN, 'session.start', null],
  [70 * MIN + 1 * S, 'prompt', 'loc', { reason: 'prompt' }],
  [70 * MIN + 2 * S, 'session.end', 'loc', { status: 'stopped' }],
  [100 * MIN, 'session.resume', 'loc'],
  [100 * MIN + 3 * S, 'hypothesis', 'loc', heard('ready')],
  [100 * MIN + 4 * S, 'prompt', 'qty', { reason: 'prompt' }],
  [100 * MIN + 6 * S, 'hypothesis', 'qty', heard('five')],
  [100 * MIN + 7 * S, 'session.end', null, { status: 'done' }],
]);
/** dev-lab, another process, 08:10: a no-match, never ended. */
export const sessionD = session('dash-d', 'other', [
  [10 * MIN, 'session.start', null],
  [10 * MIN + 1 * S, 'prompt', 'loc', { reason: 'prompt' }],
  [10 * MIN + 2 * S, 'hypothesis', 'loc', heard(null)],
  [10 * MIN + 2 * S, 'nomatch', 'loc', { attempt: 1 }],
]);
/** pilot-dc-1, picking, 08:20: a no-match at loc after 6 s. */
export const sessionE = session('dash-e', 'picking', [
  [20 * MIN, 'session.start', null],
  [20 * MIN + 1 * S, 'prompt', 'loc', { reason: 'prompt' }],
  [20 * MIN + 7 * S, 'hypothesis', 'loc', heard(null)],
  [20 * MIN + 7 * S, 'nomatch', 'loc', { attempt: 1 }],
]);
