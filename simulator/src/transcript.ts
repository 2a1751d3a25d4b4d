/**
 * The transcript is derived from dialog events only: the same function reads a live
 * simulation, a stored session (replay) and a terminal's log.
 */
import type { DialogEvent, JsonValue } from '@voiceman/runtime';
import type { TranscriptEntry } from './types.js';

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: JsonValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/** A WMS body as the event carries it: clipped bodies (see the runtime's event-body.ts) stay text. */
const body = (data: DialogEvent['data']): JsonValue | undefined => data.body;

export function toTranscript(events: readonly DialogEvent[]): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  let step = 0;
  /** The open WMS entry per state (its request is sent, its answer not yet seen). */
  const openWms = new Map<string, TranscriptEntry>();
  /** Says in the current state since it was entered: relabelled `end` when the dialog ends there. */
  let saysHere: TranscriptEntry[] = [];
  const entry = (e: DialogEvent, kind: TranscriptEntry['kind'], extra: Partial<TranscriptEntry> = {}): TranscriptEntry => {
    const t: TranscriptEntry = { step, seq: e.seq, ts: e.ts, state: e.state, kind, ...extra };
    out.push(t);
    return t;
  };
  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'prompt': {
        const say = entry(e, 'say', { reason: str(d.reason) ?? 'prompt', text: str(d.text) ?? '' });
        if (say.reason === 'say') saysHere.push(say);
        break;
      }
      case 'hypothesis':
        step += 1;
        entry(e, 'answer', { text: str(d.text) ?? '', confidence: num(d.confidence) ?? 0, matched: str(d.matched) ?? null });
        break;
      case 'silence':
        step += 1;
        entry(e, 'silence', { reason: 'no-input' });
        break;
      case 'nomatch':
        entry(e, 'nomatch', { reason: str(d.reason) ?? 'out-of-vocabulary', text: str(d.text) ?? '', ...(num(d.confidence) !== undefined ? { confidence: num(d.confidence)! } : {}) });
        break;
      case 'wms.request': {
        const wms: NonNullable<TranscriptEntry['wms']> = { method: str(d.method) ?? '', url: str(d.url) ?? '' };
        if (d.body !== undefined) wms.requestBody = body(d)!;
        if (num(d.attempt) !== undefined) wms.attempt = num(d.attempt)!;
        openWms.set(e.state ?? '', entry(e, 'wms', { wms }));
        break;
      }
      case 'wms.response':
      case 'wms.error': {
        const open = openWms.get(e.state ?? '');
        openWms.delete(e.state ?? '');
        const wms = open?.wms ?? { method: '', url: '' };
        if (num(d.status) !== undefined) wms.status = num(d.status)!;
        if (num(d.ms) !== undefined) wms.ms = num(d.ms)!;
        if (e.type === 'wms.response') wms.responseBody = body(d) ?? null;
        else wms.error = str(d.message) ?? 'error';
        if (!open) entry(e, 'wms', { wms });
        break;
      }
      case 'variable':
        entry(e, 'variable', { variable: { scope: str(d.scope) ?? 'main', name: str(d.name) ?? '', value: d.value ?? null, previous: d.previous ?? null } });
        break;
      case 'transition':
        saysHere = [];
        entry(e, 'transition', { reason: str(d.event) ?? '', from: str(d.from) ?? null });
        break;
      case 'error':
        entry(e, 'error', { reason: str(d.code) ?? 'error', text: str(d.message) ?? '' });
        break;
      case 'session.end': {
        for (const say of saysHere) say.reason = 'end';
        const end: NonNullable<TranscriptEntry['end']> = { status: str(d.status) ?? 'done' };
        if (d.result !== undefined) end.result = d.result;
        if (str(d.outcome) !== undefined) end.outcome = str(d.outcome)!;
        entry(e, 'end', { end, ...(str(d.error) !== undefined ? { text: str(d.error)! } : {}) });
        break;
      }
      // session.start / session.resume say nothing a tester reads.
    }
  }
  return out;
}
