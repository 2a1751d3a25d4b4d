import type { FastifyBaseLogger } from 'fastify';
import type { EventsRepository } from './repositories/events.js';
import type { UsersRepository } from './repositories/users.js';

/**
 * First instant (epoch ms, UTC) the retention keeps: the start of the oldest month that is not
 * dropped. `dropOlderThan` drops whole months before it; ingest refuses events before it.
 */
export function retentionStart(months: number, now: Date = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1);
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
