import type { FastifyBaseLogger } from 'fastify';
import type { EventsRepository } from './repositories/events.js';
import type { UsersRepository } from './repositories/users.js';

export { retentionStart } from './months.js';

/**
 * Months of dialog events kept when `VOICEMAN_RETENTION_MONTHS` is not set: the shortest
 * whole-month retention, chosen from the load run's sizing (ops/README.md "Sizing"). An event
 * costs about 730 bytes on PostgreSQL (partition, indexes, key and session rows), a picker about
 * 4,000 events per working hour, and a retention of `m` months holds up to `m + 1` months on
 * disk (the current month fills while the oldest waits for its month to end): on the original
 * server's 900 GB (720 GB for the log) `m = 1` is 250 terminals in two shifts, 12 months only 40.
 * A small site raises it; a site of 500 terminals in two shifts needs a bigger disk even at 1.
 */
export const DEFAULT_RETENTION_MONTHS = 1;
/** A hundred years: more is a typo, not a policy. */
const MAX_RETENTION_MONTHS = 1200;

/**
 * Reads `VOICEMAN_RETENTION_MONTHS`: unset → DEFAULT_RETENTION_MONTHS (1), `off` → undefined (events are kept forever),
 * a whole number 1–1200 → that many months. Anything else throws, so the server refuses to
 * start instead of silently keeping (or dropping) events by a value nobody meant.
 */
export function parseRetentionMonths(raw: string | undefined): number | undefined {
  const value = raw?.trim() ?? '';
  if (value === '') return DEFAULT_RETENTION_MONTHS;
  if (value === 'off') return undefined;
  const months = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (validMonths(months)) return months;
  throw new Error(`VOICEMAN_RETENTION_MONTHS=${JSON.stringify(raw)} is not a retention: give a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or off to keep dialog events forever`);
}

const validMonths = (months: number) => Number.isInteger(months) && months >= 1 && months <= MAX_RETENTION_MONTHS;

/** buildApp's `retention.months`: the same rule (absent `retention` is off). */
export function checkRetentionMonths(months: number): number {
  if (!validMonths(months)) throw new Error(`retention.months=${months} is not a retention: give a whole number of months from 1 to ${MAX_RETENTION_MONTHS}`);
  return months;
}

/**
 * Runs `task` now and then every `intervalMs` (the timer never keeps the process alive). Runs
 * never overlap: a run asked for while one is going joins it. A failure is logged, not thrown.
 */
export function periodicJob(what: string, task: () => Promise<void>, intervalMs: number, log: FastifyBaseLogger) {
  let running: Promise<void> | undefined;
  const once = async () => {
    try {
      await task();
    } catch (err) {
      log.error(err, `${what} failed`);
    }
  };
  const run = () => {
    running ??= once().finally(() => {
      running = undefined;
    });
    return running;
  };
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), run };
}

/** Drops old dialog-event partitions now and then every `intervalMs`. */
export function retentionJob(events: EventsRepository, months: number, intervalMs: number, log: FastifyBaseLogger) {
  return periodicJob('retention job', async () => {
    const dropped = await events.dropOlderThan(months);
    if (dropped.length) log.info({ dropped }, 'retention dropped dialog-event partitions');
  }, intervalMs, log);
}

/** Deletes expired browser sessions now and then every `intervalMs`. */
export function sessionPurgeJob(users: UsersRepository, intervalMs: number, log: FastifyBaseLogger) {
  return periodicJob('session purge', async () => {
    const purged = await users.purgeExpiredSessions();
    if (purged) log.info({ purged }, 'expired sessions purged');
  }, intervalMs, log);
}
