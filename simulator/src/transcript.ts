/**
 * The transcript is derived from dialog events only: the same code reads a live simulation
 * (incrementally, one event at a time), a stored session (replay) and a terminal's log.
 */
import type { DialogEvent, JsonValue } from '@voiceman/runtime';
import type { SimView, TranscriptEntry } from './types.js';

const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: JsonValue | undefined): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * Reads dialog events in order into transcript entries and the view's tallies. Entries are
 * never changed once handed out: a WMS answer or the end relabelling a say replaces the entry.
 */
export class TranscriptBuilder {
  readonly entries: TranscriptEntry[] = [];
  /** Operator inputs so far. */
  steps = 0;
  visited: Record<string, number> = {};
  edges: Record<string, number> = {};
  lastChanged: SimView['lastChanged'] = null;
  /** Index of the open WMS entry per state (request sent, answer not yet seen). */
  private readonly openWms = new Map<string, number>();
  /** Indexes of plain says in the current state: relabelled `end` when the dialog ends there. */
  private saysHere: number[] = [];

  private add(e: DialogEvent, kind: TranscriptEntry['kind'], extra: Partial<TranscriptEntry>): number {
    this.entries.push({ step: this.steps, seq: e.seq, ts: e.ts, state: e.state, kind, ...extra });
    return this.entries.length - 1;
  }

  push(e: DialogEvent): void {
    const d = e.data;
    switch (e.type) {
      case 'prompt': {
        const reason = str(d.reason) ?? 'prompt';
        const i = this.add(e, 'say', { reason, text: str(d.text) ?? '' });
        if (reason === 'say') this.saysHere.push(i);
        break;
      }
      case 'hypothesis':
        this.steps += 1;
        this.add(e, 'answer', { text: str(d.text) ?? '', confidence: num(d.confidence) ?? 0, matched: str(d.matched) ?? null });
        break;
      case 'silence':
        this.steps += 1;
        this.add(e, 'silence', { reason: 'no-input' });
        break;
      case 'nomatch': {
        const confidence = num(d.confidence);
        this.add(e, 'nomatch', { reason: str(d.reason) ?? 'out-of-vocabulary', text: str(d.text) ?? '', ...(confidence !== undefined ? { confidence } : {}) });
        break;
      }
      case 'wms.request': {
        const wms: NonNullable<TranscriptEntry['wms']> = { method: str(d.method) ?? '', url: str(d.url) ?? '' };
        if (d.body !== undefined) wms.requestBody = d.body;
        if (num(d.attempt) !== undefined) wms.attempt = num(d.attempt)!;
        this.openWms.set(e.state ?? '', this.add(e, 'wms', { wms }));
        break;
      }
      case 'wms.response':
      case 'wms.error': {
        const key = e.state ?? '';
        const i = this.openWms.get(key);
        this.openWms.delete(key);
        const open = i === undefined ? undefined : this.entries[i];
        const wms = { ...(open?.wms ?? { method: '', url: '' }) };
        if (num(d.status) !== undefined) wms.status = num(d.status)!;
        if (num(d.ms) !== undefined) wms.ms = num(d.ms)!;
        // A clipped body (see the runtime's event-body.ts) stays the text the event carries.
        if (e.type === 'wms.response') wms.responseBody = d.body ?? null;
        else wms.error = str(d.message) ?? 'error';
        if (open) this.entries[i!] = { ...open, wms };
        else this.add(e, 'wms', { wms });
        break;
      }
      case 'variable': {
        const scope = str(d.scope) ?? 'main';
        const name = str(d.name) ?? '';
        this.lastChanged = { scope, name };
        this.add(e, 'variable', { variable: { scope, name, value: d.value ?? null, previous: d.previous ?? null } });
        break;
      }
      case 'transition': {
        this.saysHere = [];
        const to = e.state ?? '';
        const from = str(d.from) ?? null;
        this.visited[to] = (this.visited[to] ?? 0) + 1;
        if (from !== null) this.edges[`${from}->${to}`] = (this.edges[`${from}->${to}`] ?? 0) + 1;
        this.add(e, 'transition', { reason: str(d.event) ?? '', from });
        break;
      }
      case 'error':
        this.add(e, 'error', { reason: str(d.code) ?? 'error', text: str(d.message) ?? '' });
        break;
      case 'session.end': {
        for (const i of this.saysHere) this.entries[i] = { ...this.entries[i]!, reason: 'end' };
        this.saysHere = [];
        const end: NonNullable<TranscriptEntry['end']> = { status: str(d.status) ?? 'done' };
        if (d.result !== undefined) end.result = d.result;
        if (str(d.outcome) !== undefined) end.outcome = str(d.outcome)!;
        const error = str(d.error);
        this.add(e, 'end', { end, ...(error !== undefined ? { text: error } : {}) });
        break;
      }
      // session.start / session.resume say nothing a tester reads.
    }
  }
}

export function toTranscript(events: readonly DialogEvent[]): TranscriptEntry[] {
  const builder = new TranscriptBuilder();
  for (const e of events) builder.push(e);
  return builder.entries;
}
