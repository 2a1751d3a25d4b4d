/** Numbers and stamps dialog events; `seq` continues across resume (it is persisted). */
import type { DialogEvent, DialogEventType } from './dialog-event.js';
import type { JsonValue } from './format.js';
import type { Host } from './host.js';

export interface EmitterIdentity {
  sessionId: string;
  terminalId: string;
  operatorId: string | null;
  processKey: string;
  versionHash: string;
}

export class EventEmitter {
  seq = 0;
  private listeners = new Set<(event: DialogEvent) => void>();

  constructor(
    private readonly host: Host,
    private readonly identity: EmitterIdentity,
  ) {}

  emit(type: DialogEventType, state: string | null, data: { [key: string]: JsonValue }): DialogEvent {
    this.seq += 1;
    const event: DialogEvent = {
      id: this.host.randomUUID(),
      ...this.identity,
      seq: this.seq,
      ts: this.host.clock.now(),
      type,
      state,
      data,
    };
    this.host.emit(event);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: (event: DialogEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
