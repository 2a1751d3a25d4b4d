/**
 * One simulated terminal: the real runtime running the published case-picking machine it
 * fetched from the server, a simulated operator answering after a human think time, WMS calls
 * over HTTP, and its dialog events leaving through the terminal link in timed batches.
 */
import { randomUUID } from 'node:crypto';
import { createDialog, loadMachine, MemoryStorage, type Dialog, type DialogEvent, type Host, type HttpRequest, type HttpResponse, type JsonValue, type LoadedMachine } from '@voiceman/runtime';
import type { Seed } from '@voiceman/examples';
import { httpClient, type HttpClient } from './http.js';
import { createOperator } from './operator.js';
import { systemClock } from './clock.js';
import { createTerminalLink, processFromRules, type PostSample, type Rules, type TerminalLink } from './terminal-link.js';
import { tapePlayer, type Tape } from './tape.js';

export interface TerminalSpec {
  id: string;
  token: string;
  /** Operator of this terminal in the fleet's WMS data set. */
  operatorId: string;
  /** This terminal's own mean think time (the fleet's otherwise). */
  thinkMs?: number;
  /** The servers this terminal talks to, in its order of preference (the fleet's otherwise). */
  servers?: string[];
  /** Starts offline and works until this many events are queued, then stops working (a shift without network). */
  offlineUntilQueued?: number;
}

export interface TerminalSettings {
  servers: string[];
  wmsUrl: string;
  /** How this terminal's WMS calls reach the WMS (its own keep-alive HTTP connections otherwise). */
  wmsHttp?: HttpClient;
  data: Seed;
  /** Mean time the operator takes to answer (ms); each answer takes 0.5–1.5 × this. */
  thinkMs: number;
  postEveryMs: number;
  rulesEveryMs: number;
  /** This terminal is switched on at a random moment of the first this many ms (fleet.ts). */
  rampMs?: number;
  processKey: string;
  onPost(sample: PostSample): void;
  /** Every event the dialog produced and every id the server acknowledged (fault checks). */
  onEmit?(event: DialogEvent): void;
  onAck?(ids: string[]): void;
  /** Machines by hash, loaded once per process. */
  machines: Map<string, LoadedMachine>;
  /** Parsed rules by ETag, once per process (terminal-link.ts). */
  rulesByEtag?: Map<string, Rules['processes']>;
  /** `--replay`: work through this recorded dialog instead of running the runtime (tape.ts). */
  tape?: Tape;
}

/** The host's WMS call over the terminal's own connections; network failures and timeouts reject. */
export function wmsRequester(http: HttpClient) {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers = { accept: 'application/json', ...request.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await http(request.method, request.url, headers, body, request.timeoutMs);
    const json = String(res.headers['content-type'] ?? '').includes('json') && res.text !== '';
    return { status: res.status, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body: json ? (JSON.parse(res.text) as JsonValue) : res.text };
  };
}

export class SimulatedTerminal {
  readonly link: TerminalLink;
  /** While offline the terminal works on and queues; nothing is sent. */
  offline = false;
  emitted = 0;
  /** Sessions begun (0 until the rules came and the first dialog started). */
  sessions = 0;
  private running = false;
  private dialog: Dialog | undefined;
  private timers: NodeJS.Timeout[] = [];
  /** A replaying terminal's wait for its next answer (stop() ends it). */
  private nap: { timer: NodeJS.Timeout; wake: () => void } | undefined;
  private loop: Promise<void> | undefined;
  /** Ends the wait for this terminal's moment in the ramp (stop() before it came). */
  private switchOn: (() => void) | undefined;

  constructor(readonly spec: TerminalSpec, private readonly settings: TerminalSettings) {
    this.link = createTerminalLink({ servers: spec.servers ?? settings.servers, token: spec.token, onPost: settings.onPost, onAck: settings.onAck, rulesByEtag: settings.rulesByEtag });
  }

