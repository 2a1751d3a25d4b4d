/**
 * The host a simulated dialog runs against: speech is instant, listening waits for the
 * tester, WMS calls go to the stub matcher or the fetcher, time is the simulation's clock.
 */
import type { DialogEvent, Host, HttpRequest, HttpResponse, ListenResult, ListenVocabulary, Storage } from '@voiceman/runtime';
import type { SimClock } from './clock.js';
import { stubResponse, type StubMatcher } from './stubs.js';
import type { Fetcher } from './types.js';

/** A listen the dialog waits on; the session resolves it with the tester's input. */
export interface PendingListen {
  vocabulary: ListenVocabulary;
  timeoutMs: number;
  stateId: string;
  resolve(result: ListenResult): void;
}

export interface SimHostPort {
  clock: SimClock;
  stubs: StubMatcher;
  fetcher: Fetcher | undefined;
  storage: Storage;
  event(event: DialogEvent): void;
  listen(pending: PendingListen): void;
}

const never = <T>() => new Promise<T>(() => {});

/** After the runtime armed its own timeout for this call (it does so before calling the host). */
const later = (fn: () => void) => void Promise.resolve().then(fn);

let uuidCounter = 0;
function randomUUID(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  uuidCounter += 1;
  return `00000000-0000-4000-8000-${uuidCounter.toString(16).padStart(12, '0')}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The simulator's host, and how many fetcher calls are on their way (real time runs for them). */
export interface SimHost extends Host {
  inFlight(): number;
}

export function createSimHost(port: SimHostPort): SimHost {
  const { clock } = port;
  let inFlight = 0;
  /** The request node whose call comes next: the runtime emits `wms.request` right before it. */
  let requestState: string | null = null;

  async function viaFetcher(request: HttpRequest): Promise<HttpResponse> {
    if (!port.fetcher) throw new Error(`no stub for request node "${requestState}" and no WMS to call (give a stub, or run with a fetcher)`);
    const started = Date.now();
    inFlight += 1;
    try {
      const response = await port.fetcher(request);
      // The wall time the call took passes on the virtual clock too (a slow WMS times out).
      clock.advance(Date.now() - started);
      return response;
    } catch (error) {
      if (!isTimeout(error)) throw error;
      clock.advance(request.timeoutMs);
      return never();
    } finally {
      inFlight -= 1;
    }
  }

  // The simulated operator's voice: the voice words step it as on a terminal (nothing is spoken aloud).
  let voice = { volume: 1, rate: 1 };
  return {
    inFlight: () => inFlight,
    clock,
    voice: {
      get: () => voice,
      async set(settings) {
        voice = { volume: settings.volume, rate: settings.rate };
      },
    },
    storage: port.storage,
    randomUUID,
    async speak() {},
    listen(vocabulary, options) {
      return new Promise<ListenResult>((resolve) => port.listen({ vocabulary, timeoutMs: options.timeoutMs, stateId: options.stateId, resolve }));
    },
    request(request) {
      const answer = port.stubs.next(requestState);
      if (!answer) return viaFetcher(request);
      if ('timeout' in answer) {
        later(() => clock.advance(request.timeoutMs));
        return never();
      }
      if ('networkError' in answer) return Promise.reject(new Error(answer.networkError));
      const response = stubResponse(answer);
      const delay = answer.delayMs ?? 0;
      if (delay <= 0) return Promise.resolve(response);
      return new Promise<HttpResponse>((resolve) => {
        clock.setTimeout(() => resolve(response), delay);
        later(() => clock.advance(delay));
      });
    },
    emit(event) {
      if (event.type === 'wms.request') requestState = event.state;
      port.event(event);
    },
  };
}
