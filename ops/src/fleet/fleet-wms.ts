/**
 * The mock WMS for a fleet: the example data set (locations, check digits, SKUs) with one
 * operator per simulated terminal, each holding `assignmentsEach` copies of the example's
 * case-picking assignment, and stock deep enough never to run out. In the load-generator
 * processes: the WMS is the customer's system, not ours, so its CPU must not be the server's.
 */
import { createWmsApp, seed, WmsStore, type Seed, type WmsApp } from '@voiceman/examples';
import type { HttpAnswer, HttpClient } from './http.js';

/** Operator id of the fleet's i-th terminal: six digits, as the sign-on dialog accepts. */
export const operatorIdOf = (index: number): string => String(100000 + index);

export function fleetSeed(terminalIndexes: number[], assignmentsEach: number): Seed {
  const template = seed.assignments[0]!;
  return {
    ...seed,
    operators: terminalIndexes.map((i) => ({ id: operatorIdOf(i), name: `Operator ${i}`, active: true })),
    stock: seed.stock.map((s) => ({ ...s, quantity: 1_000_000_000 })),
    assignments: terminalIndexes.flatMap((i) =>
      Array.from({ length: assignmentsEach }, (_, k) => {
        const id = `${operatorIdOf(i)}${String(k).padStart(3, '0')}`;
        return { ...template, id, operatorId: operatorIdOf(i), picks: template.picks.map((p, n) => ({ ...p, id: `${id}-${n + 1}` })) };
      }),
    ),
    putaways: [],
    replenishments: [],
    counts: [],
  };
}

/** Terminals per mock WMS instance: the mock scans its whole assignment list on most calls. */
export const WMS_SHARD = 50;

export interface FleetWms {
  /** The WMS of the fleet's terminal `index`: the base URL its dialog calls, and how the call reaches that WMS. */
  forTerminal(index: number): { url: string; http: HttpClient };
  close(): Promise<void>;
}

/**
 * The mock WMS for a generator process's terminals, called in process (Fastify's `inject`), not
 * over a socket: the WMS is the customer's system, its transport is not what the load measures,
 * and loopback HTTP with both ends in the generator cost it about twice the CPU per call. The
 * terminals are split over instances of `shard` each, because the mock's store scans every
 * assignment it holds on most calls (a generator process of 600 terminals: 5,000 assignments).
 */
export async function startFleetWms(terminalIndexes: number[], assignmentsEach: number, shard = WMS_SHARD): Promise<FleetWms> {
  const apps = new Map<number, WmsApp>();
  const all: WmsApp[] = [];
  for (let from = 0; from < terminalIndexes.length; from += shard) {
    const indexes = terminalIndexes.slice(from, from + shard);
    const app = createWmsApp({ store: new WmsStore({ data: fleetSeed(indexes, assignmentsEach) }) });
    await app.ready();
    all.push(app);
    for (const i of indexes) apps.set(i, app);
  }
  return {
    forTerminal(index) {
      const app = apps.get(index);
      if (!app) throw new Error(`terminal ${index} has no WMS in this generator process`);
      return { url: FLEET_WMS_URL, http: injectClient(app) };
    },
    close: async () => {
      await Promise.all(all.map((a) => a.close()));
    },
  };
}

/** The base URL the dialogs are given: never resolved, the in-process client answers it. */
export const FLEET_WMS_URL = 'http://fleet-wms.invalid';

function injectClient(app: WmsApp): HttpClient {
  return async (method, url, headers, body) => {
    if (!url.startsWith(FLEET_WMS_URL)) throw new Error(`the fleet's WMS client got ${url}`);
    const res = await app.inject({ method: method as 'GET', url: url.slice(FLEET_WMS_URL.length), headers, ...(body === undefined ? {} : { payload: body }) });
    return { status: res.statusCode, headers: res.headers as HttpAnswer['headers'], text: res.payload };
  };
}