  private host(): Host {
    const operator = createOperator(this.spec.operatorId, this.settings.data);
    let lastPrompt = '';
    return {
      speak: async (text) => {
        lastPrompt = text;
      },
      listen: (vocabulary) => new Promise((resolve) => setTimeout(() => resolve(operator.answer(lastPrompt, vocabulary)), this.think())),
      request: wmsRequester(this.settings.wmsHttp ?? httpClient()),
      clock: systemClock,
      emit: (event) => {
        this.emit(event);
        const target = this.spec.offlineUntilQueued;
        if (target !== undefined && this.running && this.link.pending() >= target) {
          this.running = false;
          void this.dialog?.stop();
        }
      },
      storage: new MemoryStorage(),
      randomUUID,
    };
  }

  private machine(hash: string, json: unknown): LoadedMachine {
    let m = this.settings.machines.get(hash);
    if (!m) {
      m = loadMachine(json as Parameters<typeof loadMachine>[0]);
      this.settings.machines.set(hash, m);
    }
    return m;
  }

  /** Fetches the rules (until the server answers), then works session after session. */
  start(): void {
    this.running = true;
    if (this.spec.offlineUntilQueued !== undefined) this.offline = true;
    const every = (ms: number, fn: () => void) => {
      // A random phase, so a fleet started together does not post in lockstep.
      const first = setTimeout(() => {
        fn();
        this.timers.push(setInterval(fn, ms));
      }, Math.random() * ms);
      this.timers.push(first);
    };
    // Switched on at a random moment of the ramp (at least one posting interval): a fleet
    // starting all at once is a storm of full rules downloads no real site sees.
    const on = Math.random() * Math.max(this.settings.postEveryMs, this.settings.rampMs ?? 0);
    this.loop = new Promise<void>((r) => {
      this.switchOn = r;
      this.timers.push(setTimeout(r, on));
    }).then(() => {
      if (!this.running) return;
      every(this.settings.postEveryMs, () => {
        if (!this.offline) void this.link.flush();
      });
      every(this.settings.rulesEveryMs, () => {
        if (!this.offline) void this.link.fetchRules();
      });
      return this.work();
    });
  }

  private async work(): Promise<void> {
    if (this.settings.tape) return this.replay(this.settings.tape);
    const host = this.host();
    while (this.running) {
      const process = await processFromRules(this.link, this.settings.processKey, () => this.running);
      if (!process) return;
      const dialog = createDialog(this.machine(process.hash, process.machine), host, {
        sessionId: randomUUID(),
        terminalId: this.spec.id,
        versionHash: process.hash,
        language: 'en',
        input: { wmsUrl: this.settings.wmsUrl },
      });
      this.dialog = dialog;
      this.sessions += 1;
      await dialog.start();
      // stop() may have come while this session was being set up.
      if (!this.running) await dialog.stop();
      await dialog.done;
    }
  }

  /** One answer's think time: 0.5–1.5 × the mean. */
  private think(): number {
    return (this.spec.thinkMs ?? this.settings.thinkMs) * (0.5 + Math.random());
  }

  private emit(event: DialogEvent): void {
    this.emitted += 1;
    this.settings.onEmit?.(event);
    this.link.enqueue(event);
  }

  /** `--replay`: the rules fetched as a terminal does, then one recorded answer per think time. */
  private async replay(tape: Tape): Promise<void> {
    if (!(await processFromRules(this.link, this.settings.processKey, () => this.running))) return;
    const player = tapePlayer(tape, this.spec.id);
    this.sessions += 1;
    while (this.running) {
      for (const event of player.next()) this.emit(event);
      await new Promise<void>((wake) => {
        this.nap = { timer: setTimeout(wake, this.think()), wake };
      });
      this.nap = undefined;
    }
  }

  /** Still running sessions (false once stopped, or once an offline shift filled its queue). */
  working(): boolean {
    return this.running;
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    if (this.nap) {
      clearTimeout(this.nap.timer);
      this.nap.wake();
    }
    this.switchOn?.();
    await this.dialog?.stop();
    await this.loop;
  }

  /** Sends what is queued, batch after batch, until the queue is empty or `deadline` passes. */
  async drain(deadline: number): Promise<boolean> {
    while (this.link.pending() > 0 && Date.now() < deadline) {
      if (!(await this.link.flush())) await new Promise((r) => setTimeout(r, 200));
    }
    return this.link.pending() === 0;
  }
}
