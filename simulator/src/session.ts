/**
 * One simulated dialog: the runtime's own driver on a simulator host. Step back resumes a
 * fresh dialog from the storage record the runtime saved at that step (the same resume a
 * terminal does after a crash), so nothing here re-implements the runtime's behaviour.
 */
import { createDialog, MemoryStorage, storageKey, type Dialog, type DialogEvent, type DialogResult, type ListenResult } from '@voiceman/runtime';
import { createSimClock, type SimClock } from './clock.js';
import { createSimHost, type PendingListen, type SimHost } from './sim-host.js';
import { checkStubs, StubMatcher } from './stubs.js';
import { buildView } from './view.js';
import { TranscriptBuilder } from './transcript.js';
import type { SimInput, SimulationOptions, SimulationSession, SimView } from './types.js';

/** The host's macrotask timer, typed without DOM or Node types (both provide it). */
const timers = globalThis as unknown as { setTimeout(fn: () => void, ms: number): unknown };

/** Default confidence of a typed answer: well above any sensible threshold. */
export const TYPED_CONFIDENCE = 0.95;
/** Virtual time an answer takes to arrive (so transcript times move like a real dialog's). */
const ANSWER_MS = 1000;

/** What is kept per operator input, to step back to the moment before it. */
interface Boundary {
  record: string | null;
  eventCount: number;
  stubCounters: Record<string, number>;
  clockNow: number;
}

let sessionCounter = 0;

/** A call the simulation cannot take in its current state (an answer while nothing listens, a closed session). */
export class SimulationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationStateError';
  }
}

export function createSimulation(options: SimulationOptions): SimulationSession {
  checkStubs(options.machine, options.stubs);
  return new Simulation(options);
}

class Simulation implements SimulationSession {
  private readonly sessionId: string;
  private readonly key: string;
  private readonly stubs: StubMatcher;
  private clock: SimClock;
  private gen = 0;
  private dialog: Dialog | null = null;
  private storage = new MemoryStorage();
  private events: DialogEvent[] = [];
  private transcript = new TranscriptBuilder();
  private boundaries: Boundary[] = [];
  private waiting: PendingListen | null = null;
  private result: DialogResult | undefined;
  private started = false;
  private disposed = false;
  /** Resolvers of `start`/`send`/… waiting for the dialog to wait or end. */
  private settleWaiters: (() => void)[] = [];
  private listeners = new Set<(view: SimView) => void>();
  /** Real clock: the armed silence timeout of the waiting listen. */
  private silenceTimer: unknown = null;
  /** After a step back: the resumed dialog repeats the waiting prompt, already in the transcript. */
  private resuming = false;
  private cached: { length: number; result: DialogResult | undefined; waiting: PendingListen | null; view: SimView } | null = null;
  /** Suspended: the storage record to resume from and the view as it was (no dialog, no actor). */
  private frozen: { record: string; view: SimView } | null = null;
  private host: SimHost | null = null;

  constructor(private readonly options: SimulationOptions) {
    sessionCounter += 1;
    this.sessionId = options.sessionId ?? `sim-${Date.now().toString(36)}-${sessionCounter}`;
    this.key = storageKey(this.sessionId);
    this.stubs = new StubMatcher(options.stubs);
    this.clock = createSimClock(options.clock ?? 'virtual');
  }

  start(): Promise<SimView> {
    if (this.started) return Promise.resolve(this.view());
    this.started = true;
    return this.launch(null);
  }

  async send(input: SimInput): Promise<SimView> {
    if (this.frozen) await this.thaw();
    const pending = this.waiting;
    if (!pending) throw new SimulationStateError(this.disposed ? 'the simulation was closed' : `the dialog is not waiting for an answer (it is ${this.view().status})`);
    const result = this.listenResult(input, pending);
    this.answer(pending, result);
    return this.settled();
  }

