/**
 * The server's open simulations: one `SimulationSession` each, owned by the user who created
 * it, dropped after an idle time, limited per user. Memory only: a simulation is a tester's
 * scratch session, not a record (a server restart ends them, like a browser reload does).
 */
import { randomUUID } from 'node:crypto';
import { redactWith, secretPatterns, type JsonValue } from '@voiceman/runtime';
import { createSimulation, type SimulationOptions, type SimulationSession, type SimView } from '@voiceman/simulator';
import { HttpError, notFound } from '../errors.js';

export interface SimulationLimits {
  /** A simulation nobody touched for this long is closed. Default 30 minutes. */
  idleMs?: number;
  /** Open simulations per user; one more is refused with 429. Default 20. */
  perUser?: number;
  /**
   * A simulation untouched this long keeps only its storage record and transcript (about
   * 11 KiB instead of 20+; see the simulator's benchmark); the next call resumes it. Default 30 s.
   */
  suspendAfterMs?: number;
}

interface Entry {
  id: string;
  owner: number;
  session: SimulationSession;
  lastUsed: number;
  /** Serialises the calls on one session (a second `send` waits for the first). */
  queue: Promise<unknown>;
  /** Calls queued or running. */
  busy: number;
  /** The secret settings' values as they may appear (see the runtime's redact.ts): never in a view. */
  secretPatterns: string[];
}

export const DEFAULT_IDLE_MS = 30 * 60_000;
export const DEFAULT_PER_USER = 20;
export const DEFAULT_SUSPEND_AFTER_MS = 30_000;

export class SimulationManager {
  private readonly entries = new Map<string, Entry>();
  private readonly idleMs: number;
  private readonly perUser: number;
  private readonly suspendAfterMs: number;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(limits: SimulationLimits = {}, private readonly now: () => number = Date.now) {
    this.idleMs = limits.idleMs ?? DEFAULT_IDLE_MS;
    this.perUser = limits.perUser ?? DEFAULT_PER_USER;
    this.suspendAfterMs = limits.suspendAfterMs ?? DEFAULT_SUSPEND_AFTER_MS;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, Math.min(this.idleMs / 4, this.suspendAfterMs / 2, 60_000)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Opens and starts a simulation; the view once it waits for the first answer or ends. */
  /**
   * `secretValues`: the values of the secret settings the dialog got. The runtime already hides
   * them in its events; a view also shows variables, so every view is redacted on its way out.
   */
  async create(owner: number, options: SimulationOptions, secretValues: string[] = []): Promise<{ id: string; view: SimView }> {
    this.sweep();
    let mine = 0;
    for (const e of this.entries.values()) if (e.owner === owner) mine++;
    if (mine >= this.perUser) {
      throw new HttpError(429, 'too_many_simulations', `you have ${mine} open simulations, the limit is ${this.perUser}: close one (DELETE /api/simulations/:id) or wait until an idle one expires (${Math.round(this.idleMs / 60_000)} min)`);
    }
    const session = createSimulation(options);
    const id = randomUUID();
    const entry: Entry = { id, owner, session, lastUsed: this.now(), queue: Promise.resolve(), busy: 0, secretPatterns: secretPatterns(secretValues) };
    this.entries.set(id, entry);
    try {
      return { id, view: await this.run(entry, () => session.start()) };
    } catch (error) {
      this.close(id);
      throw error;
    }
  }

  /** Runs `fn` on the owner's session `id`, after any call still running on it. */
  use(owner: number, id: string, fn: (session: SimulationSession) => Promise<SimView> | SimView): Promise<SimView> {
    this.sweep();
    const entry = this.entries.get(id);
    // Someone else's simulation is as absent as an expired one.
    if (!entry || entry.owner !== owner) throw notFound(`simulation ${id}`);
    return this.run(entry, () => fn(entry.session));
  }

  remove(owner: number, id: string): void {
    const entry = this.entries.get(id);
    if (!entry || entry.owner !== owner) throw notFound(`simulation ${id}`);
    this.close(id);
  }

  closeAll(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.entries.keys()]) this.close(id);
  }

  private run(entry: Entry, fn: () => Promise<SimView> | SimView): Promise<SimView> {
    entry.lastUsed = this.now();
    entry.busy += 1;
    const result = entry.queue.then(fn, fn);
    entry.queue = result.catch(() => {});
    return result
      .then((view) => (entry.secretPatterns.length ? (redactWith(view as unknown as JsonValue, entry.secretPatterns) as unknown as SimView) : view))
      .finally(() => {
        entry.busy -= 1;
        entry.lastUsed = this.now();
      });
  }

  private close(id: string): void {
    this.entries.get(id)?.session.dispose();
    this.entries.delete(id);
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, e] of this.entries) {
      if (e.lastUsed < now - this.idleMs) this.close(id);
      else if (e.lastUsed < now - this.suspendAfterMs && !e.busy) e.session.suspend();
    }
  }
}
