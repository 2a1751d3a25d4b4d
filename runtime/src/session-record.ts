/**
 * The session record: what a dialog keeps in `host.storage` so it can resume after a crash or a
 * stop, and the seq numbers it reserves ahead of every save. The driver (dialog.ts) asks for a
 * save after every step; this file decides what is written and when (persisted-snapshot.ts
 * writes the XState snapshot's part). Format: docs/machine-format.md, *Persistence*.
 */
import type { AnyActorRef } from 'xstate';
import type { Host } from './host.js';
import type { Job } from './jobs.js';
import type { AskProgress } from './driver-port.js';
import type { EventEmitter } from './emitter.js';
import { PersistedSnapshotWriter } from './persisted-snapshot.js';
import { jobJson, jobsJson } from './job-json.js';
import type { PersistedBackUp } from './back-up.js';
import { leafId } from './dialog-start.js';

/**
 * Seq numbers reserved ahead of every save. A resumed session numbers from the saved ceiling,
 * so events emitted after the last save and lost in a crash are never numbered twice (the
 * server refuses a taken `(sessionId, seq)`). A new ceiling is saved once half the block is
 * used, on the next microtask (after the current step), so numbering stays unique unless more
 * than `SEQ_BLOCK / 2` events are emitted while that one save is still in flight.
 */
export const SEQ_BLOCK = 64;

export const storageKey = (sessionId: string) => `voiceman.session.${sessionId}`;

/** What the runtime keeps in host storage per session (version 1). */
export interface PersistedSession {
  v: 1;
  snapshot: unknown;
  /** The last seq emitted when saved. */
  seq: number;
  /** Numbers up to here may have been used; a resume continues after it (absent in old records). */
  seqCeiling?: number;
  /** The machine that saved it (absent in old records: then assumed to match). */
  versionHash?: string;
  processKey?: string;
  current: Job | null;
  queue: Job[];
  ask: AskProgress | null;
  /** The asks "back up" can return to (absent while there are none: back-up.ts). */
  backUp?: PersistedBackUp;
}

/** The driver's work in progress, saved beside the snapshot. */
export interface DriverProgress {
  current: Job | null;
  queue: Job[];
  ask: AskProgress | null;
  /** `,"backUp":{…}` or '' (BackUpHistory.recordJson). */
  backUpJson?: string;
}

/** The seq a resumed session numbers after: nothing up to the saved ceiling is used again. */
export const resumeSeq = (record: PersistedSession): number => Math.max(record.seq, record.seqCeiling ?? 0);

/** Why a stored record is not resumed by this machine: saved by another version or process. */
export interface VersionMismatch {
  message: string;
  /** Where the stored session stands (null when its snapshot names no state). */
  stateId: string | null;
  savedVersion: string;
  savedProcess: string;
}

/**
 * Whether `record` was saved by this version of this process (`null`), or why not. A record
 * without the fields (an old one) is taken as matching. `restart` only words the message.
 */
export function versionMismatch(record: PersistedSession, versionHash: string, processKey: string, restart: boolean): VersionMismatch | null {
  const savedVersion = record.versionHash ?? versionHash;
  const savedProcess = record.processKey ?? processKey;
  if (savedVersion === versionHash && savedProcess === processKey) return null;
  const message = `stored session was saved by process "${savedProcess}" version ${savedVersion}, this is "${processKey}" version ${versionHash}: ${restart ? 'starting over' : 'not resumed (the stored session is kept)'}`;
  return { message, stateId: leafId((record.snapshot as { value?: unknown } | null)?.value) || null, savedVersion, savedProcess };
}

export class SessionRecord {
  readonly key: string;
  /** `"versionHash":…,"processKey":…` of every saved record, written once. */
  private readonly identityJson: string;
  private readonly snapshotJson = new PersistedSnapshotWriter();
  /** The latest save requested (resolves once written, or once its failure was reported). */
  private saving: Promise<void> = Promise.resolve();
  /** Saves requested and not yet settled: only then does a new one wait for the previous. */
  private inFlight = 0;
  /** The seq ceiling of the latest save (requested, maybe not yet written). */
  private reservedCeiling = 0;
  private readonly settled = () => {
    this.inFlight--;
  };
  private readonly failed = (error: unknown) => {
    this.inFlight--;
    this.onError((error as Error)?.message ?? String(error));
  };

