/**
 * A running dialog: an XState actor plus the driver that performs its effect jobs through the
 * host, one at a time, and asks for a save of the session after every step (session-record.ts).
 */
import { createActor, type AnyActorRef, type AnyMachineSnapshot } from 'xstate';
import type { DialogEvent } from './dialog-event.js';
import type { JsonValue, Lang } from './format.js';
import type { Host } from './host.js';
import type { DialogContext, EventLike } from './context.js';
import { EventEmitter } from './emitter.js';
import type { Job } from './jobs.js';
import type { LoadedMachine } from './load.js';
import { runWithSink, type StepSink } from './job-sink.js';
import { celLimitCode } from './cel-limits.js';
import type { AskProgress, DriverPort, PromptReason } from './driver-port.js';
import { askSetup, runAsk } from './actions/ask.js';
import { runRequest } from './request-runner.js';
import { withIdempotencyKey } from './idempotency.js';
import { resumeSeq, SessionRecord, versionMismatch, type PersistedSession } from './session-record.js';
import { dialogLanguage, siteSettingsProblem } from './site-settings.js';
import { secretPatterns } from './redact.js';
import { switchMachine, SWITCH_MARK, type DroppedVariable, type StartAt } from './switch.js';
import { inspectionObserver, type DialogInspector } from './inspect.js';
import { HostCallError, retryOnce } from './host-retry.js';
import type { Dialog, DialogOptions, DialogResult, DialogState, SendResult } from './dialog-api.js';
import type { BackUpEntry } from './back-up.js';
import { builtinPhrases, type BuiltinPhrases } from './builtin-words.js';
import { AskWords, type DriverWord } from './actions/ask-words.js';
import { initialContext, initialLeaf, leafId } from './dialog-start.js';
import { StepEvents } from './step-events.js';

export type { Dialog, DialogOptions, DialogResult, DialogState, SendResult } from './dialog-api.js';
export { HOST_RETRY_DELAY_MS } from './host-retry.js';

export { leafId } from './dialog-start.js';

export function createDialog(machine: LoadedMachine, host: Host, options: DialogOptions): Dialog {
  return new DialogDriver(machine, host, options);
}

class DialogDriver implements Dialog, DriverPort {
  readonly done: Promise<DialogResult>;
  private resolveDone!: (r: DialogResult) => void;
  private readonly events: EventEmitter;
  private readonly record: SessionRecord;
  private readonly language: Lang;
  private readonly versionHash: string;
  private readonly onVersionMismatch: 'error' | 'restart';
  private readonly initialContext: DialogContext;
  private actor: AnyActorRef | null = null;
  private status: 'idle' | 'running' | 'finished' = 'idle';
  private current: Job | null = null;
  private queue: Job[] = [];
  private askProgress: AskProgress | null = null;
  /** Bumped when the running job is interrupted; a runner's token then stops matching. */
  private token = 0;
  private pumping = false;
  private pumpGen = 0;
  private actorDone = false;
  /** The `variable` and `transition` events of each microstep, and the leaf last reported. */
  private readonly seen: StepEvents;
  private readonly secretNames: readonly string[];
  private readonly startAt: StartAt | undefined;
  private readonly dropped: DroppedVariable[];
  private readonly switchPoint: ((stateId: string) => boolean) | undefined;
  /** Set when a switch point said yes: no more jobs are taken, the dialog ends `switched`. */
  private switching: { stateId: string; variables: DialogState['variables'] } | null = null;
  private readonly inspector: DialogInspector | undefined;
  /** Until the initial state's entry ran (a fresh start only). */
  private initialEntry = false;
  /** Set by an eventless transition's hook: the leaf entered next was reached by `always`. */
  private eventless = false;
  /** Microsteps of this dialog's actor calls, from the loader's step hooks (job-sink.ts). */
  private readonly steps: StepSink = {
    transition: (t, context) => {
      // A targetless transition's microstep ends with its actions; the leaf stays.
      if (t.targetless) this.seen.observe(this.seen.leaf ?? this.loaded.json.initial, context, '');
      else this.eventless = t.eventless;
    },
    entered: (stateId, context, event) => {
      const eventless = this.eventless;
      this.eventless = false;
      // The first entry of a fresh start is the initial state, already announced.
      const initial = this.initialEntry;
      this.initialEntry = false;
      // Eventless steps report the event that started the macrostep; name them. A leaf entered
      // while it was the leaf was left and entered again (an ask asked again): a step too.
      this.seen.observe(stateId, context, eventless ? 'always' : event.type, !initial && stateId === this.seen.leaf);
    },
  };
  /** "Back up" (the asks kept for it) and the voice words (actions/ask-words.ts). */
  private readonly words: AskWords;
  private readonly builtins: BuiltinPhrases;
  /** The machine the actor runs and its inspection observer: a back up starts a new actor of both. */
  private logic: ReturnType<typeof switchMachine> | null = null;
  private inspect: ReturnType<typeof inspectionObserver> | undefined;
  /** Effect jobs of this dialog's actor calls (see job-sink.ts). */
  private readonly sink = (job: Job) => {
    if (!this.switching) this.queue.push(withIdempotencyKey(job, this.host));
  };

