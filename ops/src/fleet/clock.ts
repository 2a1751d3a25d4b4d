import type { Host } from '@voiceman/runtime';

/** The host clock of a simulated terminal and of the replay's recorder: real time. */
export const systemClock: Host['clock'] = { now: Date.now, setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
