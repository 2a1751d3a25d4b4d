/**
 * The terminal as a whole, framework-free: setup and pairing, the rules cache, the chooser,
 * running sessions, the event queue and its sender, operator settings, heartbeat and updates.
 * The screen (`web/ui/`) renders `view` and calls the actions; the device is the bridge.
 */
import type { DialogResult, Lang } from '@voiceman/runtime';
import type { Bridge, Heard, Voice } from '../bridge/contract.js';
import { HttpError, NetworkError, ServerClient } from './client.js';
import { CONFIG_KEY, parseServers, readConfig, type TerminalConfig } from './config.js';
import { heartbeatBody, sendHeartbeat } from './heartbeat.js';
import { EventQueue } from './queue.js';
import { choosable, MachineRefusedError, RulesCache, type DeployedProcess, type Site } from './rules.js';
import { EventSender } from './sender.js';
import { SessionDriver, storedSessionVersions } from './session.js';
import type { LatencySample } from './host.js';
import type { TerminalStorage } from './storage.js';
import { activatePendingWeb, downloadWebUpdate, PENDING_WEB } from './web-update.js';

export interface TerminalView {
  phase: 'boot' | 'setup' | 'choose' | 'running';
  busy: boolean;
  site: Site | null;
  terminalId: string | null;
  servers: string[];
  server: string | null;
  online: boolean;
  processes: DeployedProcess[];
  /** Process, version and state of the running session. */
  session: { processKey: string; versionNumber: number | null; versionHash: string; stateId: string | null } | null;
  operatorId: string | null;
  prompt: string | null;
  listening: boolean;
  heard: { text: string; kind: 'speech' | 'silence' | 'error' } | null;
  backlog: number;
  rejected: { id: string; code: string; message: string }[];
  /** Newer version waiting for a boundary, per process. */
  waitingVersions: string[];
  messages: { level: 'info' | 'warning' | 'error'; text: string; at: number }[];
  voice: Voice;
  lastEnd: DialogResult | null;
  webUpdate: string | null;
  /** The last prompts and answers, newest last (the screen's log for noisy moments). */
  transcript: { kind: 'say' | 'heard'; text: string }[];
}

export interface OperatorSettings {
  rate: number;
  pitch: number;
  volume: number;
  language: Lang | null;
}

export interface TerminalOptions {
  bridge: Bridge;
  storage: TerminalStorage;
  webVersion: string;
  runtimeVersion: string;
  heartbeatMs?: number;
  rulesMs?: number;
  sender?: ConstructorParameters<typeof EventSender>[2];
  fetch?: typeof fetch;
  /** The page should reload (a web update became active at a boundary). */
  reload?: () => void;
}

const DEFAULT_VOICE: Voice = { language: 'en', rate: 1, pitch: 1, volume: 1 };
const LAST_SETTINGS = 'operator:last';
const MAX_MESSAGES = 8;
const TRANSCRIPT = 200;

export class Terminal {
  readonly view: TerminalView = {
    phase: 'boot', busy: false, site: null, terminalId: null, servers: [], server: null, online: true, processes: [],
    session: null, operatorId: null, prompt: null, listening: false, heard: null, backlog: 0, rejected: [],
    waitingVersions: [], messages: [], voice: { ...DEFAULT_VOICE }, lastEnd: null, webUpdate: null, transcript: [],
  };
  private config: TerminalConfig | null = null;
  private client: ServerClient | null = null;
  private rules: RulesCache | null = null;
  private sender: EventSender | null = null;
  private driver: SessionDriver | null = null;
  readonly queue: EventQueue;
  private readonly listeners = new Set<(view: TerminalView) => void>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private countsSoon: ReturnType<typeof setTimeout> | null = null;
  private language: Lang | null = null;
  private warnedOffline = false;
  private pendingApk: { version: string; url: string; sha256: string } | null = null;
  private readonly apkTried = new Set<string>();

