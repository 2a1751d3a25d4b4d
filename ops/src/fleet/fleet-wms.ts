/**
 * The mock WMS for a fleet: the example data set (locations, check digits, SKUs) with one
 * operator per simulated terminal, each holding `assignmentsEach` copies of the example's
 * case-picking assignment, and stock deep enough never to run out. One WMS per load-generator
 * process: the WMS is the customer's system, not ours, so its CPU must not be the server's.
 */
import { createWmsApp, seed, WmsStore, type MockWms, type Seed } from '@voiceman/examples';

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

export async function startFleetWms(data: Seed): Promise<MockWms> {
  const app = createWmsApp({ store: new WmsStore({ data }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
