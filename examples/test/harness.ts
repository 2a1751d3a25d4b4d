/**
 * Drives an example flow end to end: compiled by the real compiler, run by the real runtime,
 * against the real mock WMS over HTTP. Speech is scripted (the runtime's scripted host: virtual
 * clock, recorded prompts); only `request` is replaced, by global `fetch` with an
 * AbortController timeout, because the scripted host answers requests from a script.
 */
import { compileFlow } from '@voiceman/compiler';
import {
  createDialog,
  createScriptedHost,
  loadMachine,
  type DialogResult,
  type HttpRequest,
  type HttpResponse,
  type JsonValue,
  type Lang,
  type LoadedMachine,
  type ScriptedHost,
  type ScriptedListen,
} from '@voiceman/runtime';
import { exampleFlow, exampleReferenceData, resolveExampleProcess, startMockWms, type ExampleKey, type MockWms } from '@voiceman/examples';

/** The host's `request` as a real HTTP call; network failures and timeouts reject. */
export async function fetchRequest(request: HttpRequest): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timeout after ${request.timeoutMs} ms`)), request.timeoutMs);
  try {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    const init: RequestInit = { method: request.method, headers, signal: controller.signal };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    const res = await fetch(request.url, init);
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json') && text !== '';
    return { status: res.status, headers: Object.fromEntries(res.headers), body: isJson ? (JSON.parse(text) as JsonValue) : text };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A scripted host whose WMS calls go over the network. `beforeRequest` runs before the n-th
 * call (0-based), e.g. to stop the WMS in the middle of a dialog.
 */
export function createWmsHost(listen: ScriptedListen[], beforeRequest?: (index: number) => Promise<void> | void): WmsHost {
  const host = createScriptedHost({ listen }) as WmsHost;
  let inFlight = 0;
  host.request = async (request) => {
    const index = host.requests.length;
    host.requests.push(request);
    inFlight += 1;
    try {
      await beforeRequest?.(index);
      return await fetchRequest(request);
    } finally {
      inFlight -= 1;
    }
  };
  host.letTimePass = () => {
    const timer = setInterval(() => {
      if (inFlight === 0) host.clock.advance(100);
    }, 5);
    return () => clearInterval(timer);
  };
  return host;
}

/**
 * The scripted host with real HTTP. Its clock is virtual; `letTimePass()` advances it by 100 ms
 * every 5 real ms while no WMS call is in flight, so waits on the host clock (the runtime's
 * retry backoff) elapse, while a call in flight is timed out by real time (`fetchRequest`).
 * It returns the function that stops it.
 */
export interface WmsHost extends ScriptedHost {
  letTimePass(): () => void;
}

const machines = new Map<ExampleKey, LoadedMachine>();

type ReferenceData = ReturnType<typeof exampleReferenceData>;

/** Compiles and loads an example with the given reference tables; compile problems fail loudly. */
export function compileExample(key: ExampleKey, referenceData: ReferenceData = exampleReferenceData()): LoadedMachine {
  const result = compileFlow(exampleFlow(key), { resolveProcess: resolveExampleProcess, referenceData });
  if (!result.ok || !result.machine) {
    throw new Error(`${key} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  }
  return loadMachine(result.machine);
}

/** `compileExample` with the shipped reference tables, once per test file. */
export function machineFor(key: ExampleKey): LoadedMachine {
  let machine = machines.get(key);
  if (!machine) {
    machine = compileExample(key);
    machines.set(key, machine);
  }
  return machine;
}

export interface Run {
  /** The dialog's end, or `blocked` when it waits for speech the script does not have. */
  outcome: DialogResult | { status: 'blocked'; on: 'listen' | 'request'; stateId: string };
  /** Every prompt spoken, in order. */
  spoken: string[];
  host: ScriptedHost;
  /** `METHOD path` of every WMS call, in order. */
  calls: string[];
  variables: Record<string, JsonValue>;
}

let session = 0;

/**
 * Runs `key` with the operator's answers in order (`null` = silence) until the dialog ends or
 * waits for an answer the script does not hold.
 */
export async function runDialog(
  key: ExampleKey,
  wms: MockWms,
  answers: ScriptedListen[],
  options: {
    language?: Lang;
    input?: Record<string, JsonValue>;
    beforeRequest?: (index: number) => Promise<void> | void;
    /** Instead of the example compiled with the shipped reference tables. */
    machine?: LoadedMachine;
  } = {},
): Promise<Run> {
  const host = createWmsHost(answers, options.beforeRequest);
  session += 1;
  const dialog = createDialog(options.machine ?? machineFor(key), host, {
    sessionId: `test-${key}-${session}`,
    terminalId: 'T-01',
    versionHash: 'test',
    language: options.language ?? 'en',
    input: { wmsUrl: wms.url, ...options.input },
  });
  const stopTime = host.letTimePass();
  await dialog.start();
  const outcome = await Promise.race([
    dialog.done,
    host.blocked().then((on) => ({ status: 'blocked' as const, on, stateId: dialog.state().stateId })),
  ]).finally(stopTime);
  const variables = dialog.state().variables.main ?? {};
  await dialog.stop();
  return {
    outcome,
    spoken: host.spoken.map((s) => s.text),
    host,
    calls: host.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`),
    variables,
  };
}

/** Answers that sign operator 427 on (id, read-back confirmed). */
export const signOn427 = ['four two seven', 'yes'];

/** Prompts of a good sign-on of operator 427 in English. */
export const signOn427Prompts = ['Operator ID?', 'Operator 4 2 7, correct?', 'Hello, Ivan Petrov.'];

export async function withWms(): Promise<MockWms> {
  return startMockWms({ port: 0, testRoutes: true });
}

/** A JSON call to the mock WMS's own routes (reset, faults, state checks). */
export async function wmsCall(wms: MockWms, method: string, path: string, body?: unknown): Promise<any> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${wms.url}${path}`, init);
  return res.json();
}
