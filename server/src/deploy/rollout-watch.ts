import type { FastifyBaseLogger } from 'fastify';
import { HttpError } from '../errors.js';
import type { Rollout, RolloutsRepository } from '../repositories/rollouts.js';
import type { SchedulerClock } from '../scenarios/nightly.js';
import type { DeployService } from './service.js';

export interface RolloutCheck {
  rolloutId: number;
  /** The threshold crossed, in words; null when the group is within its thresholds. */
  crossed: string | null;
  rolledBack: boolean;
}

export interface RolloutWatchOptions {
  clock: SchedulerClock;
  intervalMs: number;
  rollouts: RolloutsRepository;
  service: DeployService;
  /** Records an automatic rollback (the audit log's actor 'system'). */
  onAutomaticRollback: (rollout: Rollout, reason: string) => Promise<void>;
  log: FastifyBaseLogger;
}

const hasThresholds = (r: Rollout) => ['errorRate', 'noMatchRate', 'meanTaskTime'].some((k) => r.thresholds[k as keyof Rollout['thresholds']] !== undefined);

/**
 * Rolls a staged rollout back by itself when its group crossed a threshold the admin set:
 * every `intervalMs` on the clock (tests drive a fake one), and on demand (`check`).
 */
export function rolloutWatch(o: RolloutWatchOptions) {
  let cancel: (() => void) | undefined;
  let stopped = false;

  async function check(rollout: Rollout): Promise<RolloutCheck> {
    const f = await o.service.figures(rollout, new Date(o.clock.now()));
    if (!f.crossed) return { rolloutId: rollout.id, crossed: null, rolledBack: false };
    const reason = `automatic: ${f.crossed}`;
    try {
      await o.service.rollbackRollout(rollout, 'system', reason);
    } catch (err) {
      // Promoted or rolled back meanwhile (an admin, another instance): nothing left to do.
      if (err instanceof HttpError && err.code === 'rollout_ended') return { rolloutId: rollout.id, crossed: f.crossed, rolledBack: false };
      throw err;
    }
    await o.onAutomaticRollback(rollout, reason);
    return { rolloutId: rollout.id, crossed: f.crossed, rolledBack: true };
  }

  async function checkAll(): Promise<RolloutCheck[]> {
    const out: RolloutCheck[] = [];
    for (const r of await o.rollouts.active()) {
      if (hasThresholds(r)) out.push(await check(r));
    }
    return out;
  }

  function schedule() {
    if (stopped) return;
    cancel = o.clock.setTimer(() => {
      checkAll().catch((err) => o.log.error({ err }, 'rollout threshold check failed')).finally(schedule);
    }, o.intervalMs);
  }
  schedule();

  return {
    /** The watch's clock: the rollout figures' "now". */
    now: () => o.clock.now(),
    check,
    checkAll,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
export type RolloutWatch = ReturnType<typeof rolloutWatch>;