  /**
   * `requestSave` is called (on a later microtask) when half the reserved seq block is used;
   * `onError` when a save fails (the driver emits a `storage` error event and goes on).
   */
  constructor(
    private readonly host: Host,
    private readonly events: EventEmitter,
    identity: { sessionId: string; versionHash: string; processKey: string },
    private readonly onError: (message: string) => void,
    requestSave: () => void,
  ) {
    this.key = storageKey(identity.sessionId);
    this.identityJson = `"versionHash":${JSON.stringify(identity.versionHash)},"processKey":${JSON.stringify(identity.processKey)}`;
    events.onLowWater = () => {
      events.lowWater = Infinity;
      // Not now: an event may be emitted mid-microstep, when the snapshot is not yet settled.
      void Promise.resolve().then(() => {
        if (events.seq >= this.reservedCeiling - SEQ_BLOCK / 2) requestSave();
      });
    };
  }

  /** The actor's persisted snapshot as JSON text, as the next save writes it (made once per snapshot). */
  snapshotText(actor: AnyActorRef): string {
    return this.snapshotJson.text(actor);
  }

  /** The stored record; `null` when there is none; throws when it is unreadable. */
  async load(): Promise<PersistedSession | null> {
    const saved = await this.host.storage.load(this.key);
    if (saved === null) return null;
    const record = JSON.parse(saved) as PersistedSession;
    if (record?.v !== 1) throw new Error(`unknown snapshot version ${String(record?.v)}`);
    return record;
  }

  /**
   * Saves the actor's snapshot and the driver's progress, reserving the next `SEQ_BLOCK` seq
   * numbers. The text is the same as `JSON.stringify` of a `PersistedSession`, with the
   * snapshot's unchanged parts reused from the previous save (see persisted-snapshot.ts).
   * Saves reach storage one at a time, in order.
   */
  save(actor: AnyActorRef, progress: DriverProgress): Promise<void> {
    const seq = this.events.seq;
    this.reservedCeiling = seq + SEQ_BLOCK;
    this.events.lowWater = seq + SEQ_BLOCK / 2;
    const { current, queue, ask, backUpJson = '' } = progress;
    const text = `{"v":1,"snapshot":${this.snapshotJson.text(actor)},"seq":${seq},"seqCeiling":${this.reservedCeiling},${this.identityJson},"current":${jobJson(current)},"queue":${jobsJson(queue)},"ask":${ask === null ? 'null' : JSON.stringify(ask)}${backUpJson}}`;
    // Straight to storage when nothing is in flight (the common case: one save per step): a
    // chain of `then`s per save was a measurable part of a step (bench, profile).
    const write = () => this.host.storage.save(this.key, text);
    let started: Promise<void>;
    if (this.inFlight++ === 0) {
      try {
        started = write();
      } catch (error) {
        started = Promise.reject(error);
      }
    } else started = this.saving.then(write);
    this.saving = started.then(this.settled, this.failed);
    return this.saving;
  }

  /** Resolves once every save requested so far is written (or its failure reported). */
  written(): Promise<void> {
    return this.saving;
  }

  /** The dialog ended (done, error, switched): nothing is left to resume. */
  async remove(): Promise<void> {
    await this.saving;
    await this.host.storage.remove(this.key);
  }

  /**
   * The dialog was stopped: every number used is known now, so the kept record's ceiling
   * becomes the last seq and a resume continues right after it, without a gap.
   */
  async closeNumbering(): Promise<void> {
    await this.saving;
    const record = JSON.parse((await this.host.storage.load(this.key)) ?? 'null') as PersistedSession | null;
    if (record) await this.host.storage.save(this.key, JSON.stringify({ ...record, seq: this.events.seq, seqCeiling: this.events.seq }));
  }
}