  constructor(private readonly o: TerminalOptions) {
    this.queue = new EventQueue(o.storage.queue);
    o.bridge.onEvent((event) => {
      if (event.type === 'network') {
        this.view.online = event.state.online;
        if (event.state.online) void this.sender?.now();
        this.changed();
      }
    });
  }

  subscribe(listener: (view: TerminalView) => void): () => void {
    this.listeners.add(listener);
    listener(this.view);
    return () => this.listeners.delete(listener);
  }

  private changed() {
    for (const l of this.listeners) l(this.view);
  }

  message(level: 'info' | 'warning' | 'error', text: string) {
    this.view.messages = [...this.view.messages, { level, text, at: Date.now() }].slice(-MAX_MESSAGES);
    this.changed();
  }

  private log(kind: 'say' | 'heard', text: string) {
    this.view.transcript = [...this.view.transcript, { kind, text }].slice(-TRANSCRIPT);
  }

  /** Latencies (ms) from a hypothesis to the next prompt, for the benchmark (`wms`: steps that called the WMS). */
  get latencies(): { local: number[]; wms: number[]; samples: LatencySample[] } {
    const samples = this.driver?.latencySamples ?? [];
    return { local: samples.filter((s) => !s.wms).map((s) => s.ms), wms: samples.filter((s) => s.wms).map((s) => s.ms), samples };
  }

  /* ---------- boot, setup, pairing ---------- */

  async boot(): Promise<void> {
    const saved = await this.o.storage.kv.get(LAST_SETTINGS);
    if (saved) this.applySettings(JSON.parse(saved) as OperatorSettings, false);
    this.config = await readConfig(this.o.bridge.storage);
    if (!this.config) {
      this.view.phase = 'setup';
      this.changed();
      return;
    }
    await this.paired();
  }

