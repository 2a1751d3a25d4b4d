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
    return { virtual: true, now: clock.now, setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout, advance: clock.advance };
  }
  return {
    virtual: false,
    now: () => Date.now(),
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimeout: (handle) => timers.clearTimeout(handle),
    advance: () => {},
  };
}
