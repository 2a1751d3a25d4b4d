/**
 * The JSON text of XState's persisted snapshot, written once per step without XState's generic
 * copy (`getPersistedSnapshot` rest-spreads the snapshot and walks the whole context looking
 * for actor refs, then everything is stringified again). A dialog's context is plain JSON and
 * mostly unchanged between steps (session, settings, untouched scopes): the JSON of each part
 * is kept and reused while the part is the same object, since XState contexts are immutable.
 *
 * Only the common case takes this path: an active snapshot without children. Anything else
 * (done, error, spawned children) goes through XState's own `getPersistedSnapshot`. The output
 * parses to the same value as `JSON.stringify(actor.getPersistedSnapshot())` (tested).
 */
import type { AnyActorRef, AnyMachineSnapshot } from 'xstate';

interface Cached {
  ref: unknown;
  /** `"key":` written once per key. */
  key: string;
  json: string;
}

export class PersistedSnapshotWriter {
  private readonly parts = new Map<string, Cached>();
  private readonly scopes = new Map<string, Cached>();
  /**
   * The last snapshot written and its text. XState snapshots are immutable, so the same object
   * has the same text: the record's save after a step and the back-up entry of the ask put
   * right after it (back-up.ts) write one snapshot, made once; so do progress saves.
   */
  private lastSnap: unknown = undefined;
  private lastJson = '';

  text(actor: AnyActorRef): string {
    const snap = actor.getSnapshot() as AnyMachineSnapshot;
    if (snap === this.lastSnap) return this.lastJson;
    this.lastJson =
      snap.status !== 'active' || snap.output !== undefined || snap.error !== undefined || !isEmpty(snap.children)
        ? JSON.stringify(actor.getPersistedSnapshot())
        : `{"status":"active","value":${JSON.stringify(snap.value)},"historyValue":${historyJson(snap.historyValue)},"context":${this.contextJson(snap.context as Record<string, unknown>)},"children":{}}`;
    this.lastSnap = snap;
    return this.lastJson;
  }

  private contextJson(context: Record<string, unknown>): string {
    let out = '';
    for (const key in context) {
      const value = context[key];
      if (value === undefined) continue;
      out += (out === '' ? '{' : ',') + (key === 'vars' ? `"vars":${this.varsJson(value as Record<string, unknown>)}` : member(this.parts, key, value));
    }
    return out === '' ? '{}' : out + '}';
  }

  private varsJson(vars: Record<string, unknown>): string {
    let out = '';
    for (const scope in vars) {
      const values = vars[scope];
      if (values === undefined) continue;
      out += (out === '' ? '{' : ',') + member(this.scopes, scope, values);
    }
    return out === '' ? '{}' : out + '}';
  }
}

/**
 * `"key":<JSON of value>`, reused while the value is the same: the same object (contexts are
 * immutable) or the same primitive (`result: null`). Keys are written once, not per save.
 */
function member(cache: Map<string, Cached>, key: string, value: unknown): string {
  let hit = cache.get(key);
  if (hit === undefined) cache.set(key, (hit = { ref: undefined, key: `${JSON.stringify(key)}:`, json: '' }));
  else if (hit.ref === value) return hit.json;
  hit.ref = value;
  hit.json = hit.key + JSON.stringify(value);
  return hit.json;
}

function isEmpty(record: Record<string, unknown> | undefined): boolean {
  for (const _ in record) return false;
  return true;
}

/** XState's `serializeHistoryValue`: state node lists become `{ id }` lists. */
function historyJson(history: Record<string, { id: string }[]> | undefined): string {
  if (isEmpty(history)) return '{}';
  const out: Record<string, { id: string }[]> = {};
  for (const key in history) {
    const nodes = history[key];
    if (Array.isArray(nodes)) out[key] = nodes.map((n) => ({ id: n.id }));
  }
  return JSON.stringify(out);
}
