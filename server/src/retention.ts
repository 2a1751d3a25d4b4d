import type { FastifyBaseLogger } from 'fastify';
import type { EventsRepository } from './repositories/events.js';

/**
 * First instant (epoch ms, UTC) the retention keeps: the start of the oldest month that is not
 * dropped. `dropOlderThan` drops whole months before it; ingest refuses events before it.
 */
export function retentionStart(months: number, now: Date = new Date()): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1);
}

/**
 * Drops old dialog-event partitions now and then every `intervalMs` (the timer never keeps the
 * process alive). Runs never overlap: a run asked for while one is going joins it.
 */
export function retentionJob(events: EventsRepository, months: number, intervalMs: number, log: FastifyBaseLogger) {
  let running: Promise<void> | undefined;
  const once = async () => {
    try {
      const dropped = await events.dropOlderThan(months);
      if (dropped.length) log.info({ dropped }, 'retention dropped dialog-event partitions');
    } catch (err) {
      log.error(err, 'retention job failed');
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
