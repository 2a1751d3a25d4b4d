/**
 * HAProxy in front of the PostgreSQL nodes: TCP to whichever node Patroni's REST API calls the
 * primary (`/primary` answers 200 only on the leader), sessions to a node cut when it goes down.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDaemon, type Daemon } from '../infra/daemon.js';
import { freePort } from '../infra/ports.js';

export interface HaproxyBackend {
  name: string;
  pgPort: number;
  restPort: number;
}

export function haproxyConfig(port: number, backends: HaproxyBackend[]): string {
  return [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode tcp',
    '  timeout connect 2s',
    '  timeout client 30m',
    '  timeout server 30m',
    '  timeout check 2s',
    'listen primary',
    `  bind 127.0.0.1:${port}`,
    '  option httpchk OPTIONS /primary',
    '  http-check expect status 200',
    '  default-server inter 1s fall 2 rise 1 on-marked-down shutdown-sessions',
    ...backends.map((b) => `  server ${b.name} 127.0.0.1:${b.pgPort} maxconn 200 check port ${b.restPort}`),
    '',
  ].join('\n');
}

export async function startHaproxy(dir: string, backends: HaproxyBackend[]): Promise<Daemon & { port: number }> {
  const port = await freePort();
  const config = join(dir, 'haproxy.cfg');
  await writeFile(config, haproxyConfig(port, backends));
  // -db: stay in the foreground, so the process we started is the one to stop.
  return { ...startDaemon('haproxy', 'haproxy', ['-f', config, '-db'], join(dir, 'haproxy.log')), port };
}
