/**
 * What a logged session gives a replay: the operator's inputs in order, and the WMS answers it
 * received as stubs per request node, in order. Answers the log cannot give back whole (a
 * truncated body) and calls beyond the logged ones become marked network errors, so the
 * replayed dialog stops being comparable exactly where it would need them.
 */
import type { WmsStubs, StubAnswer } from '../types.js';
import type { JsonValue } from '@voiceman/runtime';
import { bySeq, inputOf } from './steps.js';
import type { LoggedEvent, ReplayInput } from './types.js';

/** Marks the replay's own network errors in the replayed events (see `replayMark`). */
export const REPLAY_MARK = '[replay] ';

export const markTruncated = (node: string, bytes: unknown) =>
  `${REPLAY_MARK}the WMS answer of "${node}" was truncated in the log (${typeof bytes === 'number' ? `${bytes} bytes` : 'too large'}): the replay cannot give it back`;
export const markExhausted = (node: string, n: number) =>
  `${REPLAY_MARK}"${node}" is called more often than in the original session (${n} logged answer${n === 1 ? '' : 's'})`;
export const MARK_NEVER = `${REPLAY_MARK}the original session never made this request`;
export const markUnlogged = (node: string, why: string) => `${REPLAY_MARK}the WMS answer of "${node}" is not in the log (${why})`;

/** The replay's reason in a replayed `wms.error` message, or null for a real error. */
export function replayMark(message: unknown): string | null {
  if (typeof message !== 'string') return null;
  const at = message.indexOf(REPLAY_MARK);
  return at < 0 ? null : message.slice(at + REPLAY_MARK.length);
}

export type Extracted =
  | {
      ok: true;
      processKey: string;
      language: string | undefined;
      inputs: ReplayInput[];
      stubs: WmsStubs;
      /** A terminal fault the replay cannot reproduce: steps from `step` on are not comparable. */
      fault?: { step: number; reason: string };
    }
  | { ok: false; reason: string };

/** Error codes of the terminal, not of the dialog: a host call that failed, storage, a lost snapshot. */
const TERMINAL_FAULT = /^(host\.|storage$|snapshot\.)/;

function answerOf(node: string, e: LoggedEvent): StubAnswer {
  const d = e.data;
  if (e.type === 'wms.response') {
    if (d.truncated) return { networkError: markTruncated(node, d.bodyBytes) };
    return { status: typeof d.status === 'number' ? d.status : 200, body: (d.body ?? null) as JsonValue };
  }
  const message = typeof d.message === 'string' ? d.message : '';
  if (message.startsWith('timeout')) return { timeout: true };
  if (message.startsWith('network failure: ')) return { networkError: message.slice('network failure: '.length) };
  // An HTTP error: the log keeps its status, not its body (the flow gets `null` on replay).
  if (typeof d.status === 'number' && /^HTTP \d+$/.test(message)) return { status: d.status };
  return { networkError: markUnlogged(node, message || 'an unknown error') };
}

export function extractSession(events: readonly LoggedEvent[]): Extracted {
  const sorted = bySeq(events);
  const start = sorted.find((e) => e.type === 'session.start');
  if (!start) return { ok: false, reason: 'the session never started (no session.start in the log, or it is no longer kept)' };
  const from = start.data.switchedFrom as { versionHash?: string } | undefined;
  if (from) return { ok: false, reason: `the session continues one switched from version ${String(from.versionHash ?? '?').slice(0, 12)}: its start is in that session` };
  const inputs: ReplayInput[] = [];
  const stubs: WmsStubs = {};
  let fault: { step: number; reason: string } | undefined;
  /** The request node whose answer comes next. */
  let waiting: string | null = null;
  for (const e of sorted) {
    const input = inputOf(e);
    if (input) {
      inputs.push(input);
      continue;
    }
    if (e.type === 'wms.request') waiting = e.state ?? '';
    else if ((e.type === 'wms.response' || e.type === 'wms.error') && waiting !== null && e.state === waiting) {
      (stubs[waiting] ??= []).push(answerOf(waiting, e));
      waiting = null;
    } else if (e.type === 'session.resume') waiting = null;
    else if (e.type === 'error' && !fault && TERMINAL_FAULT.test(String(e.data.code ?? ''))) {
      fault = { step: inputs.length, reason: `the terminal failed (${String(e.data.code)}: ${String(e.data.message ?? '')}): a replay cannot reproduce that` };
    }
  }
  for (const [node, answers] of Object.entries(stubs)) answers.push({ networkError: markExhausted(node, answers.length) });
  const language = typeof start.data.language === 'string' ? start.data.language : undefined;
  const processKey = typeof start.data.processKey === 'string' ? start.data.processKey : '';
  return { ok: true, processKey, language, inputs, stubs, ...(fault ? { fault } : {}) };
}
