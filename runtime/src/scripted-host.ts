/**
 * A deterministic host: virtual clock, counter uuids, scripted listen results and WMS answers,
 * in-memory storage, recorded speech, requests and events. Uses only promises (no timers), so
 * it behaves the same in Node, a browser and QuickJS.
 */
import type { DialogEvent } from './dialog-event.js';
import type { JsonValue, Lang } from './format.js';
import type { Clock, Host, HttpRequest, HttpResponse, ListenResult, ListenVocabulary, Storage } from './host.js';
import type { Dialog, DialogResult } from './dialog.js';

export interface VirtualClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  pending(): number;
}

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        let dueId: number | undefined;
        let due: { at: number; fn: () => void } | undefined;
        for (const [id, t] of timers) if (t.at <= until && (!due || t.at < due.at)) [dueId, due] = [id, t];
        if (!due) break;
        timers.delete(dueId!);
        now = Math.max(now, due.at);
        due.fn();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}

export class MemoryStorage implements Storage {
  readonly data = new Map<string, string>();
  async load(key: string) {
    return this.data.get(key) ?? null;
  }
  async save(key: string, value: string) {
    this.data.set(key, value);
  }
  async remove(key: string) {
    this.data.delete(key);
  }
}

/** A scripted utterance: text (confidence 0.9), a full result, or `null` for silence. */
export type ScriptedListen = string | null | ListenResult;
/** A scripted WMS answer: a response, a network failure, or no answer at all (timeout). */
export type ScriptedResponse =
  | { status: number; body?: JsonValue; headers?: Record<string, string> }
  | { networkError: string }
  | { hang: true };

export interface ScriptedHostOptions {
  listen?: ScriptedListen[];
  /** Responses in order, or a function of the request (e.g. a tiny mock WMS). */
  responses?: ScriptedResponse[] | ((request: HttpRequest) => ScriptedResponse);
  storage?: MemoryStorage;
  clock?: VirtualClock;
  /** Virtual ms a prompt takes to speak, an answer to arrive, a WMS call to complete. */
  speakMs?: number;
  answerMs?: number;
  requestMs?: number;
  /**
   * A host that can listen while it speaks (`stopSpeaking`): a prompt then takes `speakMs` of
   * virtual time on the clock, a listen during it answers after `answerMs` and stops it when
   * that comes first. Off by default: speech ends before `speak` resolves.
   */
  bargeIn?: boolean;
}

export interface ScriptedHost extends Host {
  clock: VirtualClock;
  storage: MemoryStorage;
  /** `stopped`: barge-in cut it short (hosts with `bargeIn` only). */
  spoken: { text: string; language: Lang; stateId: string; stopped?: true }[];
  /** `bargeIn`: asked to listen while a prompt played. */
  listens: { vocabulary: ListenVocabulary; timeoutMs: number; stateId: string; bargeIn?: true }[];
  requests: HttpRequest[];
  events: DialogEvent[];
  /** Adds utterances to the script (e.g. after `blocked()` resolved). */
  push(...items: ScriptedListen[]): void;
  /** Resolves when the dialog waits on an exhausted listen script or an unscripted request. */
  blocked(): Promise<'listen' | 'request'>;
}

