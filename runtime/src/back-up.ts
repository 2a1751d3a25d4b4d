/**
 * "Back up": the asks the operator answered, each with the snapshot of the dialog as it was
 * when the ask was put, so the driver can return to the previous ask with the variables as
 * they were. A WMS write that succeeded (a request with a method other than GET) is a floor:
 * nothing before it can be undone. Kept in the session record, so a resume can still back up.
 */
import type { AskJob, Job } from './jobs.js';
import { jobJson } from './job-json.js';

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
  /** This entry's JSON in the record, made once (entries never change). */
  json?: string;
}

/** Why there is nothing to back up to: the dialog's first ask, or a WMS write since. */
export type BackUpFloor = 'start' | 'write';

/** As the session record holds it: the snapshots parsed with the rest of the record. */
export interface PersistedBackUp {
  entries: (Omit<BackUpEntry, 'snapshot' | 'json'> & { snapshot: unknown })[];
  floor: BackUpFloor;
}

// The snapshot is JSON text already: written in as it is (not as an escaped string).
const entryJson = (e: BackUpEntry) => `{"stateId":${JSON.stringify(e.stateId)},"snapshot":${e.snapshot},"job":${jobJson(e.job)}}`;

export class BackUpHistory {
  private entries: BackUpEntry[] = [];
  private floor: BackUpFloor = 'start';
  /** The record's JSON of this history, made again only after a change (or of `skipTop`). */
  private json: string | null = '';
  private skipTop = false;

  /**
   * The ask `job` is being put (the actor is in its state). Asked again (a reprompt loop, a
   * return from an in-place word, a resume) it replaces its own entry. `snapshot` is the
   * persisted snapshot's JSON text now (the session record's writer: usually the text the save
   * after the step already made).
   */
  enter(job: AskJob, snapshot: string): void {
    const entry: BackUpEntry = { stateId: job.stateId, snapshot, job };
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

  /**
   * `,"backUp":{…}` for the session record, or '' while there is nothing to keep. `next` is the
   * job the driver performs next (the current one, else the head of the queue). When it is an
   * ask of the top entry's state, the top entry is left out: a resume performs that job first,
   * synchronously in `start`, and putting it replaces the top entry with one made from the same
   * snapshot (the record's own). So an ask asked again, the usual step of a counting loop, and
   * the ask a back up returns to, cost no snapshot of their own in the record.
   */
  recordJson(next: Job | null): string {
    const top = this.entries[this.entries.length - 1];
    const skipTop = top !== undefined && next !== null && next.kind === 'ask' && next.stateId === top.stateId;
    if (this.json === null || this.skipTop !== skipTop) {
      const kept = skipTop ? this.entries.length - 1 : this.entries.length;
      let list = '';
      for (let i = 0; i < kept; i++) list += (i === 0 ? '' : ',') + (this.entries[i]!.json ??= entryJson(this.entries[i]!));
      this.json = kept === 0 && this.floor === 'start' ? '' : `,"backUp":{"floor":"${this.floor}","entries":[${list}]}`;
      this.skipTop = skipTop;
    }
    return this.json;
  }

  restore(saved: PersistedBackUp | undefined): void {
    if (!saved) return;
    this.entries = saved.entries.slice(-BACK_UP_DEPTH).map((e) => ({ stateId: e.stateId, snapshot: typeof e.snapshot === 'string' ? e.snapshot : JSON.stringify(e.snapshot), job: e.job }));
    this.floor = saved.floor === 'write' ? 'write' : 'start';
    this.json = null;
  }
}
