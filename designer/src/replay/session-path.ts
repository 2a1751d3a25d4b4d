/**
 * A logged session's path on the canvas, step by step: the run marks (`canvas-run.ts`) of the
 * states it entered up to a step, as if a simulation had just taken them.
 */
import type { RunSnapshot } from '../simulate/canvas-run.js';
import type { ReplayStep } from './replay-api.js';

/** Where the dialog stood after step `k` (clamped to the steps there are). */
export function runSnapshotAt(steps: readonly ReplayStep[], k: number): RunSnapshot {
  const last = Math.max(0, Math.min(k, steps.length - 1));
  const visited: Record<string, number> = {};
  const edges: Record<string, number> = {};
  let prev: string | null = null;
  for (let i = 0; i <= last && i < steps.length; i++) {
    for (const state of steps[i]!.path) {
      visited[state] = (visited[state] ?? 0) + 1;
      if (prev !== null) edges[`${prev}->${state}`] = (edges[`${prev}->${state}`] ?? 0) + 1;
      prev = state;
    }
  }
  const at = steps[last]?.state ?? null;
  return { activeStates: at ? ancestorsOf(at) : [], visited, edges };
}

/** `signOn/askId` → [`signOn`, `signOn/askId`] (subflow calls are the prefixes of inlined state ids). */
export function ancestorsOf(stateId: string): string[] {
  const parts = stateId.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}
