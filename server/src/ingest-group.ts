/**
 * Concurrent event POSTs of one site written together. A fleet posts small batches (5–10 events
 * every 2 s per terminal), and PostgreSQL's cost of one ingest statement is mostly fixed
 * (executor start, the CTE's inserts, the rollup trigger per statement, the commit's WAL flush):
 * ~1.4 ms of its CPU per 10-event POST against ~0.02 ms per event in a batch of 500. So while a
 * site's writes are in flight, the POSTs that arrive wait and then go in one statement. Nothing
 * waits on a timer: on an idle server a POST is written at once, under load the groups grow by
 * themselves (group commit). Each POST is still answered only after its rows are committed.
 *
 * A group that fails is retried one POST at a time, so a POST's failure is its own and never
 * its neighbours'. The answer for each POST is the one it would get written alone, but for an
 * event id two POSTs of one group both carry (a terminal's retry while its first POST is still
 * in flight): the later copy is a duplicate of the stored one, or gets the same rejection.
 */
import type { IncomingEvent, IngestResult } from './repositories/events.js';

export type Ingest = (siteId: string, events: IncomingEvent[]) => Promise<IngestResult>;

export interface IngestGroupOptions {
  /** Statements of one site in flight at once (the database pool is shared with everything else). */
  maxInFlight?: number;
  /** Events in one statement at most: a group stops growing here (the rest wait for the next). */
  maxEvents?: number;
}

interface Waiting {
  events: IncomingEvent[];
  resolve: (result: IngestResult) => void;
  reject: (error: unknown) => void;
}

interface Site {
  inFlight: number;
  waiting: Waiting[];
}

export function groupedIngest(ingest: Ingest, options: IngestGroupOptions = {}): Ingest {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxEvents = options.maxEvents ?? 5_000;
  const sites = new Map<string, Site>();

  const start = (siteId: string, site: Site): void => {
    while (site.inFlight < maxInFlight && site.waiting.length > 0) {
      const group: Waiting[] = [site.waiting.shift()!];
      let size = group[0]!.events.length;
      while (site.waiting.length > 0 && size + site.waiting[0]!.events.length <= maxEvents) {
        const next = site.waiting.shift()!;
        size += next.events.length;
        group.push(next);
      }
      site.inFlight += 1;
      void write(siteId, group).finally(() => {
        site.inFlight -= 1;
        if (site.inFlight === 0 && site.waiting.length === 0) sites.delete(siteId);
        else start(siteId, site);
      });
    }
  };

  const write = async (siteId: string, group: Waiting[]): Promise<void> => {
    if (group.length === 1) {
      const [only] = group;
      await ingest(siteId, only!.events).then(only!.resolve, only!.reject);
      return;
    }
    let result: IngestResult;
    try {
      result = await ingest(siteId, group.flatMap((w) => w.events));
    } catch {
      // Each alone: a POST whose rows the database refuses fails by itself (connection loss
      // fails each again, as it would have).
      for (const w of group) await ingest(siteId, w.events).then(w.resolve, w.reject);
      return;
    }
    for (const [i, answer] of splitResult(group.map((w) => w.events), result).entries()) group[i]!.resolve(answer);
  };

  return (siteId, events) => {
    if (events.length === 0) return ingest(siteId, events);
    return new Promise<IngestResult>((resolve, reject) => {
      let site = sites.get(siteId);
      if (!site) sites.set(siteId, (site = { inFlight: 0, waiting: [] }));
      site.waiting.push({ events, resolve, reject });
      start(siteId, site);
    });
  };
}

/** One group's result, given back to each POST as if written alone (see the module comment). */
function splitResult(posts: IncomingEvent[][], result: IngestResult): IngestResult[] {
  const stored = new Set(result.stored);
  const rejected = new Map(result.rejected.map((r) => [r.id, r]));
  const firstIn = new Map<string, number>();
  return posts.map((events, p) => {
    const answer: IngestResult = { stored: [], duplicates: [], rejected: [] };
    for (const e of events) {
      const first = firstIn.get(e.id);
      if (first === undefined) {
        firstIn.set(e.id, p);
        if (stored.has(e.id)) answer.stored.push(e.id);
        else if (rejected.has(e.id)) answer.rejected.push(rejected.get(e.id)!);
        else answer.duplicates.push(e.id);
      } else if (first !== p && rejected.has(e.id)) answer.rejected.push(rejected.get(e.id)!);
      else answer.duplicates.push(e.id);
    }
    return answer;
  });
}
