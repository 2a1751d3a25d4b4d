/**
 * @voiceman/simulator: runs any Voiceman dialog without a terminal. Start reading here.
 *
 *   createSimulation(options)  one session: typed answers, silence, unclear speech, stubbed
 *                              WMS, virtual clock, step back, restart (session.ts)
 *   toTranscript(events)       the chat-like transcript, from dialog events only (transcript.ts)
 *   checkStubs / stubProblems  the stub matcher's checks against a machine (stubs.ts)
 *
 * The compiler is only in `@voiceman/simulator/compile`, so the browser bundle stays lean.
 */
export type * from './types.js';
export type { DialogInspector, DialogInspectionEvent } from '@voiceman/runtime';
export { createSimulation, SimulationStateError, TYPED_CONFIDENCE } from './session.js';
export { toTranscript } from './transcript.js';
export { checkStubs, stubProblems, StubError, StubMatcher, MAX_STUB_DELAY_MS } from './stubs.js';
export { activeStatesOf } from './view.js';
export { inputProblems } from './input.js';
export * from './scenario/index.js';
export * from './replay/index.js';
