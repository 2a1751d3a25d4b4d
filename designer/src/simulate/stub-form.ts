/**
 * WMS stub answers as the panel edits them: per request state a sequence of answers (the last
 * one repeats), each a response (status, JSON body, delay), a timeout or a network error. The
 * body is kept as text while it does not parse, so typing loses nothing; `toStubs` turns the
 * form into the simulator's `WmsStubs` or says which field is wrong.
 */
import type { JsonValue } from '@voiceman/runtime';
import type { StubAnswer, WmsStubs } from '@voiceman/simulator';

export type StubDraft =
  | { type: 'response'; status: number; body: string; delayMs: number }
  | { type: 'timeout' }
  | { type: 'networkError'; message: string };

export type StubForm = Record<string, StubDraft[]>;

export const newResponse = (status = 200): StubDraft => ({ type: 'response', status, body: '{}', delayMs: 0 });

export function draftOf(type: StubDraft['type'], previous?: StubDraft): StubDraft {
  if (type === 'response') return previous?.type === 'response' ? previous : newResponse();
  if (type === 'timeout') return { type: 'timeout' };
  return { type: 'networkError', message: previous?.type === 'networkError' ? previous.message : 'connection refused' };
}

export type StubProblem = { stateId: string; index: number; problem: 'status' | 'body' | 'delay' };

export function toStubs(form: StubForm): { ok: true; stubs: WmsStubs } | { ok: false; problems: StubProblem[] } {
  const stubs: WmsStubs = {};
  const problems: StubProblem[] = [];
  for (const [stateId, drafts] of Object.entries(form)) {
    if (drafts.length === 0) continue;
    stubs[stateId] = drafts.map((d, index): StubAnswer => {
      if (d.type === 'timeout') return { timeout: true };
      if (d.type === 'networkError') return { networkError: d.message || 'network error' };
      if (!Number.isInteger(d.status) || d.status < 100 || d.status > 599) problems.push({ stateId, index, problem: 'status' });
      if (!Number.isFinite(d.delayMs) || d.delayMs < 0) problems.push({ stateId, index, problem: 'delay' });
      let body: JsonValue | undefined;
      if (d.body.trim() !== '') {
        try {
          body = JSON.parse(d.body) as JsonValue;
        } catch {
          problems.push({ stateId, index, problem: 'body' });
        }
      }
      return { status: d.status, ...(body !== undefined ? { body } : {}), ...(d.delayMs > 0 ? { delayMs: d.delayMs } : {}) };
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, stubs };
}
