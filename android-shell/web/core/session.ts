/**
 * The session driver: runs one operator's dialog on a cached machine version, keeps a record of
 * the running session so a killed or reloaded app resumes it (same session, same version, same
 * step: the runtime's own snapshot does the rest), and takes a newer version only at a task
 * boundary — at the end of the session, or at a switch point, where the state is carried over by
 * node id (runtime `startAt`; a node the new version lacks restarts the process, and the runtime
 * logs the mapping in `session.start.data.switchedFrom`).
 */
import { createDialog, storageKey, type Dialog, type DialogEvent, type DialogOptions, type DialogResult, type JsonValue, type Lang, type LoadedMachine } from '@voiceman/runtime';
import type { Voice } from '../bridge/contract.js';
import { createTerminalHost, randomUUID, type Speech, type TerminalHost, type TerminalHostOptions, type LatencySample } from './host.js';
import type { EventQueue } from './queue.js';
import type { RulesCache, SiteOptions } from './rules.js';
import type { KeyValueStore } from './storage.js';

export interface SessionRecord {
  sessionId: string;
  processKey: string;
  versionHash: string;
  operatorId: string | null;
  language: Lang;
  startedAt: number;
  /** The site's settings the session started with (kept for a resume: same input, same rules). */
  site?: SiteOptions;
}

/** The runtime options this driver uses for switching (runtime `startAt` / `switchPoint`). */
type Variables = Record<string, Record<string, JsonValue>>;
interface SwitchingOptions {
  startAt?: { stateId: string; variables: Variables; switchedFrom?: { sessionId: string; versionHash: string } };
  switchPoint?: (stateId: string) => boolean;
}
type SwitchingResult = Omit<DialogResult, 'status'> & { status: DialogResult['status'] | 'switched'; variables?: Variables };

export const CURRENT_SESSION_KEY = 'session:current';

/** The version a stored session runs on: the rules cache must keep it whatever the site deploys. */
export async function storedSessionVersions(kv: KeyValueStore): Promise<string[]> {
  const text = await kv.get(CURRENT_SESSION_KEY);
  return text ? [(JSON.parse(text) as SessionRecord).versionHash] : [];
}

export interface SessionDriverOptions {
  terminalId: string;
  kv: KeyValueStore;
  queue: EventQueue;
  rules: RulesCache;
  speech: Speech;
  voice: () => Voice;
  /** Applies and keeps the operator's volume and rate (the voice words); see TerminalHostOptions. */
  setVoice?: (settings: { volume: number; rate: number }) => Promise<void>;
  /** The preferred language (the last operator's setting), used when the process declares it. */
  language?: () => Lang | null;
  input?: Record<string, JsonValue>;
  /** Called when the sign-on subflow hands over the operator's id. */
  onOperator?: (operatorId: string) => void;
  /** A session (re)started on a version: the screen shows process and version. */
  onSession?: (record: SessionRecord) => void;
  host?: Partial<Pick<TerminalHostOptions, 'onEvent' | 'onSpeak' | 'onListen' | 'onHeard' | 'fetch'>>;
  randomUUID?: () => string;
  now?: () => number;
}

export class SessionDriver {
  private dialog: Dialog | null = null;
  private record: SessionRecord | null = null;
  /** Newer versions waiting for a boundary, per process. */
  private readonly pending = new Map<string, { hash: string; machine: LoadedMachine; site?: SiteOptions }>();
  readonly latencySamples: LatencySample[] = [];
  private readonly uuid: () => string;

  constructor(private readonly o: SessionDriverOptions) {
    this.uuid = o.randomUUID ?? randomUUID;
  }

  get current(): SessionRecord | null {
    return this.record;
  }

  /** The state the dialog is in (heartbeat, screen). */
  stateId(): string | null {
    return this.dialog ? this.dialog.state().stateId : null;
  }

  /** The stored record of a session that did not end (the app was killed or reloaded). */
  async stored(): Promise<SessionRecord | null> {
    const text = await this.o.kv.get(CURRENT_SESSION_KEY);
    if (!text) return null;
    const record = JSON.parse(text) as SessionRecord;
    // No snapshot yet (killed before the first step was saved) or already forgotten (killed
    // after the end): nothing to resume; a new session gets a new id, so its numbering is fresh.
    if ((await this.o.kv.get(storageKey(record.sessionId))) === null) {
      await this.o.kv.remove(CURRENT_SESSION_KEY);
      return null;
    }
    return record;
  }

  /**
   * A newer version of a process is in the cache: a session of it takes it at its next switch
   * point; the next session starts on it anyway.
   */
  offer(processKey: string, hash: string, machine: LoadedMachine, site?: SiteOptions): void {
    if (this.record?.processKey === processKey && this.record.versionHash === hash) this.pending.delete(processKey);
    else this.pending.set(processKey, { hash, machine, ...(site ? { site } : {}) });
  }

