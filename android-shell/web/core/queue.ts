/**
 * The runtime's `host.emit` is synchronous and `host.storage.save` asynchronous. `push` takes an
 * event synchronously, in emission order; events pushed in the same tick go to the store in one
 * append. `flushed()` resolves once every event pushed so far is durable: the host's snapshot
 * save awaits it, so a snapshot never lands before the events that led to it.
 *
 * The append starts in the next task, not in a microtask: a dialog step runs from the operator's
 * word to the next prompt in one task, and an IndexedDB transaction (with the structured clone of
 * every event) begun inside it would sit between the word and the reply.
 */
import type { DialogEvent } from '@voiceman/runtime';
import type { QueueStore } from './storage.js';

export class EventQueue {
  private buffer: DialogEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private failure: Error | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly store: QueueStore,
    private readonly nextTask: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  ) {}

  push(event: DialogEvent): void {
    this.buffer.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    // Chained after the previous write: appends reach the store in emission order.
    this.writing = this.writing.then(this.nextTask).then(() => this.write());
  }

  private async write(): Promise<void> {
    this.scheduled = false;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return;
    try {
      await this.store.append(batch);
    } catch (error) {
      // One retry (a transient quota or a blocked transaction); then the host's save fails
      // and the runtime ends the dialog with an error rather than run past unqueued events.
      try {
        await this.store.append(batch);
      } catch {
        this.failure = error as Error;
        throw error;
      }
    }
    for (const l of this.listeners) l();
  }

  /** Resolves when every event pushed before this call is in the store; rejects if one could not be. */
  async flushed(): Promise<void> {
    if (this.buffer.length > 0 && !this.scheduled) this.writing = this.writing.then(() => this.write());
    await this.writing.catch(() => undefined);
    if (this.failure) throw new Error(`dialog events could not be queued: ${this.failure.message}`);
  }

  /** Called after each append reached the store (the sender starts a round). */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
