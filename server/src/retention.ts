import type { FastifyBaseLogger } from 'fastify';
import type { EventsRepository } from './repositories/events.js';

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
