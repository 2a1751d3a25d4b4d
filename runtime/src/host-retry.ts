/** One retry of a failed `host.speak` / `host.listen`, on the host clock. */
import type { Host } from './host.js';

/**
 * A failed `host.speak` / `host.listen` (a busy audio device, a recogniser restart) is tried
 * once more after this many ms on the host clock; a second failure ends the dialog with an
 * `error` event (`code: 'host.speak'` / `'host.listen'`).
 */
export const HOST_RETRY_DELAY_MS = 500;

export class HostCallError extends Error {
  constructor(
    readonly code: 'host.speak' | 'host.listen',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Calls `call` again `HOST_RETRY_DELAY_MS` after its first failure (`first`); a second failure
 * throws `HostCallError`. When the dialog is no longer `live()` by then (stopped, or an outside
 * event moved it), it never settles: nobody listens to its result any more.
 */
export async function retryOnce<T>(host: Host, code: 'host.speak' | 'host.listen', call: () => Promise<T>, first: unknown, live: () => boolean): Promise<T> {
  await new Promise<void>((resolve) => host.clock.setTimeout(resolve, HOST_RETRY_DELAY_MS));
  if (!live()) return new Promise<T>(() => {});
  try {
    return await call();
  } catch (second) {
    const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
    throw new HostCallError(code, `${code} failed twice (${HOST_RETRY_DELAY_MS} ms apart): ${why(first)}; then: ${why(second)}`);
  }
}
