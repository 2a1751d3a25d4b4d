/**
 * A dialog's events cut into steps at each operator input. The same function reads the logged
 * session and the replayed one, so both sides are described alike.
 */
import type { JsonValue } from '@voiceman/runtime';
import type { LoggedEvent, ReplayInput, ReplayStep, StepRequest } from './types.js';

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/** `https://wms.example/api/x?y=1` → `/api/x?y=1`; anything unparsable stays as it is. */
export function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/i.exec(url);
  return m ? m[1] || '/' : url;
}

/** The operator input an event records, or null when it records none. */
export function inputOf(e: LoggedEvent): ReplayInput | null {
  if (e.type === 'silence') return { kind: 'silence' };
  if (e.type !== 'hypothesis') return null;
  const d = e.data;
  const input: ReplayInput = { kind: 'speech', text: str(d.text), confidence: typeof d.confidence === 'number' ? d.confidence : 0 };
  if (Array.isArray(d.alternatives) && d.alternatives.length) {
    input.alternatives = d.alternatives
      .filter((a): a is { text: string; confidence: number } => !!a && typeof a === 'object' && typeof (a as { text?: unknown }).text === 'string')
      .map((a) => ({ text: a.text, confidence: typeof a.confidence === 'number' ? a.confidence : 0 }));
  }
  return input;
}

/** Events in log order (the server returns them so; a terminal may have sent them in any order). */
export function bySeq<T extends LoggedEvent>(events: readonly T[]): T[] {
  for (let i = 1; i < events.length; i++) if (events[i]!.seq < events[i - 1]!.seq) return [...events].sort((a, b) => a.seq - b.seq);
  return events as T[];
}

export function stepsOf(events: readonly LoggedEvent[]): ReplayStep[] {
  let cur: ReplayStep = { step: 0, prompts: [], path: [], state: null };
  const steps = [cur];
  /** Right after a resume the runtime says the waiting prompt again: not news (until the dialog moves on). */
  let resumed = false;
  const unanswered = (s: ReplayStep) => s.requests?.filter((r) => r.answer === undefined) ?? [];
  for (const e of bySeq(events)) {
    const d = e.data;
    const input = inputOf(e);
    if (input) {
      cur = { step: steps.length, input, prompts: [], path: [], state: cur.state };
      steps.push(cur);
      resumed = false;
      continue;
    }
    switch (e.type) {
      case 'prompt':
        if (!resumed) cur.prompts.push(str(d.text));
        break;
      case 'transition':
        resumed = false;
        cur.path.push(str(d.to));
        cur.state = str(d.to);
        break;
      case 'wms.request': {
        resumed = false;
        const r: StepRequest = { node: e.state, method: str(d.method), path: urlPath(str(d.url)) };
        if (d.body !== undefined) r.body = (d.truncated ? { truncated: d.body } : d.body) as JsonValue;
        (cur.requests ??= []).push(r);
        break;
      }
      case 'wms.response':
      case 'wms.error': {
        const r = unanswered(cur).find((x) => x.node === e.state);
        if (r) r.answer = e.type === 'wms.response' ? String(d.status) : str(d.message);
        break;
      }
      case 'session.resume':
        resumed = true;
        // A call on its way when the terminal stopped was never answered: the resumed dialog makes it again.
        if (cur.requests) cur.requests = cur.requests.filter((r) => r.answer !== undefined);
        if (cur.requests?.length === 0) delete cur.requests;
        break;
      case 'session.end': {
        if (d.status === 'stopped') break;
        cur.end = { status: str(d.status), ...(d.result !== undefined ? { result: d.result as JsonValue } : {}) };
        if (e.state !== null) cur.state = e.state;
        break;
      }
    }
  }
  return steps;
}
