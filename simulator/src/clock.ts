/**
 * The simulation's time. Virtual (default): nothing waits; a timeout the tester triggers, or
 * a stub's delay, moves the clock forward at once. Real: the wall clock, so a silence timeout
 * fires by itself when the tester takes too long.
 */
import { createVirtualClock, type Clock } from '@voiceman/runtime';

export interface SimClock extends Clock {
  readonly virtual: boolean;
  /** Virtual: fires every timer due within `ms` now. Real: nothing (time passes by itself). */
  advance(ms: number): void;
  /**
   * Virtual: moves time to the next armed timer and fires it (a retry's backoff, a stub's
   * delay), answering whether there was one. Real: `false` (timers fire by themselves).
   */
  skipToNextTimer(): boolean;
}

/** The host's timers, typed without DOM or Node types (both provide them). */
interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
const timers = globalThis as unknown as Timers;

export function createSimClock(mode: 'virtual' | 'real', start?: number): SimClock {
  if (mode === 'virtual') {
    const clock = createVirtualClock(start);
    /** When each armed timer is due, to know how far the next one is. */
    const due = new Map<unknown, number>();
    return {
      virtual: true,
      now: clock.now,
      setTimeout(fn, ms) {
        const handle: unknown = clock.setTimeout(() => {
          due.delete(handle);
          fn();
        }, ms);
        due.set(handle, clock.now() + Math.max(0, ms));
        return handle;
      },
      clearTimeout(handle) {
        due.delete(handle);
        clock.clearTimeout(handle);
      },
      advance: clock.advance,
      skipToNextTimer() {
        if (due.size === 0) return false;
        const next = Math.min(...due.values());
        clock.advance(Math.max(0, next - clock.now()));
        return true;
      },
    };
  }
  return {
    virtual: false,
    now: () => Date.now(),
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimeout: (handle) => timers.clearTimeout(handle),
    advance: () => {},
    skipToNextTimer: () => false,
  };
}
