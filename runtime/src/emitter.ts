/**
 * Numbers and stamps dialog events. `seq` continues across resume: the driver persists a
 * reserved ceiling (see `SEQ_BLOCK` in dialog.ts) and a resumed session numbers from it, so
 * events emitted after the last save (then a crash) are never numbered again.
 */
import type { DialogEvent, DialogEventType } from './dialog-event.js';
import type { JsonValue } from './format.js';
import type { Host } from './host.js';
import { redactWith } from './redact.js';

export interface EmitterIdentity {
  sessionId: string;
  terminalId: string;
  operatorId: string | null;
  processKey: string;
  versionHash: string;
}

export class EventEmitter {
  seq = 0;
  /** Called (synchronously, from `emit`) when `seq` reaches `lowWater`; the driver reserves more. */
  lowWater = Infinity;
  onLowWater: (() => void) | null = null;
  /** Secret values to replace in every event's data (see redact.ts); empty: nothing is copied. */
  secretPatterns: readonly string[] = [];
  private listeners = new Set<(event: DialogEvent) => void>();

  constructor(
    private readonly host: Host,
    private readonly identity: EmitterIdentity,
  ) {}

  emit(type: DialogEventType, state: string | null, data: { [key: string]: JsonValue }): DialogEvent {
    this.seq += 1;
    if (this.seq >= this.lowWater) this.onLowWater?.();
    const who = this.identity;
    // A literal, not a spread of `identity`: one of these per prompt, hypothesis, variable, transition.
    const event: DialogEvent = {
      id: this.host.randomUUID(),
      sessionId: who.sessionId,
      terminalId: who.terminalId,
      operatorId: who.operatorId,
      processKey: who.processKey,
      versionHash: who.versionHash,
      seq: this.seq,
      ts: this.host.clock.now(),
      type,
      state,
      data: this.secretPatterns.length ? redactWith(data, this.secretPatterns) : data,
    };
    this.host.emit(event);
    if (this.listeners.size) for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: (event: DialogEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