  /** Starts a new session of this version and runs it to its end (through any switches). */
  async start(processKey: string, versionHash: string, operatorId: string | null = null, site?: SiteOptions): Promise<DialogResult> {
    const machine = await this.o.rules.machine(processKey, versionHash);
    this.pending.delete(processKey);
    // The operator's language first, then the site's, then the process's first.
    const preferred = this.o.language?.() ?? site?.settings?.language ?? null;
    const language = preferred && machine.meta.languages.includes(preferred as Lang) ? (preferred as Lang) : machine.meta.languages[0]!;
    const record: SessionRecord = { sessionId: this.uuid(), processKey, versionHash, operatorId, language, startedAt: Date.now(), ...(site ? { site } : {}) };
    return this.run(record, machine, {});
  }

  /** Resumes a stored session on the version it started on. */
  async resume(record: SessionRecord): Promise<DialogResult> {
    const machine = await this.o.rules.machine(record.processKey, record.versionHash);
    return this.run(record, machine, {});
  }

  async stop(): Promise<void> {
    await this.dialog?.stop();
  }

  private async run(first: SessionRecord, firstMachine: LoadedMachine, firstSwitch: SwitchingOptions): Promise<DialogResult> {
    let record = first;
    let machine = firstMachine;
    let switching = firstSwitch;
    for (;;) {
      this.record = record;
      await this.o.kv.set(CURRENT_SESSION_KEY, JSON.stringify(record));
      this.o.onSession?.(record);
      const host = this.host();
      const options: DialogOptions & SwitchingOptions = {
        sessionId: record.sessionId,
        terminalId: this.o.terminalId,
        operatorId: record.operatorId,
        versionHash: record.versionHash,
        language: record.language,
        ...(this.inputFor(record, machine) ? { input: this.inputFor(record, machine)! } : {}),
        ...(record.site?.settings ? { settings: { ...record.site.settings, language: record.language } } : {}),
        ...(record.site?.secrets ? { secrets: record.site.secrets } : {}),
        ...switching,
        switchPoint: () => this.pending.has(record.processKey),
      };
      const dialog = createDialog(machine, host, options as DialogOptions);
      this.dialog = dialog;
      const unsubscribe = dialog.subscribe((event) => this.watch(event));
      await dialog.start();
      const result = (await dialog.done) as SwitchingResult;
      unsubscribe();
      this.dialog = null;
      const next = this.pending.get(record.processKey);
      if (result.status === 'switched' && next) {
        this.pending.delete(record.processKey);
        switching = {
          startAt: {
            stateId: result.stateId,
            variables: result.variables ?? {},
            switchedFrom: { sessionId: record.sessionId, versionHash: record.versionHash },
          },
        };
        const language = next.machine.meta.languages.includes(record.language) ? record.language : next.machine.meta.languages[0]!;
        // `this.record` carries the operator learnt during the session.
        record = { ...(this.record ?? record), sessionId: this.uuid(), versionHash: next.hash, language, startedAt: Date.now(), ...(next.site ? { site: next.site } : {}) };
        machine = next.machine;
        continue;
      }
      // A stopped session stays resumable; any other end is a boundary: forget it.
      if (result.status !== 'stopped') {
        await this.o.kv.remove(CURRENT_SESSION_KEY);
        this.record = null;
      }
      return result as DialogResult;
    }
  }

  /** The site's input values the machine declares (a value for an unknown variable would make createDialog throw). */
  private inputFor(record: SessionRecord, machine: LoadedMachine): Record<string, JsonValue> | undefined {
    const all = { ...this.o.input, ...record.site?.input };
    const types = machine.scopes.main?.types ?? {};
    const known = Object.fromEntries(Object.entries(all).filter(([name]) => name in types));
    return Object.keys(known).length > 0 ? known : undefined;
  }

  private host(): TerminalHost {
    const host = createTerminalHost({
      speech: this.o.speech,
      queue: this.o.queue,
      kv: this.o.kv,
      voice: this.o.voice,
      ...(this.o.setVoice ? { setVoice: this.o.setVoice } : {}),
      operatorId: () => this.record?.operatorId ?? null,
      ...this.o.host,
      ...(this.o.now ? { now: this.o.now } : {}),
      randomUUID: this.uuid,
      latencySamples: this.latencySamples,
    });
    return host;
  }

  private watch(event: DialogEvent): void {
    if (event.type !== 'variable' || !this.record) return;
    const { scope, name, value } = event.data;
    if (scope === 'main' && name === 'operatorId' && typeof value === 'string' && value !== '' && value !== this.record.operatorId) {
      this.record = { ...this.record, operatorId: value };
      void this.o.kv.set(CURRENT_SESSION_KEY, JSON.stringify(this.record));
      this.o.onOperator?.(value);
    }
  }
}
