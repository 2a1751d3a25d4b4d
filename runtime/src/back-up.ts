/**
 * "Back up": the asks the operator answered, each with the snapshot of the dialog as it was
 * when the ask was put, so the driver can return to the previous ask with the variables as
 * they were. A WMS write that succeeded (a request with a method other than GET) is a floor:
 * nothing before it can be undone. Kept in the session record, so a resume can still back up.
 */
import type { AnyActorRef } from 'xstate';
import type { AskJob } from './jobs.js';
import { PersistedSnapshotWriter } from './persisted-snapshot.js';

/**
 * At most this many asks are kept; older ones cannot be backed up to. Each is a snapshot in
 * every save of the session record, so the number is small: operators back up a step or two.
 */
export const BACK_UP_DEPTH = 5;

export interface BackUpEntry {
  stateId: string;
  /** JSON text of the XState persisted snapshot taken when the ask was put (an object in the record). */
  snapshot: string;
  job: AskJob;
}

/** Why there is nothing to back up to: the dialog's first ask, or a WMS write since. */
export type BackUpFloor = 'start' | 'write';

/** As the session record holds it: the snapshots parsed with the rest of the record. */
export interface PersistedBackUp {
  entries: (Omit<BackUpEntry, 'snapshot'> & { snapshot: unknown })[];
  floor: BackUpFloor;
}

// The snapshot is JSON text already: written in as it is (not as an escaped string).
const entryJson = (e: BackUpEntry) => `{"stateId":${JSON.stringify(e.stateId)},"snapshot":${e.snapshot},"job":${JSON.stringify(e.job)}}`;

export class BackUpHistory {
  private entries: BackUpEntry[] = [];
  /** Each entry's JSON, made once (entries never change). */
  private readonly texts = new WeakMap<BackUpEntry, string>();
  private floor: BackUpFloor = 'start';
  private readonly writer = new PersistedSnapshotWriter();
  /** The record's JSON of this history, made again only after a change. */
  private json: string | null = '';

  /**
   * The ask `job` is being put (the actor is in its state). Asked again (a reprompt loop, a
   * return from an in-place word, a resume) it replaces its own entry.
   */
  enter(job: AskJob, actor: AnyActorRef): void {
    const entry: BackUpEntry = { stateId: job.stateId, snapshot: this.writer.text(actor), job };
    const top = this.entries[this.entries.length - 1];
    if (top?.stateId === job.stateId) this.entries[this.entries.length - 1] = entry;
    else this.entries.push(entry);
    if (this.entries.length > BACK_UP_DEPTH) this.entries.shift();
    this.json = null;
  }

  /** A WMS write succeeded: no ask before it can be returned to. */
  wrote(): void {
    this.entries = [];
    this.floor = 'write';
    this.json = null;
  }

  /** Drops the current ask and returns the one before it, or why there is none. */
  back(): BackUpEntry | BackUpFloor {
    if (this.entries.length < 2) return this.floor;
    this.entries.pop();
    this.json = null;
    return this.entries[this.entries.length - 1]!;
  }

  /** `,"backUp":{…}` for the session record, or '' while there is nothing to keep. */
  recordJson(): string {
    if (this.json === null) {
      this.json =
        this.entries.length === 0 && this.floor === 'start'
          ? ''
          : `,"backUp":{"floor":"${this.floor}","entries":[${this.entries.map((e) => this.texts.get(e) ?? this.texts.set(e, entryJson(e)).get(e)!).join(',')}]}`;
    }
    return this.json;
  }

  restore(saved: PersistedBackUp | undefined): void {
    if (!saved) return;
    this.entries = saved.entries.slice(-BACK_UP_DEPTH).map((e) => ({ ...e, snapshot: typeof e.snapshot === 'string' ? e.snapshot : JSON.stringify(e.snapshot) }));
    this.floor = saved.floor === 'write' ? 'write' : 'start';
    this.json = null;
  }
}
