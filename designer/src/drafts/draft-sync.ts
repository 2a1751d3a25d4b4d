/**
 * Autosave of a draft: every graph change is written to a local copy at once (so a reload or a
 * lost connection loses nothing) and PUT to the server after a pause, with the revision it was
 * based on. A 409 stops autosaving and surfaces the other side's graph; the person chooses.
 */
import type { FlowGraph } from '@voiceman/compiler';
import { ApiError, OfflineError, type Api, type ConflictCurrent } from '../api/client.js';
import type { EditorStore } from '../store/editor-store.js';

export type SyncStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'error';

export interface SyncState {
  status: SyncStatus;
  revision: number;
  conflict?: ConflictCurrent;
  error?: string;
}

export interface LocalCopy {
  graph: FlowGraph;
  /** Server revision the local edits started from. */
  baseRevision: number;
  savedAt: number;
}

/** Only `getItem`/`setItem`/`removeItem` of `localStorage`. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const localKey = (processKey: string) => `voiceman.draft.${processKey}`;

export function readLocalCopy(storage: KeyValueStorage, processKey: string): LocalCopy | undefined {
  const text = storage.getItem(localKey(processKey));
  if (!text) return undefined;
  try {
    const copy = JSON.parse(text) as LocalCopy;
    return copy && typeof copy.baseRevision === 'number' && copy.graph?.formatVersion === 1 ? copy : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What to open: the server's draft, or the local copy when it holds edits not yet saved.
 * A local copy based on an older revision is still opened; its save then meets the 409 and the
 * person decides, rather than either side being dropped silently.
 */
export function chooseStartingPoint(
  storage: KeyValueStorage,
  server: { graph: FlowGraph; revision: number },
  processKey: string,
): { graph: FlowGraph; revision: number; fromLocal: boolean } {
  const local = readLocalCopy(storage, processKey);
  if (!local || JSON.stringify(local.graph) === JSON.stringify(server.graph)) {
    if (local) storage.removeItem(localKey(processKey));
    return { graph: server.graph, revision: server.revision, fromLocal: false };
  }
  return { graph: local.graph, revision: local.baseRevision, fromLocal: true };
}

export interface DraftSyncOptions {
  processKey: string;
  revision: number;
  store: EditorStore;
  api: Pick<Api, 'saveDraft'>;
  storage: KeyValueStorage;
  delayMs?: number;
  retryMs?: number;
  onChange(state: SyncState): void;
  /** Start with unsaved changes (a restored local copy). */
  dirty?: boolean;
}

export function createDraftSync(options: DraftSyncOptions) {
  const { processKey, store, api, storage, onChange } = options;
  const delayMs = options.delayMs ?? 800;
  const retryMs = options.retryMs ?? 5000;
  let state: SyncState = { status: options.dirty ? 'dirty' : 'saved', revision: options.revision };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | undefined;
  let disposed = false;

  const update = (next: Partial<SyncState>) => {
    state = { ...state, ...next };
    if (!disposed) onChange(state);
  };

  const writeLocal = () => {
    const copy: LocalCopy = { graph: store.getState().graph, baseRevision: state.revision, savedAt: Date.now() };
    try {
      storage.setItem(localKey(processKey), JSON.stringify(copy));
    } catch {
      // Storage full or disabled: the server save is still attempted.
    }
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void save(), ms);
  };

  async function save(): Promise<void> {
    clearTimeout(timer);
    if (state.status === 'conflict' || disposed) return;
    if (inFlight) {
      await inFlight;
      return save();
    }
    if (state.status === 'saved') return;
    const graph = store.getState().graph;
    update({ status: 'saving' });
    inFlight = (async () => {
      try {
        const { revision } = await api.saveDraft(processKey, graph, state.revision);
        const changedMeanwhile = store.getState().graph !== graph;
        update({ revision, status: changedMeanwhile ? 'dirty' : 'saved', error: undefined });
        if (changedMeanwhile) {
          writeLocal();
          schedule(delayMs);
        } else {
          storage.removeItem(localKey(processKey));
        }
      } catch (err) {
        if (err instanceof ApiError && err.status === 409 && err.details.current) {
          update({ status: 'conflict', conflict: err.details.current as ConflictCurrent });
        } else if (err instanceof OfflineError || (err instanceof ApiError && err.status >= 500)) {
          update({ status: 'offline' });
          schedule(retryMs);
        } else {
          update({ status: 'error', error: err instanceof Error ? err.message : String(err) });
        }
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.graph === prev.graph || s.readOnly) return;
    writeLocal();
    if (state.status === 'conflict') return;
    update({ status: 'dirty' });
    schedule(delayMs);
  });

  if (options.dirty) {
    writeLocal();
    schedule(0);
  }

  return {
    getState: () => state,
    /** Saves now (leaving the editor, publishing). */
    flush: save,
    /** Conflict: take the other side's graph, dropping local edits. */
    takeTheirs() {
      const current = state.conflict;
      if (!current) return;
      storage.removeItem(localKey(processKey));
      update({ status: 'saved', revision: current.revision, conflict: undefined });
      store.getState().replaceGraph(current.graph);
      // replaceGraph made the store dirty through the subscription; that graph is the server's.
      clearTimeout(timer);
      storage.removeItem(localKey(processKey));
      update({ status: 'saved' });
    },
    /** Conflict: save ours over theirs (theirs stays in the server's revision history). */
    async keepMine() {
      const current = state.conflict;
      if (!current) return;
      update({ status: 'dirty', revision: current.revision, conflict: undefined });
      await save();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}

export type DraftSync = ReturnType<typeof createDraftSync>;