  async stepBack(toStep: number): Promise<SimView> {
    const steps = this.transcript.steps;
    this.frozen = null;
    if (!Number.isInteger(toStep) || toStep < 0 || toStep > steps) throw new RangeError(`step must be a whole number from 0 to ${steps}`);
    if (toStep === steps && this.result === undefined) return this.view();
    const b = this.boundaries[toStep];
    if (!b) throw new RangeError(`step ${toStep} cannot be returned to`);
    this.events.length = b.eventCount;
    this.transcript = new TranscriptBuilder();
    for (const e of this.events) this.transcript.push(e);
    this.boundaries.length = toStep;
    this.stubs.restore(b.stubCounters);
    this.clock = createSimClock(this.clock.virtual ? 'virtual' : 'real', b.clockNow);
    this.resuming = true;
    return this.launch(b.record);
  }

  restart(): Promise<SimView> {
    this.frozen = null;
    this.events = [];
    this.transcript = new TranscriptBuilder();
    this.boundaries = [];
    this.stubs.restore({});
    this.clock = createSimClock(this.clock.virtual ? 'virtual' : 'real');
    this.started = true;
    return this.launch(null);
  }

  view(): SimView {
    if (this.frozen) return this.frozen.view;
    const c = this.cached;
    if (c && c.length === this.events.length && c.result === this.result && c.waiting === this.waiting) return c.view;
    const view = buildView({
      machine: this.options.machine,
      events: this.events,
      transcript: this.transcript,
      dialog: this.dialog,
      waiting: this.waiting,
      result: this.result,
    });
    this.cached = { length: this.events.length, result: this.result, waiting: this.waiting, view };
    return view;
  }

