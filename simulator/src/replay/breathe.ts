/**
 * A turn for the host between replayed steps: a replayed dialog runs on microtasks alone, so a
 * server would answer nothing else until a whole batch ended. `setImmediate` where the host
 * has it (Node: after pending I/O, without the 1 ms timer clamp), else a zero timer. Typed
 * without DOM or Node types.
 */
const host = globalThis as unknown as { setImmediate?: (fn: () => void) => unknown; setTimeout(fn: () => void, ms: number): unknown };

export const breathe = (): Promise<void> =>
  new Promise<void>((resolve) => (host.setImmediate ? host.setImmediate(resolve) : host.setTimeout(resolve, 0)));
