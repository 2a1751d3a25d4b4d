/**
 * Replay of logged sessions: a session's events → its inputs and WMS answers → the same on
 * another machine → a step-by-step comparison (`same`, `diverged`, `inconclusive`).
 *
 *   replaySession(events, { machine })   one session (replay.ts)
 *   replaySessions(sessions, options)    many, concurrently (batch.ts)
 *   stepsOf(events)                      a dialog's events cut into steps (steps.ts)
 *   extractSession(events)               inputs and stubs of a logged session (extract.ts)
 *   compareSteps(original, replayed)     the verdict (compare.ts)
 */
export type * from './types.js';
export { replaySession, type ReplayOptions } from './replay.js';
export { replaySessions, type BatchItem, type BatchOptions } from './batch.js';
export { stepsOf, urlPath } from './steps.js';
export { extractSession, REPLAY_MARK, type Extracted } from './extract.js';
export { compareSteps, stepDifference, type CompareOptions } from './compare.js';
