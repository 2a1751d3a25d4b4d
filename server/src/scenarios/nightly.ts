/**
 * The nightly scenario job: an in-process scheduler that fires once a day at `HH:MM` UTC
 * (`VOICEMAN_NIGHTLY_AT`, default 02:00, `off` disables). With several servers on one database
 * each one fires, and the first to claim the day's slot (a row in `scenario_nightly_slots`,
 * INSERT … ON CONFLICT DO NOTHING) runs it; the others skip. A claimed row rather than an
 * advisory lock: a lock is free again once the winner finishes, so a server whose timer fires
 * a little later would run the night again; the row also survives a restart in the same minute.
 * Time comes from an injectable clock, so a test drives the scheduler without waiting.
 */
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { RunsRepository } from './runs-repository.js';

export interface SchedulerClock {
  now(): number;
  /** Calls `fn` after `ms`; returns a cancel function. Must not keep the process alive. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

export interface NightlyAt {
  hour: number;
  minute: number;
}

/** `HH:MM` (UTC) → the time of day; `off` → null; anything else is a start-up error. */
export function parseNightlyAt(value: string): NightlyAt | null {
  if (value === 'off') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`VOICEMAN_NIGHTLY_AT must be HH:MM (UTC, e.g. 02:00) or off, not ${JSON.stringify(value)}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The first slot strictly after `now` (epoch ms). */
export function nextSlot(now: number, at: NightlyAt): number {
  const d = new Date(now);
  const today = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), at.hour, at.minute);
  return today > now ? today : today + 24 * 3600_000;
}

export interface NightlyOptions {
  at: NightlyAt;
  clock: SchedulerClock;
  runs: RunsRepository;
  /** Starts the night's runs (the scenario runner's `nightly`). */
  start: () => Promise<string[]>;
  log: FastifyBaseLogger;
  /** Who claims slots, for the record (host and pid by default). */
  instance?: string;
}

export function nightlyScheduler(o: NightlyOptions) {
  const instance = o.instance ?? `${hostname()}:${process.pid}`;
  let cancel: (() => void) | undefined;
  let stopped = false;
  /** The last firing (tests await it). */
  let last: Promise<string[]> = Promise.resolve([]);

  async function fire(slot: number): Promise<string[]> {
    const day = new Date(slot).toISOString().slice(0, 10);
    if (!(await o.runs.claimNightly(day, instance))) {
      o.log.info({ day }, 'nightly scenario runs: another server took this night');
      return [];
    }
    const ids = await o.start();
    o.log.info({ day, runs: ids.length }, 'nightly scenario runs started');
    return ids;
  }

  function schedule(): void {
    if (stopped) return;
    const slot = nextSlot(o.clock.now(), o.at);
    cancel = o.clock.setTimer(() => {
      last = fire(slot).catch((err) => {
        o.log.error(err, 'nightly scenario runs failed to start');
        return [];
      });
      // The next night is counted from the slot, so a late timer does not skip or repeat one.
      void last.finally(schedule);
    }, Math.max(0, slot - o.clock.now()));
  }

  schedule();
  return {
    stop(): void {
      stopped = true;
      cancel?.();
    },
    /** The runs the last firing started (empty when another server took the night). */
    lastFiring: () => last,
  };
}
export type NightlyScheduler = ReturnType<typeof nightlyScheduler>;
