/**
 * Virtual clock: the runtime waits `retryInMs` before it tries a failed WMS call again (it
 * announces it in the `wms.error` event, then sets that timer). Nothing else would move the
 * virtual clock while the dialog waits there, so the simulation would hang; this moves it by
 * exactly that wait as soon as the timer is set.
 */
import type { DialogEvent } from '@voiceman/runtime';
import type { SimClock } from './clock.js';

export function retryWaits(clock: SimClock): { clock: SimClock; observe(event: DialogEvent): void } {
  let announced: number | null = null;
  const wrapped: SimClock = {
    ...clock,
    setTimeout(fn, ms) {
      const handle = clock.setTimeout(fn, ms);
      if (clock.virtual && announced !== null && ms === announced) {
        announced = null;
        void Promise.resolve().then(() => clock.advance(ms));
      }
      return handle;
    },
  };
  return {
    clock: wrapped,
    observe(event) {
      const wait = event.type === 'wms.error' ? event.data.retryInMs : undefined;
      announced = typeof wait === 'number' ? wait : null;
    },
  };
}
