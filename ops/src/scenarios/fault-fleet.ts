/** The fleet the fault scenarios run: fast operators and frequent posts, so faults hit mid-ingest. */
import { startFleet } from '../fleet/fleet.js';
import type { FleetSettings } from '../fleet/protocol.js';
import type { Stack } from '../infra/stack.js';

export const faultFleetSettings = (servers: string[]): FleetSettings => ({
  servers, thinkMs: 300, postEveryMs: 250, rulesEveryMs: 5000, processKey: 'case-picking', assignmentsEach: 60, track: true,
});

export const startFaultFleet = (stack: Stack, processes = 1) => startFleet(stack.terminals, faultFleetSettings([stack.server.url]), processes);

/** Waits for `/healthz` to answer `status` (true) within `timeoutMs`; the ms it took. */
export async function waitForHealth(url: string, status: number, timeoutMs: number): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    const got = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (got === status) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}
