/** Messages between a fleet runner and its load-generator processes (worker.ts), over IPC. */
import type { TerminalSpec } from './terminal.js';

export interface FleetSettings {
  servers: string[];
  /** Mean operator answer time, ms. */
  thinkMs: number;
  postEveryMs: number;
  rulesEveryMs: number;
  /**
   * Terminals are switched on at random over this many ms (0 or less than one posting
   * interval: over one posting interval), as a shift's terminals are, not in one second.
   */
  rampMs?: number;
  processKey: string;
  /** Copies of the example assignment each operator holds in the fleet's WMS. */
  assignmentsEach: number;
  /** Report every emitted and acknowledged event id (fault checks). */
  track: boolean;
  /** Terminals work through a dialog each process recorded with the real runtime first (tape.ts). */
  replay?: boolean;
}

export type ToWorker =
  | { type: 'init'; settings: FleetSettings; terminals: (TerminalSpec & { index: number })[] }
  | { type: 'offline' | 'online'; ids: string[] }
  /** The measured window starts: the event-loop delay is counted from here. */
  | { type: 'mark' }
  | { type: 'status' }
  | { type: 'stop'; drainMs: number };

/** One POST, flattened: [startedAt, ms, status (0 refused, 1 cut mid-request, see PostSample), events, stored, terminal index]. */
export type Sample = [number, number, number, number, number, number];

export interface WorkerResult {
  samples: Sample[];
  emitted: number;
  pendingAfterDrain: number;
  /** p99 of this process's event-loop delay, ms: high means the generator itself was late. */
  loopDelayP99Ms: number;
  emittedIds?: string[];
  ackedIds?: string[];
}

export type TerminalStatus = Record<string, { pending: number; working: boolean; sessions: number; rules: string }>;

export type FromWorker =
  | { type: 'ready' }
  | { type: 'status'; terminals: TerminalStatus }   | { type: 'result'; result: WorkerResult }
  | { type: 'failed'; message: string };