  /** Exchanges a one-time pairing code (from the admin console) for this terminal's token. */
  async pair(serversText: string, code: string): Promise<void> {
    const servers = parseServers(serversText);
    const cleaned = code.toUpperCase().replace(/[\s-]+/g, '');
    if (!/^[A-Z0-9]{4,16}$/.test(cleaned)) throw new Error('the pairing code is the 8 letters and digits shown in the admin console');
    const client = new ServerClient({ servers, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    const device = await this.o.bridge.deviceInfo();
    let answer: { terminalId: string; token: string; site: Site };
    try {
      answer = await client.json('POST', '/api/terminal/v1/pair', { code: cleaned, device: { model: device.model, os: device.os, shellVersion: device.shellVersion } });
    } catch (error) {
      if (error instanceof HttpError && (error.status === 404 || error.status === 400 || error.status === 410)) throw new Error('pairing code not valid (wrong, used or expired): ask for a new one');
      if (error instanceof HttpError && error.status === 429) throw new Error('too many attempts: wait a minute');
      throw error;
    }
    this.config = { servers, terminalId: answer.terminalId, token: answer.token, site: answer.site };
    await this.o.bridge.storage.set(CONFIG_KEY, JSON.stringify(this.config));
    await this.paired();
  }

  /** Forgets the pairing (supervisor menu). Queued events stay queued. */
  async unpair(): Promise<void> {
    this.shutdown();
    await this.driver?.stop();
    await this.o.bridge.storage.remove(CONFIG_KEY);
    this.config = null;
    this.view.phase = 'setup';
    this.changed();
  }

  private async paired(): Promise<void> {
    const config = this.config!;
    this.client = new ServerClient({
      servers: config.servers, token: config.token, ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      onReachable: (ok) => {
        if (ok === this.view.online && (!ok || this.view.server === this.client?.server)) return;
        this.setOnline(ok);
        this.changed();
      },
    });
    this.rules = new RulesCache(this.o.storage.kv, this.client, () => storedSessionVersions(this.o.storage.kv));
    this.sender = new EventSender(this.client, this.o.storage.queue, {
      ...this.o.sender,
      onChange: (status) => {
        // An HTTP failure is not the Wi-Fi: the supervisor must see it.
        if (status.lastError && !status.lastNetworkError && status.failures === 1) this.message('error', `Dialog log not accepted by the server: ${status.lastError}`);
        void this.refreshCounts();
      },
    });
    this.queue.onAppended(() => {
      this.sender?.kick();
      // Offline, the sender waits out its backoff and reports nothing: the count on the screen
      // must still grow as the operator works (at most one count per quarter second).
      this.countsSoon ??= setTimeout(() => {
        this.countsSoon = null;
        void this.refreshCounts();
      }, 250);
    });
    this.driver = new SessionDriver({
      terminalId: config.terminalId,
      kv: this.o.storage.kv,
      queue: this.queue,
      rules: this.rules,
      speech: this.o.bridge,
      voice: () => this.view.voice,
      // "Louder", "slower" said in an ask: the runtime stepped them; kept like the screen's buttons.
      setVoice: (s) => this.storeVoice({ ...this.view.voice, volume: s.volume, rate: s.rate }),
      language: () => this.language,
      onOperator: (id) => void this.operatorSignedOn(id),
      onSession: (record) => {
        this.view.session = { processKey: record.processKey, versionHash: record.versionHash, versionNumber: null, stateId: null };
        this.view.operatorId = record.operatorId;
        void this.rules!.index().then((index) => {
          const p = index.processes.find((x) => x.hash === record.versionHash);
          if (p && this.view.session) this.view.session.versionNumber = p.versionNumber;
          this.changed();
        });
      },
      host: {
        onSpeak: (text) => {
          this.view.prompt = text;
          this.log('say', text);
          this.view.listening = false;
          this.changed();
        },
        onListen: () => {
          this.view.listening = true;
          this.changed();
        },
        onHeard: (heard: Heard) => {
          this.view.listening = false;
          this.view.heard = heard.kind === 'speech' ? { text: heard.text, kind: 'speech' } : heard.kind === 'silence' ? { text: '', kind: 'silence' } : { text: heard.message, kind: 'error' };
          if (heard.kind === 'speech') this.log('heard', heard.text);
          this.changed();
        },
        onEvent: (event) => {
          if (this.view.session) this.view.session.stateId = event.state;
          if (event.type === 'error') this.message('warning', String(event.data.message ?? event.data.code ?? 'error'));
        },
        ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      },
    });
    this.view.site = config.site;
    this.view.terminalId = config.terminalId;
    this.view.servers = config.servers;
    await this.refreshRules();
    await this.refreshCounts();
    void this.sender.now();
    this.startTimers();
    const stored = await this.driver.stored();
    if (stored) {
      void this.runSession(() => this.driver!.resume(stored));
      return;
    }
    this.view.phase = 'choose';
    this.changed();
    void this.heartbeat();
  }

  private startTimers() {
    this.stopTimers();
    this.timers.push(setInterval(() => void this.heartbeat(), this.o.heartbeatMs ?? 30_000));
    this.timers.push(setInterval(() => void this.refreshRules(), this.o.rulesMs ?? 15_000));
  }

  private stopTimers() {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Stops everything periodic (tests, the load generator, unpairing). */
  shutdown(): void {
    this.stopTimers();
    if (this.countsSoon !== null) clearTimeout(this.countsSoon);
    this.countsSoon = null;
    this.sender?.stop();
  }

  /* ---------- rules ---------- */

  async refreshRules(): Promise<void> {
    const rules = this.rules!;
    const keep = this.driver?.current ? [this.driver.current.versionHash] : [];
    try {
      const { refused, index, changed } = await rules.refresh(keep, this.view.operatorId);
      for (const r of refused) this.message('error', `Process ${r.processKey} refused: ${r.reason}. Tell your supervisor.`);
      this.warnedOffline = false;
      if (changed) await this.offerVersions(index.processes);
      this.view.site = index.site ?? this.view.site;
    } catch (error) {
      if (error instanceof NetworkError) {
        if (!this.warnedOffline) this.message('warning', `Server not reachable (${error.message}): working from the stored processes.`);
        this.warnedOffline = true;
      } else if (error instanceof HttpError && error.status === 401) {
        this.message('error', 'This terminal is no longer registered: pair it again.');
      } else this.message('error', `Rules: ${(error as Error).message}`);
    }
    const index = await rules.index();
    this.view.processes = choosable(index.processes);
    this.changed();
  }

  private async offerVersions(processes: DeployedProcess[]) {
    const current = this.driver?.current;
    const waiting: string[] = [];
    for (const p of processes) {
      if (!current || current.processKey !== p.processKey || current.versionHash === p.hash) continue;
      try {
        this.driver!.offer(p.processKey, p.hash, await this.rules!.machine(p.processKey, p.hash), { input: p.input, settings: p.settings, secrets: p.secrets });
        waiting.push(`${p.processKey} v${p.versionNumber}`);
      } catch (error) {
        this.message('error', (error as Error).message);
      }
    }
    this.view.waitingVersions = waiting;
  }

  private setOnline(online: boolean) {
    this.view.online = online;
    this.view.server = online ? (this.client?.server ?? null) : null;
  }

  /* ---------- sessions ---------- */

  /** Starts the process chosen on the screen (or by the push-to-talk key on a single choice). */
  async choose(processKey: string): Promise<void> {
    if (this.view.phase === 'running') return;
    const index = await this.rules!.index();
    const p = index.processes.find((x) => x.processKey === processKey);
    if (!p) {
      this.message('error', `Process ${processKey} is not deployed to this site.`);
      return;
    }
    await this.runSession(() => this.driver!.start(p.processKey, p.hash, null, { input: p.input, settings: p.settings, secrets: p.secrets }));
  }

  private async runSession(run: () => Promise<DialogResult>): Promise<void> {
    this.view.phase = 'running';
    this.view.heard = null;
    this.view.prompt = null;
    this.changed();
    try {
      const result = await run();
      this.view.lastEnd = result;
      if (result.status === 'error') this.message('error', `Session ended with an error: ${result.error ?? 'see the log'}`);
    } catch (error) {
      const text = error instanceof MachineRefusedError ? `${error.message}. Tell your supervisor.` : `Session could not run: ${(error as Error).message}`;
      this.message('error', text);
    }
    this.view.phase = 'choose';
    this.view.session = null;
    this.view.listening = false;
    this.view.waitingVersions = [];
    await this.refreshCounts();
    this.changed();
    // A boundary: a shell update is installed, a downloaded web update becomes active now.
    if (this.pendingApk) await this.installApk();
    if (await activatePendingWeb(this.o.storage.kv)) this.o.reload?.();
  }

  /** Hands an announced shell update to the device's package installer, once per version. */
  private async installApk(): Promise<void> {
    const offer = this.pendingApk;
    if (!offer || !this.client || !this.config || this.apkTried.has(offer.version)) return;
    this.apkTried.add(offer.version);
    const url = /^https?:/.test(offer.url) ? offer.url : this.client.server + offer.url;
    try {
      await this.o.bridge.installApk!({ url, sha256: offer.sha256, authorization: `Bearer ${this.config.token}` });
      this.message('info', `Terminal update ${offer.version}: confirm the installation on the screen.`);
    } catch (error) {
      this.message('error', `Terminal update ${offer.version} not installed: ${(error as Error).message}`);
    }
    this.pendingApk = null;
  }

  /* ---------- operator settings ---------- */

  private async operatorSignedOn(operatorId: string) {
    this.view.operatorId = operatorId;
    this.changed();
    try {
      const settings = await this.client!.json<OperatorSettings>('GET', `/api/terminal/v1/operators/${encodeURIComponent(operatorId)}/settings`);
      this.applySettings(settings, true);
    } catch {
      // Offline or no settings kept yet: the last ones stay.
    }
  }

  private applySettings(s: OperatorSettings, remember: boolean) {
    const clamp = (v: unknown, lo: number, hi: number, d: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : d);
    // A language of null means "no preference": the current one stays.
    const language: Lang = s.language === 'ru' || s.language === 'en' ? s.language : this.view.voice.language;
    this.view.voice = {
      language,
      rate: clamp(s.rate, 0.25, 4, 1),
      pitch: clamp(s.pitch, 0.25, 4, 1),
      volume: clamp(s.volume, 0, 1, 1),
    };
    if (s.language === 'ru' || s.language === 'en') this.language = s.language;
    if (remember) void this.o.storage.kv.set(LAST_SETTINGS, JSON.stringify(this.view.voice));
    this.changed();
  }

  /** Louder / quieter / faster / slower from the screen: applied now, kept on the server. */
  adjustVoice(change: Partial<Pick<Voice, 'rate' | 'volume' | 'pitch'>>): Promise<void> {
    const v = this.view.voice;
    return this.storeVoice({ ...v, rate: v.rate + (change.rate ?? 0), pitch: v.pitch + (change.pitch ?? 0), volume: v.volume + (change.volume ?? 0) });
  }

  /** Applies the operator's voice now and keeps it on the server (on this terminal when offline). */
  private async storeVoice(v: Voice): Promise<void> {
    this.applySettings({ language: v.language, rate: v.rate, pitch: v.pitch, volume: v.volume }, true);
    const id = this.view.operatorId;
    if (!id || !this.client) return;
    try {
      await this.client.json('PUT', `/api/terminal/v1/operators/${encodeURIComponent(id)}/settings`, this.view.voice);
    } catch {
      this.message('warning', 'Voice settings kept on this terminal; the server will get them next time.');
    }
  }

  /* ---------- queue, heartbeat ---------- */

  async refreshCounts(): Promise<void> {
    this.view.backlog = await this.o.storage.queue.backlog();
    const rejected = await this.o.storage.queue.rejected();
    this.view.rejected = rejected.map((r) => ({ id: r.event.id, code: r.code, message: r.message }));
    this.changed();
  }

  async heartbeat(): Promise<void> {
    if (!this.client || !this.rules) return;
    try {
      const device = await this.o.bridge.deviceInfo();
      const index = await this.rules.index();
      const current = this.driver?.current ?? null;
      const answer = await sendHeartbeat(this.client, heartbeatBody({
        device,
        webVersion: this.o.webVersion,
        runtimeVersion: this.o.runtimeVersion,
        machines: index.processes.map((p) => ({ processKey: p.processKey, hash: p.hash })),
        backlog: await this.o.storage.queue.backlog(),
        rejected: (await this.o.storage.queue.rejected()).length,
        operatorId: current?.operatorId ?? this.view.operatorId,
        processKey: current?.processKey ?? null,
        state: this.driver?.stateId() ?? null,
      }));
      if (answer.update && answer.update.webVersion !== this.o.webVersion && !(await this.o.storage.kv.get(PENDING_WEB))) {
        const bundle = await downloadWebUpdate(this.client, this.o.storage.kv, answer.update);
        this.view.webUpdate = bundle.version;
        this.message('info', `Update ${bundle.version} downloaded: it is installed when this task ends.`);
        if (this.view.phase !== 'running' && (await activatePendingWeb(this.o.storage.kv))) this.o.reload?.();
      }
      if (answer.apk && answer.apk.version !== device.shellVersion && this.o.bridge.installApk) {
        this.pendingApk = answer.apk;
        if (this.view.phase !== 'running') await this.installApk();
      }
    } catch (error) {
      if (!(error instanceof NetworkError)) this.message('warning', `Heartbeat: ${(error as Error).message}`);
    }
    this.changed();
  }
}
