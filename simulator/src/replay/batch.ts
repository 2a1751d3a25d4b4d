/**
 * Many sessions at once. A replayed step mostly waits on microtasks and the occasional
 * macrotask (a retry's backoff on the virtual clock), so running a few dozen concurrently keeps
 * one core busy instead of idling between them.
 */
import { breathe } from './breathe.js';
import { replaySession, type ReplayOptions } from './replay.js';
import type { LoggedEvent, SessionReplay } from './types.js';

export interface BatchItem<K = string> {
  key: K;
  events: readonly LoggedEvent[];
}

export interface BatchOptions<K> {
  /** The machine and settings for one item (sessions of several sites or processes differ). */
  options: (item: BatchItem<K>) => ReplayOptions | Promise<ReplayOptions>;
  /** Sessions in flight at once (default 32). */
  concurrency?: number;
  /** Each result as it comes (a server updates a job's progress). */
  onResult?: (item: BatchItem<K>, result: SessionReplay) => void;
  /** Checked before each session starts: true stops the batch (a cancelled job). */
  stopped?: () => boolean;
}

/** Replays every item; the results in the items' order. */
export async function replaySessions<K>(items: readonly BatchItem<K>[], batch: BatchOptions<K>): Promise<SessionReplay[]> {
  const results: SessionReplay[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !batch.stopped?.()) {
      const i = next++;
      const item = items[i]!;
      const result = await replaySession(item.events, await batch.options(item));
      results[i] = result;
      batch.onResult?.(item, result);
      await breathe();
    }
  };
  const n = Math.max(1, Math.min(batch.concurrency ?? 32, items.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}
