/**
 * For the core's unit tests only: examples compiled by the real compiler (optionally edited:
 * a switch point, another prompt), a scripted operator, and a server double for the terminal
 * routes (the e2e tests run the real server).
 */
import { compileFlow, type FlowGraph } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess, type ExampleKey } from '@voiceman/examples';
import type { JsonValue, MachineJson } from '@voiceman/runtime';
import type { Grammar, Heard, Voice } from '../bridge/contract.js';
import type { Speech } from './host.js';

export interface Compiled {
  machine: MachineJson;
  hash: string;
}

/** Compiles an example, after `edit` changed its flow (a copy). */
export function compileExample(key: ExampleKey, edit?: (flow: FlowGraph) => void, wmsUrl?: string): Compiled {
  const flow = JSON.parse(JSON.stringify(exampleFlow(key))) as FlowGraph;
  if (wmsUrl) {
    for (const v of flow.process.variables ?? []) if (v.name === 'wmsUrl') v.default = wmsUrl;
  }
  edit?.(flow);
  const result = compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
  if (!result.ok || !result.machine || !result.hash) throw new Error(`${key}: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return { machine: result.machine, hash: result.hash };
}

/** Marks a node as a switch point (flow property `switchPoint`). */
export const markSwitchPoint = (nodeId: string) => (flow: FlowGraph) => {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId}`);
  (node as { switchPoint?: boolean }).switchPoint = true;
};

/** Sets the English prompt of an ask node. */
export const setPrompt = (nodeId: string, en: string) => (flow: FlowGraph) => {
  const node = flow.nodes.find((n) => n.id === nodeId);
  if (!node || node.kind !== 'ask') throw new Error(`no ask ${nodeId}`);
  node.data.prompt = { ...node.data.prompt, en };
};

/**
 * An operator reading from a script: each listen takes the next line (`null` = silence); when the
 * script is used up, listen waits until more lines come (`say`).
 */
export class ScriptedOperator implements Speech {
  readonly spoken: string[] = [];
  readonly voices: Voice[] = [];
  readonly grammars: Grammar[] = [];
  private waiting: ((heard: Heard) => void) | null = null;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly script: (string | null)[] = []) {}

  async speak(text: string, voice: Voice) {
    this.spoken.push(text);
    this.voices.push(voice);
  }

  listen(grammar: Grammar): Promise<Heard> {
    this.grammars.push(grammar);
    const line = this.script.shift();
    if (line !== undefined) return Promise.resolve(toHeard(line));
    for (const w of this.idleWaiters.splice(0)) w();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** More lines; the first answers a listen that is waiting. */
  say(...lines: (string | null)[]) {
    this.script.push(...lines);
    const w = this.waiting;
    if (w && this.script.length > 0) {
      this.waiting = null;
      w(toHeard(this.script.shift()!));
    }
  }

  /**
   * Resolves when a listen waits with the script used up and the writes begun before it have
   * landed (the queue appends in the next task): the moment a real operator, still hearing the
   * prompt, could not yet have answered.
   */
  async idle(): Promise<void> {
    if (!(this.waiting && this.script.length === 0)) await new Promise<void>((r) => this.idleWaiters.push(r));
    for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0));
  }
}

function toHeard(line: string | null): Heard {
  return line === null ? { kind: 'silence' } : { kind: 'speech', text: line, confidence: 0.95, alternatives: [] };
}

/** A fetch standing in for the server's terminal routes (machines with ETag, events, heartbeat). */
export function serverDouble(machines: () => { site: JsonValue; processes: { processKey: string; versionNumber: number; hash: string; machine: unknown }[] }) {
  const received: { path: string; body: unknown }[] = [];
  const stored = new Set<string>();
  let down = false;
  let rejectIds = new Set<string>();
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    if (down) throw new TypeError('fetch failed');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    received.push({ path: url.pathname, body });
    if (url.pathname === '/api/terminal/v1/machines') {
      const text = JSON.stringify(machines());
      const etag = `"${text.length}-${simpleHash(text)}"`;
      const inm = new Headers(init?.headers).get('if-none-match');
      if (inm === etag) return new Response(null, { status: 304, headers: { etag } });
      return new Response(text, { status: 200, headers: { etag, 'content-type': 'application/json' } });
    }
    if (url.pathname === '/api/terminal/v1/events') {
      const events = (body as { events: { id: string }[] }).events;
      const answer = { stored: [] as string[], duplicates: [] as string[], rejected: [] as { id: string; code: string; message: string }[] };
      for (const e of events) {
        if (rejectIds.has(e.id)) answer.rejected.push({ id: e.id, code: 'invalid_event', message: 'refused by the test' });
        else if (stored.has(e.id)) answer.duplicates.push(e.id);
        else {
          stored.add(e.id);
          answer.stored.push(e.id);
        }
      }
      return Response.json(answer);
    }
    return new Response(JSON.stringify({ code: 'not_found' }), { status: 404 });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    received,
    stored,
    setDown(d: boolean) {
      down = d;
    },
    rejectIds(ids: string[]) {
      rejectIds = new Set(ids);
    },
  };
}

function simpleHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