  constructor(
    private readonly loaded: LoadedMachine,
    readonly host: Host,
    options: DialogOptions,
  ) {
    const meta = loaded.meta;
    const settingsProblem = options.settings ? siteSettingsProblem(options.settings) : null;
    if (settingsProblem) throw new Error(`settings: ${settingsProblem}`);
    this.language = dialogLanguage(meta, options.language, options.settings);
    this.secretNames = options.secrets ?? [];
    this.versionHash = options.versionHash;
    this.onVersionMismatch = options.onVersionMismatch ?? 'error';
    this.inspector = options.inspect;
    this.builtins = builtinPhrases(meta.builtinWords);
    if (!meta.languages.includes(this.language)) {
      throw new Error(`language "${this.language}" is not declared by process "${meta.processKey}" (${meta.languages.join(', ')})`);
    }
    this.switchPoint = options.switchPoint;
    this.startAt = options.startAt;
    ({ context: this.initialContext, dropped: this.dropped } = initialContext(loaded, options, this.language));
    const vars = this.initialContext.vars;
    this.events = new EventEmitter(host, {
      sessionId: options.sessionId,
      terminalId: options.terminalId,
      operatorId: options.operatorId ?? null,
      processKey: meta.processKey,
      versionHash: options.versionHash,
    });
    this.events.secretPatterns = secretPatterns(this.secretValues(vars.main!));
    this.seen = new StepEvents(this.events, vars);
    this.words = new AskWords(host, this.language, (entry) => this.backUpTo(entry), (message, token) => {
      if (this.live(token)) this.events.emit('error', this.currentLeaf(), { code: 'host.voice', message });
    });
    this.record = new SessionRecord(
      host,
      this.events,
      { sessionId: options.sessionId, versionHash: options.versionHash, processKey: meta.processKey },
      (message) => this.events.emit('error', this.currentLeaf(), { code: 'storage', message }),
      () => void this.persist(),
    );
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /* ---------- lifecycle ---------- */

  async start(): Promise<void> {
    if (this.status !== 'idle') throw new Error('dialog already started');
    this.status = 'running';
    let persisted: PersistedSession | null = null;
    try {
      persisted = await this.record.load();
    } catch (error) {
      this.events.emit('error', null, { code: 'snapshot.invalid', message: `stored session is unreadable, starting over: ${(error as Error).message}` });
    }
    const mismatch = persisted && versionMismatch(persisted, this.versionHash, this.loaded.meta.processKey, this.onVersionMismatch === 'restart');
    if (persisted && mismatch) {
      // Numbering continues: these events belong to the same session as the stored ones.
      this.events.seq = resumeSeq(persisted);
      const { message, stateId, savedVersion, savedProcess } = mismatch;
      this.events.emit('error', stateId, { code: 'snapshot.version', message, savedVersion, savedProcess });
      if (this.onVersionMismatch !== 'restart') {
        // No actor: nothing is persisted over the stored record, and it is not removed.
        await this.finishDialog({ status: 'error', stateId: stateId ?? this.loaded.json.initial, error: message }, false);
        return;
      }
      persisted = null;
    }
    const startState = !persisted && this.startAt && this.loaded.states[this.startAt.stateId] ? this.startAt.stateId : undefined;
    const base = switchMachine(this.loaded, { mark: !!this.switchPoint, ...(startState !== undefined ? { startAt: startState } : {}) });
    const machine = this.switchPoint
      ? base.provide({ actions: { [SWITCH_MARK]: (args: { context: DialogContext }, params: { stateId: string }) => this.atSwitchPoint(params.stateId, args.context.vars) } as never })
      : base;
    // Only an embedder's inspector costs inspection: the driver records microsteps through the
    // step hooks (job-sink.ts), whose actions XState runs at `start()` for the initial macrostep.
    const inspect = this.inspector ? inspectionObserver(this.inspector, this.initialContext.session.sessionId) : undefined;
    this.logic = machine;
    this.inspect = inspect;
    try {
      if (persisted) {
        this.events.seq = resumeSeq(persisted);
        this.actor = runWithSink(this.sink, () => createActor(machine, { snapshot: persisted.snapshot as never, input: this.initialContext, inspect }), this.steps);
        const snap = this.actor.getSnapshot() as AnyMachineSnapshot;
        this.seen.leaf = leafId(snap.value);
        this.seen.vars = (snap.context as DialogContext).vars;
        // A session saved before a secret changed still holds the old value: hide both.
        this.events.secretPatterns = secretPatterns([...this.secretValues(this.initialContext.vars.main!), ...this.secretValues(this.seen.vars.main ?? {})]);
        this.queue = [...(persisted.current ? [persisted.current] : []), ...persisted.queue];
        this.askProgress = persisted.ask;
        this.words.history.restore(persisted.backUp);
        this.events.emit('session.resume', this.seen.leaf, { seq: persisted.seq });
      } else {
        // Announced before the actor exists: its initial macrostep already reports microsteps.
        const first = startState !== undefined ? initialLeaf({ [startState]: this.loaded.states[startState]!.json }, startState) : initialLeaf(this.loaded.json.states, this.loaded.json.initial);
        const startData: { [k: string]: JsonValue } = { language: this.language, processKey: this.loaded.meta.processKey };
        const from = this.startAt?.switchedFrom;
        if (this.startAt) startData.switchedFrom = { sessionId: from?.sessionId ?? null, versionHash: from?.versionHash ?? null, stateId: this.startAt.stateId, mapped: startState !== undefined };
        this.events.emit('session.start', first, startData);
        if (this.startAt && startState === undefined) this.events.emit('error', first, { code: 'switch.state', message: `state "${this.startAt.stateId}" is not in this version: starting from the beginning` });
        for (const d of this.dropped) {
          // A secret's value is not among the redacted ones when it was dropped: name it only.
          const message = d.scope === 'main' && this.secretNames.includes(d.name) ? `main.${d.name}: not taken (a secret: value not shown)` : d.message;
          this.events.emit('error', first, { code: 'switch.variable', message: `carried value dropped: ${message}`, scope: d.scope, name: d.name });
        }
        this.events.emit('transition', first, { from: null, to: first, event: 'xstate.init' });
        this.seen.leaf = first;
        this.initialEntry = true;
        this.actor = runWithSink(this.sink, () => createActor(machine, { input: this.initialContext, inspect }), this.steps);
      }
      this.watch(this.actor);
      const actor = this.actor;
      runWithSink(this.sink, () => actor.start(), this.steps);
      this.afterStep();
    } catch (error) {
      this.fail('machine', error);
      return;
    }
    void this.pump();
  }

  async stop(): Promise<void> {
    if (this.status === 'finished') return;
    this.token++;
    await this.finishDialog({ status: 'stopped', stateId: this.currentLeaf() }, false);
  }

  state(): DialogState {
    const snap = this.actor?.getSnapshot() as AnyMachineSnapshot | undefined;
    const ctx = (snap?.context as DialogContext | undefined) ?? this.initialContext;
    return { stateId: this.currentLeaf(), variables: ctx.vars };
  }

  subscribe(listener: (event: DialogEvent) => void): () => void {
    return this.events.subscribe(listener);
  }

  send(event: EventLike): SendResult {
    const refuse = (reason: string): SendResult => {
      const type = event && typeof event === 'object' && typeof event.type === 'string' ? event.type : null;
      this.events.emit('error', this.currentLeaf(), { code: 'event.refused', message: reason, event: type });
      return { accepted: false, reason };
    };
    if (!event || typeof event.type !== 'string') return refuse('an event needs a string "type"');
    if (this.status !== 'running') return refuse(`dialog is ${this.status === 'idle' ? 'not started' : 'finished'}`);
    if (!this.accepts(event)) return refuse(`state "${this.currentLeaf()}" does not accept "${event.type}"`);
    // An outside event interrupts whatever the driver was waiting for.
    this.token++;
    this.current = null;
    this.queue = [];
    this.askProgress = null;
    this.deliver(event);
    void this.pump(true);
    return { accepted: true };
  }

  /* ---------- DriverPort ---------- */

  emit(type: DialogEvent['type'], state: string, data: { [key: string]: JsonValue }): void {
    this.events.emit(type, state, data);
  }

  async speak(text: string, language: Lang, stateId: string, reason: PromptReason): Promise<void> {
    this.events.emit('prompt', stateId, { text, language, reason });
    const token = this.token;
    try {
      await this.host.speak(text, { language, stateId });
    } catch (first) {
      await this.retryHost('host.speak', () => this.host.speak(text, { language, stateId }), first, token);
    }
  }

  /**
   * Tries a failed host call (`first` is its rejection) once more after `HOST_RETRY_DELAY_MS`.
   * Callers catch the first failure themselves: a wrapper promise around every prompt and
   * listen cost measurable time per event (bench), a try/catch around the await costs nothing.
   */
  retryHost<T>(code: 'host.speak' | 'host.listen', call: () => Promise<T>, first: unknown, token: number): Promise<T> {
    return retryOnce(this.host, code, call, first, () => this.live(token));
  }

  live(token: number): boolean {
    return this.status === 'running' && token === this.token;
  }

  accepts(event: EventLike): boolean {
    const snap = this.actor?.getSnapshot() as AnyMachineSnapshot | undefined;
    return !!snap && snap.status === 'active' && snap.can(event as never);
  }

  finish(token: number, event: EventLike): boolean {
    if (!this.live(token)) return false;
    this.words.jobDone(this.current, event.type);
    this.current = null;
    this.askProgress = null;
    // The loader guarantees a handler for every event an ask or request sends, but guards may
    // all be false: then nothing moves and nothing is queued, and the dialog would hang.
    const before = this.actor!.getSnapshot();
    this.deliver(event);
    if (this.actor!.getSnapshot() === before && this.queue.length === 0 && this.status === 'running') {
      this.fail('event.unhandled', new Error(`state "${this.currentLeaf()}" took no transition for "${event.type}" (every guard was false)`));
      return false;
    }
    return true;
  }

  progress(): AskProgress | null {
    return this.askProgress;
  }

  builtinWord(name: DriverWord, token: number): Promise<string | null> {
    return this.words.perform(name, token);
  }

  saveProgress(progress: AskProgress | null): Promise<void> {
    this.askProgress = progress ? { ...progress } : null;
    return this.persist();
  }

  /* ---------- internals ---------- */

  private watch(actor: AnyActorRef): void {
    actor.subscribe({
      next: (snap: AnyMachineSnapshot) => {
        if (snap.status === 'done' && actor === this.actor) this.actorDone = true;
      },
      error: (err: unknown) => {
        if (actor === this.actor) this.fail('machine', err);
      },
    });
  }

  /**
   * Back to an earlier ask: a new actor from the snapshot taken when that ask was put (XState
   * does not run entry actions on a restored snapshot, so its job is queued here), the
   * variables as they were then (each change is logged as a `variable` event).
   */
  private backUpTo(entry: BackUpEntry): void {
    this.token++;
    this.current = null;
    this.askProgress = null;
    const old = this.actor!;
    const actor = runWithSink(this.sink, () => createActor(this.logic!, { snapshot: JSON.parse(entry.snapshot) as never, input: this.initialContext, ...(this.inspect ? { inspect: this.inspect } : {}) }), this.steps);
    this.actor = actor;
    this.watch(actor);
    old.stop();
    runWithSink(this.sink, () => actor.start(), this.steps);
    this.queue = [entry.job];
    const snap = actor.getSnapshot() as AnyMachineSnapshot;
    this.seen.observe(leafId(snap.value), snap.context as DialogContext, 'BACKUP');
    void this.persist();
    void this.pump(true);
  }

  /** The string values of the secret input variables in `main`. */
  private secretValues(main: Record<string, JsonValue>): string[] {
    const values: string[] = [];
    for (const name of this.secretNames) {
      const v = main[name];
      if (typeof v === 'string' && v !== '') values.push(v);
    }
    return values;
  }

  private currentLeaf(): string {
    const snap = this.actor?.getSnapshot() as AnyMachineSnapshot | undefined;
    return snap ? leafId(snap.value) : (this.seen.leaf ?? this.loaded.json.initial);
  }

  private deliver(event: EventLike): void {
    const actor = this.actor!;
    runWithSink(this.sink, () => actor.send(event as never), this.steps);
    this.afterStep();
  }

  private afterStep(): void {
    const snap = this.actor!.getSnapshot() as AnyMachineSnapshot;
    this.seen.observe(leafId(snap.value), snap.context as DialogContext, 'xstate.init');
    if (snap.status === 'done') this.actorDone = true;
    void this.persist();
  }

  private persist(): Promise<void> {
    // Switching: the actor has run past the switch point, a snapshot of it would resume wrong.
    if (this.status !== 'running' || !this.actor || this.switching) return this.record.written();
    return this.record.save(this.actor, { current: this.current, queue: this.queue, ask: this.askProgress, backUpJson: this.words.history.recordJson(this.current ?? this.queue[0] ?? null) });
  }

  /**
   * Performs queued jobs in order. `restart` starts a fresh loop after an interruption: the old
   * loop may still be awaiting a listen that will never matter, and must not hold the queue.
   */
  private async pump(restart = false): Promise<void> {
    if (this.pumping && !restart) return;
    const gen = ++this.pumpGen;
    this.pumping = true;
    try {
      while (this.status === 'running' && gen === this.pumpGen) {
        const job = this.queue.shift();
        if (!job) break;
        // No save here: the last save already holds this job in its queue.
        this.current = job;
        const token = this.token;
        await this.perform(job, token);
        if (gen !== this.pumpGen) return;
        if (this.current === job) this.current = null;
      }
      if (gen === this.pumpGen && this.status === 'running' && this.switching && this.queue.length === 0) {
        await this.finishDialog({ status: 'switched', ...this.switching }, true);
      } else if (gen === this.pumpGen && this.status === 'running' && this.actorDone && this.queue.length === 0) {
        const snap = this.actor!.getSnapshot() as AnyMachineSnapshot;
        const ctx = snap.context as DialogContext;
        const stateId = leafId(snap.value);
        const outcome = this.loaded.states[stateId]?.json.meta.vm.outcome;
        await this.finishDialog({ status: 'done', result: ctx.result, stateId, ...(outcome !== undefined ? { outcome } : {}) }, true);
      }
    } catch (error) {
      this.fail(error instanceof HostCallError ? error.code : 'runtime', error);
    } finally {
      if (gen === this.pumpGen) this.pumping = false;
    }
  }

  // Returns the job's own promise: an async wrapper per job was an extra promise and ticks per step.
  private perform(job: Job, token: number): Promise<void> {
    switch (job.kind) {
      case 'say':
        return this.speak(job.text, job.language, job.stateId, 'say');
      case 'ask': {
        const ask = this.loaded.asks[job.stateId];
        if (!ask) throw new Error(`state "${job.stateId}" has no ask`);
        this.words.history.enter(job, this.record.snapshotText(this.actor!));
        return runAsk(this, token, job, askSetup(ask, this.loaded.meta.globalWords, this.language, () => this.context(), typeof this.host.stopSpeaking === 'function', this.builtins));
      }
      case 'request':
        // The session record holding this job (and its idempotency key) is written before the
        // request leaves: a crash after sending resumes with the same key, never a new one.
        return this.record.written().then(() => runRequest(this, token, job));
    }
  }

  private context(): DialogContext {
    return (this.actor!.getSnapshot() as AnyMachineSnapshot).context as DialogContext;
  }

  /** The `vm.switchMark` action: first in a switch point's entry, before its own actions. */
  private atSwitchPoint(stateId: string, variables: DialogState['variables']): void {
    if (this.switching || this.status !== 'running') return;
    let yes = false;
    try {
      yes = this.switchPoint!(stateId) === true;
    } catch (error) {
      this.events.emit('error', stateId, { code: 'switch.callback', message: `switchPoint threw, staying on this version: ${(error as Error)?.message ?? String(error)}` });
    }
    if (yes) this.switching = { stateId, variables };
  }

  private fail(fallbackCode: string, error: unknown): void {
    if (this.status === 'finished') return;
    const code = celLimitCode(error) ?? fallbackCode;
    const message = error instanceof Error ? error.message : String(error);
    this.events.emit('error', this.currentLeaf(), { code, message });
    this.token++;
    void this.finishDialog({ status: 'error', stateId: this.currentLeaf(), error: message }, true);
  }

  private async finishDialog(result: DialogResult, forget: boolean): Promise<void> {
    if (this.status === 'finished') return;
    const data: { [k: string]: JsonValue } = { status: result.status };
    if (result.result !== undefined) data.result = result.result;
    if (result.outcome !== undefined) data.outcome = result.outcome;
    if (result.error !== undefined) data.error = result.error;
    // Persist the final seq before leaving, so a stopped session resumes numbering after it.
    await this.persist();
    this.status = 'finished';
    this.events.emit('session.end', result.stateId, data);
    if (forget) await this.record.remove();
    else if (this.actor) await this.record.closeNumbering();
    else await this.record.written();
    this.actor?.stop();
    this.resolveDone(result);
  }
}

