/**
 * One Voiceman server process on a fresh database of a throw-away cluster, with `count`
 * terminals registered: what the load and fault scenarios start from.
 */
import type { Cluster } from './postgres.js';
import { registerTerminals, serverProcess, type ServerProcess } from './server.js';
import { operatorIdOf } from '../fleet/fleet-wms.js';
import type { TerminalSpec } from '../fleet/terminal.js';

export interface Stack {
  server: ServerProcess;
  databaseUrl: string;
  terminals: (TerminalSpec & { index: number })[];
}

export async function startStack(cluster: Cluster, database: string, count: number, options: { env?: Record<string, string>; timings?: boolean } = {}): Promise<Stack> {
  const databaseUrl = await cluster.createDatabase(database);
  const server = await serverProcess({ DATABASE_URL: databaseUrl, ...options.env }, { timings: options.timings });
  await server.start();
  const registered = await registerTerminals(server.url, count);
  return {
    server,
    databaseUrl,
    terminals: registered.map((t, index) => ({ id: t.id, token: t.token, index, operatorId: operatorIdOf(index) })),
  };
}
