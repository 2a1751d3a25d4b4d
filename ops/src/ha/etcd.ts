/** A one-member etcd (the DCS Patroni keeps its leader lock in), on loopback ports. */
import { join } from 'node:path';
import { startDaemon, type Daemon } from '../infra/daemon.js';
import { freePort, waitUntil } from '../infra/ports.js';

export async function startEtcd(dir: string): Promise<Daemon & { endpoint: string }> {
  const client = await freePort();
  const peer = await freePort();
  const daemon = startDaemon('etcd', 'etcd', [
    '--name', 'ha', '--data-dir', join(dir, 'etcd'),
    '--listen-client-urls', `http://127.0.0.1:${client}`, '--advertise-client-urls', `http://127.0.0.1:${client}`,
    '--listen-peer-urls', `http://127.0.0.1:${peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
    '--initial-cluster', `ha=http://127.0.0.1:${peer}`,
  ], join(dir, 'etcd.log'));
  const endpoint = `127.0.0.1:${client}`;
  await waitUntil('etcd to answer', 30_000, async () => ((await fetch(`http://${endpoint}/health`)).ok ? true : undefined));
  return { ...daemon, endpoint };
}