export function createScriptedHost(options: ScriptedHostOptions = {}): ScriptedHost {
  const clock = options.clock ?? createVirtualClock();
  const script = [...(options.listen ?? [])];
  const responses = options.responses;
  const queue = Array.isArray(responses) ? [...responses] : [];
  let uuid = 0;
  let waiters: ((why: 'listen' | 'request') => void)[] = [];
  let blockedOn: 'listen' | 'request' | null = null;
  let resumeListen: (() => void) | null = null;
  let playing: { entry: ScriptedHost['spoken'][number]; timer: unknown; end: () => void } | null = null;
  const block = (why: 'listen' | 'request') => {
    blockedOn = why;
    const ws = waiters;
    waiters = [];
    for (const w of ws) w(why);
  };
  const host: ScriptedHost = {
    clock,
    storage: options.storage ?? new MemoryStorage(),
    spoken: [],
    listens: [],
    requests: [],
    events: [],
    async speak(text, opts) {
      const entry: ScriptedHost['spoken'][number] = { text, language: opts.language, stateId: opts.stateId };
      host.spoken.push(entry);
      if (!options.bargeIn) {
        clock.advance(options.speakMs ?? 100);
        return;
      }
      await new Promise<void>((resolve) => {
        const end = () => {
          playing = null;
          resolve();
        };
        playing = { entry, end, timer: clock.setTimeout(end, options.speakMs ?? 100) };
      });
    },
    async listen(vocabulary, opts) {
      host.listens.push({ vocabulary, timeoutMs: opts.timeoutMs, stateId: opts.stateId, ...(opts.bargeIn ? { bargeIn: true as const } : {}) });
      while (script.length === 0) {
        await new Promise<void>((resolve) => {
          resumeListen = resolve;
          block('listen');
        });
      }
      const item = script.shift()!;
      if (item === null) {
        clock.advance(opts.timeoutMs);
        return { kind: 'silence' };
      }
      clock.advance(options.answerMs ?? 500);
      return typeof item === 'string' ? { kind: 'speech', text: item, confidence: 0.9 } : item;
    },
    ...(options.bargeIn
      ? {
          stopSpeaking() {
            const p = playing;
            if (!p) return;
            p.entry.stopped = true;
            clock.clearTimeout(p.timer);
            p.end();
          },
        }
      : {}),
    request(request) {
      host.requests.push(request);
      const next = typeof responses === 'function' ? responses(request) : queue.shift();
      if (!next) {
        block('request');
        return new Promise<HttpResponse>(() => {});
      }
      if ('hang' in next) {
        // Let the caller arm its timeout first, then let virtual time run out.
        void Promise.resolve().then(() => clock.advance(request.timeoutMs));
        return new Promise<HttpResponse>(() => {});
      }
      clock.advance(options.requestMs ?? 20);
      if ('networkError' in next) return Promise.reject(new Error(next.networkError));
      return Promise.resolve({ status: next.status, headers: next.headers ?? { 'content-type': 'application/json' }, body: next.body ?? null });
    },
    emit(event) {
      host.events.push(event);
    },
    randomUUID() {
      uuid += 1;
      return `00000000-0000-4000-8000-${uuid.toString(16).padStart(12, '0')}`;
    },
    push(...items) {
      script.push(...items);
      blockedOn = null;
      const r = resumeListen;
      resumeListen = null;
      r?.();
    },
    blocked() {
      if (blockedOn) return Promise.resolve(blockedOn);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
  return host;
}

export interface RunUntilDoneOptions {
  /** Idle turns before giving up (the dialog then waits on something nobody scripted). */
  turns?: number;
  /** Virtual ms to let pass per idle turn. */
  stepMs?: number;
}

// The embedder's macrotask timer, when it has one (Node, browsers; QuickJS hosts add their own).
const timers = globalThis as unknown as { setTimeout?: (fn: () => void, ms: number) => unknown };

/** One macrotask later: every promise the dialog could settle by itself has settled. */
function nextMacrotask(): Promise<void> {
  if (timers.setTimeout) return new Promise((resolve) => void timers.setTimeout!(resolve, 0));
  // No timer: a long run of microtask turns is the closest equivalent.
  let p = Promise.resolve();
  for (let i = 0; i < 64; i++) p = p.then(() => undefined);
  return p;
}

/**
 * Starts the dialog and lets virtual time pass whenever it is idle, until it ends: waits on the
 * host clock (a host call's retry delay, a WMS retry's backoff) elapse; a scripted host's clock
 * only moves when something advances it. Resolves with `done`, or rejects after `turns` idle
 * turns without an end (what the dialog waits on was never scripted).
 */
export async function runUntilDone(dialog: Dialog, host: { clock: VirtualClock }, options: RunUntilDoneOptions = {}): Promise<DialogResult> {
  const turns = options.turns ?? 400;
  const stepMs = options.stepMs ?? 100;
  let finished = false;
  const done = dialog.done.then((r) => ((finished = true), r));
  await dialog.start();
  for (let i = 0; i < turns && !finished; i++) {
    await nextMacrotask();
    if (!finished) host.clock.advance(stepMs);
  }
  if (!finished) throw new Error(`dialog still running after ${turns} idle turns of ${stepMs} virtual ms (waiting on something not scripted?)`);
  return done;
}
