import { describe, expect, it } from 'vitest';
import { haproxyConfig } from './haproxy.js';
import { patroniConfig } from './patroni.js';

describe('main + standby configuration', () => {
  it('routes HAProxy to the node whose Patroni answers /primary, cutting sessions to a node marked down', () => {
    const cfg = haproxyConfig(5000, [{ name: 'pg1', pgPort: 5432, restPort: 8008 }, { name: 'pg2', pgPort: 5433, restPort: 8009 }]);
    expect(cfg).toContain('bind 127.0.0.1:5000');
    expect(cfg).toContain('option httpchk OPTIONS /primary');
    expect(cfg).toContain('on-marked-down shutdown-sessions');
    expect(cfg).toContain('server pg2 127.0.0.1:5433 maxconn 200 check port 8009');
  });

  it('bootstraps Patroni in synchronous mode with a ttl that satisfies loop_wait + 2 × retry_timeout ≤ ttl', () => {
    const cfg = patroniConfig({ name: 'pg1', scope: 's', etcd: '127.0.0.1:2379', pgPort: 5432, restPort: 8008, dir: '/tmp/x' });
    const dcs = cfg.bootstrap.dcs;
    expect(dcs.synchronous_mode).toBe(true);
    expect(dcs.postgresql.parameters.synchronous_commit).toBe('on');
    expect(dcs.loop_wait + 2 * dcs.retry_timeout).toBeLessThanOrEqual(dcs.ttl);
    expect(cfg.etcd3.hosts).toEqual(['127.0.0.1:2379']);
  });
});
