/**
 * The runtime's Host for a terminal: speech through the bridge with the operator's voice, WMS
 * calls with fetch, events into the durable queue, snapshots into the key/value store only
 * after the queue holds every event emitted before them.
 */
import type { DialogEvent, Host, HttpRequest, HttpResponse, JsonValue, ListenResult, SpeechSettings } from '@voiceman/runtime';
import type { Grammar, Heard, Voice } from '../bridge/contract.js';
import { grammarFor } from './grammar.js';
import type { EventQueue } from './queue.js';
import type { KeyValueStore } from './storage.js';

export interface Speech {
  speak(text: string, voice: Voice): Promise<void>;
  listen(grammar: Grammar, options: { timeoutMs: number; duringSpeech?: boolean }): Promise<Heard>;
  /** Barge-in: the speech can listen while it speaks, and stop speaking when it hears something. */
  readonly bargeIn?: boolean;
  stopSpeaking?(): void;
}

export interface TerminalHostOptions {
  speech: Speech;
  queue: EventQueue;
  kv: KeyValueStore;
  voice: () => Voice;
  /**
   * Applies and keeps the operator's volume and rate ("louder", "slower": the runtime steps them
   * within its bounds). Absent: the runtime answers that voice settings are not available.
   */
  setVoice?: (settings: SpeechSettings) => Promise<void>;
  /** Every event, after it is queued (screen, operator tracking). */
  onEvent?: (event: DialogEvent) => void;
  /** The text handed to the bridge. */
  onSpeak?: (text: string, stateId: string) => void;
  onListen?: (grammar: Grammar, stateId: string) => void;
  onHeard?: (heard: Heard) => void;
  /** Stamps events the runtime emitted before it knew the operator. */
  operatorId?: () => string | null;
  fetch?: typeof fetch;
  now?: () => number;
  /** Where hypothesis → next prompt times go, each with the prompt it ended at (the benchmark). */
  latencySamples?: LatencySample[];
  randomUUID?: () => string;
}

/** One hypothesis → next prompt time; `wms`: the step called the WMS (its round trip included). */
export interface LatencySample {
  ms: number;
  prompt: string;
  stateId: string;
  wms: boolean;
}

export interface TerminalHost extends Host {
  /** From a hypothesis arriving to the next prompt handed to the bridge (for the benchmark). */
  readonly latencySamples: LatencySample[];
}

export function createTerminalHost(o: TerminalHostOptions): TerminalHost {
  const now = o.now ?? (() => (typeof performance !== 'undefined' ? performance.now() : Date.now()));
  let heardAt: number | null = null;
  const latencySamples = o.latencySamples ?? [];
  let requested = false;
  const fetchImpl = o.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const host: TerminalHost = {
    latencySamples,
    async speak(text, { stateId }) {
      if (heardAt !== null) {
        latencySamples.push({ ms: now() - heardAt, prompt: text, stateId, wms: requested });
        heardAt = null;
      }
      o.onSpeak?.(text, stateId);
      await o.speech.speak(text, o.voice());
    },
    async listen(vocabulary, { timeoutMs, stateId, bargeIn }): Promise<ListenResult> {
      const grammar = grammarFor(vocabulary);
      o.onListen?.(grammar, stateId);
      const heard = await o.speech.listen(grammar, bargeIn ? { timeoutMs, duringSpeech: true } : { timeoutMs });
      o.onHeard?.(heard);
      if (heard.kind === 'error') throw new Error(`${heard.code}: ${heard.message}`);
      if (heard.kind === 'silence') return { kind: 'silence' };
      heardAt = now();
      requested = false;
      return { kind: 'speech', text: heard.text, confidence: heard.confidence, alternatives: heard.alternatives };
    },
    request(request) {
      requested = true;
      return httpRequest(fetchImpl, request);
    },
    clock: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    emit(event) {
      if (event.operatorId === null && o.operatorId) event.operatorId = o.operatorId();
      o.queue.push(event);
      o.onEvent?.(event);
    },
    storage: {
      load: (key) => o.kv.get(key),
      async save(key, value) {
        // The events that led to this snapshot must be durable first: a crash can then never
        // resume past an event that was not queued.
        await o.queue.flushed();
        await o.kv.set(key, value);
      },
      async remove(key) {
        await o.queue.flushed();
        await o.kv.remove(key);
      },
    },
    randomUUID: o.randomUUID ?? randomUUID,
    ...(o.setVoice
      ? { voice: { get: (): SpeechSettings => ({ volume: o.voice().volume, rate: o.voice().rate }), set: o.setVoice } }
      : {}),
  };
  // The runtime asks for barge-in only of a host with stopSpeaking: offered while the speech can
  // do it (a native shell says so once its deviceInfo arrived).
  Object.defineProperty(host, 'stopSpeaking', {
    enumerable: true,
    get: () => (o.speech.bargeIn && o.speech.stopSpeaking ? () => o.speech.stopSpeaking!() : undefined),
  });
  return host;
}

async function httpRequest(fetchImpl: typeof fetch, request: HttpRequest): Promise<HttpResponse> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), request.timeoutMs);
  try {
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    const res = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: abort.signal,
    });
    const text = await res.text();
    let body: JsonValue = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) {
      try {
        body = JSON.parse(text) as JsonValue;
      } catch {
        body = text;
      }
    }
    const out: Record<string, string> = {};
    res.headers.forEach((value, name) => (out[name] = value));
    return { status: res.status, headers: out, body };
  } finally {
    clearTimeout(timer);
  }
}

/** crypto.randomUUID where it exists (Chrome 92+), else v4 from getRandomValues (Android 10's first WebView). */
export function randomUUID(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c!.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