  subscribe(listener: (view: SimView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Drops the dialog (its XState actor is most of an idle session's memory) while it waits
   * for an answer, keeping the runtime's storage record; the next call resumes from it, as a
   * terminal resumes after a restart. Does nothing unless the dialog is waiting.
   */
  suspend(): void {
    if (!this.waiting || this.frozen || this.disposed) return;
    const record = this.storage.data.get(this.key);
    if (record === undefined) return;
    const view = this.view();
    this.frozen = { record, view };
    // Not `stop()`: that would persist and end the session; unreferenced, it is collected.
    this.gen += 1;
    this.disarmSilence();
    this.waiting = null;
    this.dialog = null;
    this.storage = new MemoryStorage();
    this.cached = null;
  }

  get suspended(): boolean {
    return this.frozen !== null;
  }

  private async thaw(): Promise<void> {
    const frozen = this.frozen!;
    this.frozen = null;
    this.resuming = true;
    await this.launch(frozen.record);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.frozen = null;
    this.retire();
    this.listeners.clear();
  }

  /* ---------- internals ---------- */

  /** Ends the current dialog without a trace: its late events, listens and end are ignored. */
  private retire(): void {
    this.gen += 1;
    this.disarmSilence();
    this.waiting = null;
    const old = this.dialog;
    this.dialog = null;
    if (old) void old.stop();
    this.wake();
  }

  private async launch(record: string | null): Promise<SimView> {
    this.retire();
    if (this.disposed) throw new SimulationStateError('the simulation was closed');
    this.result = undefined;
    const gen = this.gen;
    this.storage = new MemoryStorage();
    if (record !== null) this.storage.data.set(this.key, record);
    const host = (this.host = createSimHost({
      clock: this.clock,
      stubs: this.stubs,
      fetcher: this.options.fetcher,
      storage: this.storage,
      event: (event) => {
        if (gen !== this.gen) return;
        // The resumed dialog announces itself and says the waiting prompt again: not news.
        if (this.resuming && (event.type === 'session.resume' || event.type === 'prompt')) return;
        this.events.push(event);
        this.transcript.push(event);
      },
      listen: (pending) => {
        if (gen !== this.gen) return;
        this.resuming = false;
        this.waiting = pending;
        this.armSilence(pending);
        this.wake();
      },
    }));
    const dialog = createDialog(this.options.machine, host, {
      sessionId: this.sessionId,
      terminalId: 'simulator',
      operatorId: this.options.operatorId ?? null,
      versionHash: this.options.versionHash,
      ...(this.options.language ? { language: this.options.language } : {}),
      ...(this.options.input ? { input: this.options.input } : {}),
      ...(this.options.inspect ? { inspect: this.options.inspect } : {}),
      ...(this.options.settings ? { settings: this.options.settings } : {}),
      ...(this.options.secrets ? { secrets: this.options.secrets } : {}),
    });
    this.dialog = dialog;
    void dialog.done.then((result) => {
      if (gen !== this.gen) return;
      this.result = result;
      this.waiting = null;
      this.disarmSilence();
      this.wake();
    });
    await dialog.start();
    return this.settled();
  }

  private listenResult(input: SimInput, pending: PendingListen): ListenResult {
    switch (input.kind) {
      case 'silence':
        return { kind: 'silence' };
      case 'unclear':
        // Below any threshold above zero; and no text means nothing, so a no-match even at zero.
        void pending;
        return { kind: 'speech', text: '', confidence: 0 };
      case 'speech': {
        const confidence = input.confidence ?? TYPED_CONFIDENCE;
        if (typeof input.text !== 'string') throw new TypeError('speech needs a "text" string');
        if (!(confidence >= 0 && confidence <= 1)) throw new RangeError('confidence must be from 0 to 1');
        // A recogniser's n-best list (a replayed terminal session): the runtime picks from it.
        return { kind: 'speech', text: input.text, confidence, ...(input.alternatives?.length ? { alternatives: input.alternatives } : {}) };
      }
      default:
        throw new TypeError(`unknown input kind "${(input as { kind?: unknown }).kind}" (speech, silence or unclear)`);
    }
  }

  /** Delivers `result` to the waiting listen, first keeping what a step back needs. */
  private answer(pending: PendingListen, result: ListenResult): void {
    this.boundaries[this.transcript.steps] = {
      record: this.storage.data.get(this.key) ?? null,
      eventCount: this.events.length,
      stubCounters: this.stubs.counters(),
      clockNow: this.clock.now(),
    };
    this.waiting = null;
    this.disarmSilence();
    this.clock.advance(result.kind === 'silence' ? pending.timeoutMs : ANSWER_MS);
    pending.resolve(result);
  }

  private armSilence(pending: PendingListen): void {
    if (this.clock.virtual) return;
    this.silenceTimer = this.clock.setTimeout(() => {
      this.silenceTimer = null;
      if (this.waiting !== pending) return;
      this.answer(pending, { kind: 'silence' });
      void this.settled().then((view) => this.notify(view));
    }, pending.timeoutMs);
  }

  private disarmSilence(): void {
    if (this.silenceTimer !== null) this.clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
  }

  private notify(view: SimView): void {
    for (const listener of this.listeners) listener(view);
  }

  private wake(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const w of waiters) w();
  }

  /** The view once the dialog waits for input or has ended. */
  private async settled(): Promise<SimView> {
    let woke: Promise<void> | null = null;
    while (!this.waiting && this.result === undefined && !this.disposed) {
      const gen = this.gen;
      woke ??= new Promise<void>((resolve) => this.settleWaiters.push(resolve)).then(() => {
        woke = null;
      });
      // Nothing to move time for (no timer armed, no call on its way): only the dialog wakes us.
      if (!(await Promise.race([woke.then(() => true), this.idle()]))) await woke;
      if (gen !== this.gen && !this.waiting && this.result === undefined) continue;
    }
    // Saves after the last step are queued microtasks: let them land before a step back reads them.
    await this.dialogSaved();
    return this.view();
  }

  /**
   * Virtual time: once the dialog has done all it can now (a macrotask later) and no WMS call
   * is on its way, the next timer it armed (a retry's backoff) is due: nobody else moves time.
   */
  private async idle(): Promise<boolean> {
    await new Promise<void>((resolve) => timers.setTimeout(resolve, 0));
    if (this.waiting || this.result !== undefined || this.disposed) return true;
    if ((this.host?.inFlight() ?? 0) > 0) return true;
    return this.clock.skipToNextTimer();
  }

  private async dialogSaved(): Promise<void> {
    for (let i = 0; i < 3; i++) await Promise.resolve();
  }
}
