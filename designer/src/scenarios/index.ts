/**
 * Scenarios in the designer (issue #12), framework-free: the server's routes (api.ts), a run
 * saved from the Simulate panel (record.ts), the per-process store of scenarios and runs
 * (scenarios-store.ts, poll-run.ts), coverage on the canvas (coverage-edges.ts), a failure's
 * difference and its replay in the Simulate panel (difference.ts, replay.ts), and the process
 * export/import bundle (bundle.ts). Views: `ui/scenarios/`.
 */
export * from './api.js';
export * from './record.js';
export * from './scenarios-store.js';
export * from './poll-run.js';
export * from './coverage-edges.js';
export * from './difference.js';
export * from './replay.js';
export * from './bundle.js';
