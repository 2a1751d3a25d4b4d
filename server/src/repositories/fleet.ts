/**
 * The terminal fleet as the console shows it: per site, what the site has deployed and what
 * each terminal's last heartbeat said it runs, with each machine placed against the
 * deployment (an older version than the site's deployment is version skew).
 */
import type { Db } from '../db/db.js';
import { notFound } from '../errors.js';
import type { HeartbeatStatus, TerminalDevice } from './terminals.js';

/** How a machine a terminal runs compares with its site's deployment of that process. */
export type MachineStanding = 'current' | 'older' | 'newer' | 'unknown' | 'not-deployed';

export interface FleetMachine {
  processKey: string;
  hash: string;
  /** The version this hash is (null: no version of this process has it). */
  versionNumber: number | null;
  /** The version the site has deployed (null: the process is not deployed there). */
  deployedVersion: number | null;
  standing: MachineStanding;
}

export interface FleetTerminal extends HeartbeatStatus {
  id: string;
  name: string;
  createdAt: string;
  lastSeenAt: string | null;
  shellVersion: string | null;
  webVersion: string | null;
  runtimeVersion: string | null;
  device: TerminalDevice | null;
  machines: FleetMachine[];
  /** Deployed processes the terminal did not report running. */
  missing: string[];
  /** A machine older than the site's deployment. */
  skew: boolean;
}

export interface FleetSite {
  id: string;
  name: string;
  environment: string;
  deployments: { processKey: string; versionNumber: number; hash: string }[];
  terminals: FleetTerminal[];
}

/** Pure: a reported machine against the site's deployments and the known versions' hashes. */
export function standingOf(
  machine: { processKey: string; hash: string },
  deployed: Map<string, { versionNumber: number; hash: string }>,
  versionOfHash: Map<string, number>,
): FleetMachine {
  const d = deployed.get(machine.processKey);
  const versionNumber = versionOfHash.get(`${machine.processKey}\n${machine.hash}`) ?? null;
  const base = { processKey: machine.processKey, hash: machine.hash, versionNumber, deployedVersion: d?.versionNumber ?? null };
  if (!d) return { ...base, standing: 'not-deployed' };
  if (d.hash === machine.hash) return { ...base, standing: 'current' };
  if (versionNumber === null) return { ...base, standing: 'unknown' };
  return { ...base, standing: versionNumber < d.versionNumber ? 'older' : 'newer' };
}

interface TerminalRow {
  id: string; site_id: string; name: string; created_at: Date | string; last_seen_at: Date | string | null;
  shell_version: string | null; web_version: string | null; runtime_version: string | null;
  machines: { processKey: string; hash: string }[] | null; status: HeartbeatStatus | null; device: TerminalDevice | null;
}

export function fleetRepository(db: Db) {
  return {
    /** Every site (or one), its deployments and its terminals, sites in environment order. */
    async sites(siteId?: string): Promise<FleetSite[]> {
      const [sites, deployments, terminals] = await Promise.all([
        db.query<{ id: string; name: string; environment: string }>(
          `SELECT s.id, s.name, s.environment FROM sites s JOIN environments e ON e.name = s.environment
            WHERE $1::text IS NULL OR s.id = $1 ORDER BY e.position, s.id`, [siteId ?? null]),
        db.query<{ site_id: string; process_key: string; version_number: number; hash: string }>(
          `SELECT d.site_id, d.process_key, d.version_number, v.hash FROM current_deployments d
             JOIN versions v ON v.process_key = d.process_key AND v.number = d.version_number
            WHERE $1::text IS NULL OR d.site_id = $1 ORDER BY d.process_key`, [siteId ?? null]),
        db.query<TerminalRow>(
          `SELECT id, site_id, name, created_at, last_seen_at, shell_version, web_version, runtime_version, machines, status, device
             FROM terminals WHERE $1::text IS NULL OR site_id = $1 ORDER BY name, id`, [siteId ?? null]),
      ]);
      if (siteId !== undefined && sites.rows.length === 0) throw notFound(`site ${siteId}`);
      // Versions of the hashes terminals report: one query for the whole fleet.
      const reported = terminals.rows.flatMap((t) => t.machines ?? []);
      const versionOfHash = new Map<string, number>();
      if (reported.length > 0) {
        const { rows } = await db.query<{ process_key: string; hash: string; number: number }>(
          'SELECT process_key, hash, number FROM versions WHERE hash = ANY($1::text[])', [[...new Set(reported.map((m) => m.hash))]],
        );
        for (const r of rows) versionOfHash.set(`${r.process_key}\n${r.hash}`, r.number);
      }
      return sites.rows.map((s) => {
        const deployed = new Map(deployments.rows.filter((d) => d.site_id === s.id).map((d) => [d.process_key, { versionNumber: d.version_number, hash: d.hash }]));
        return {
          ...s,
          deployments: [...deployed].map(([processKey, d]) => ({ processKey, ...d })),
          terminals: terminals.rows.filter((t) => t.site_id === s.id).map((t) => {
            const machines = (t.machines ?? []).map((m) => standingOf(m, deployed, versionOfHash));
            const running = new Set(machines.map((m) => m.processKey));
            return {
              ...(t.status ?? {}),
              id: t.id, name: t.name, createdAt: new Date(t.created_at).toISOString(),
              lastSeenAt: t.last_seen_at === null ? null : new Date(t.last_seen_at).toISOString(),
              shellVersion: t.shell_version, webVersion: t.web_version, runtimeVersion: t.runtime_version, device: t.device,
              machines,
              // A terminal that never sent a heartbeat has reported nothing: nothing is missing yet.
              missing: t.last_seen_at === null ? [] : [...deployed.keys()].filter((k) => !running.has(k)),
              skew: machines.some((m) => m.standing === 'older'),
            };
          }),
        };
      });
    },

    /** Renames a terminal; returns the old and new names. */
    async rename(id: string, name: string): Promise<{ before: string; after: string; siteId: string }> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ name: string; site_id: string }>('SELECT name, site_id FROM terminals WHERE id = $1 FOR UPDATE', [id]);
        if (!rows[0]) throw notFound(`terminal ${id}`);
        await tx.query('UPDATE terminals SET name = $2 WHERE id = $1', [id, name]);
        return { before: rows[0].name, after: name, siteId: rows[0].site_id };
      });
    },
  };
}
export type FleetRepository = ReturnType<typeof fleetRepository>;
