import type { Db, Queryable } from '../db/db.js';
import { notFound } from '../errors.js';
import type { SettingDefinition, SettingType, SettingValue } from '../settings/definitions.js';
import { mergeSettings, type EffectiveSetting, type StoredSetting } from '../settings/effective.js';

export interface SettingRecord extends StoredSetting {
  updatedAt: string;
  updatedBy: string;
}
export interface SiteSettingRecord {
  name: string;
  value: SettingValue;
  updatedAt: string;
  updatedBy: string;
}
export interface SettingRevision {
  id: number;
  environment: string;
  siteId: string | null;
  name: string;
  action: 'set' | 'delete';
  type: SettingType;
  description: string;
  secret: boolean;
  /** Null for secrets (the value is never kept) and deletions. */
  value: SettingValue | null;
  changedBy: string;
  changedAt: string;
}
export interface RevisionFilter {
  environment?: string;
  siteId?: string;
  name?: string;
  limit: number;
  /** Revisions with a smaller id (paging back). */
  before?: number;
}
export interface DeployedInputs {
  siteId: string;
  processKey: string;
  versionNumber: number;
  /** The version's flow `process.variables` (the published graph is the source of `input` flags). */
  variables: unknown;
}

const iso = (d: Date | string) => new Date(d).toISOString();
interface Row {
  name: string; type: SettingType; description: string; secret: boolean; value: SettingValue | null;
  updated_at: Date | string; updated_by: string;
}
const toRecord = (r: Row): SettingRecord => ({
  name: r.name, type: r.type, description: r.description, secret: r.secret, value: r.value, updatedAt: iso(r.updated_at), updatedBy: r.updated_by,
});

/**
 * Settings rows, site values and their revisions. Each write takes the environment's advisory
 * lock (as a deployment does), so "is every deployed process still served" is checked against
 * a stable picture; `verify` runs inside the transaction and throws to roll the change back.
 */
export function settingsRepository(db: Db) {
  const lock = (q: Queryable, environment: string) => q.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`settings:${environment}`]);

  async function siteOf(q: Queryable, siteId: string): Promise<{ id: string; environment: string }> {
    const { rows } = await q.query<{ id: string; environment: string }>('SELECT id, environment FROM sites WHERE id = $1', [siteId]);
    if (!rows[0]) throw notFound(`site ${siteId}`);
    return rows[0];
  }
  async function environmentExists(q: Queryable, environment: string): Promise<void> {
    const { rows } = await q.query('SELECT 1 FROM environments WHERE name = $1', [environment]);
    if (!rows[0]) throw notFound(`environment ${environment}`);
  }
  async function environmentRows(q: Queryable, environment: string): Promise<SettingRecord[]> {
    const { rows } = await q.query<Row>('SELECT name, type, description, secret, value, updated_at, updated_by FROM settings WHERE environment = $1 ORDER BY name', [environment]);
    return rows.map(toRecord);
  }
  async function siteRows(q: Queryable, siteId: string): Promise<SiteSettingRecord[]> {
    const { rows } = await q.query<{ name: string; value: SettingValue; updated_at: Date | string; updated_by: string }>(
      'SELECT name, value, updated_at, updated_by FROM site_settings WHERE site_id = $1 ORDER BY name', [siteId]);
    return rows.map((r) => ({ name: r.name, value: r.value, updatedAt: iso(r.updated_at), updatedBy: r.updated_by }));
  }
  async function revision(q: Queryable, r: { environment: string; siteId: string | null; name: string; action: 'set' | 'delete'; def: SettingDefinition; value: SettingValue | null; by: string }) {
    await q.query(
      `INSERT INTO setting_revisions (environment, site_id, name, action, type, description, secret, value, changed_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.environment, r.siteId, r.name, r.action, r.def.type, r.def.description, r.def.secret, r.def.secret || r.value === null ? null : JSON.stringify(r.value), r.by],
    );
  }

  return {
    siteOf: (siteId: string, q: Queryable = db) => siteOf(q, siteId),
    lock,

    async environmentSettings(environment: string, q: Queryable = db): Promise<SettingRecord[]> {
      await environmentExists(q, environment);
      return environmentRows(q, environment);
    },

    async siteSettings(siteId: string, q: Queryable = db): Promise<{ environment: string; values: SiteSettingRecord[] }> {
      const site = await siteOf(q, siteId);
      return { environment: site.environment, values: await siteRows(q, siteId) };
    },

    async effectiveForEnvironment(environment: string, q: Queryable = db): Promise<EffectiveSetting[]> {
      return mergeSettings(await this.environmentSettings(environment, q));
    },

    async effectiveForSite(siteId: string, q: Queryable = db): Promise<{ environment: string; settings: EffectiveSetting[] }> {
      const site = await siteOf(q, siteId);
      return { environment: site.environment, settings: mergeSettings(await environmentRows(q, site.environment), await siteRows(q, siteId)) };
    },

    /** The current deployment of every process at these sites, with the version's flow variables. */
    async deployedInputs(siteIds: string[], q: Queryable = db): Promise<DeployedInputs[]> {
      const { rows } = await q.query<{ site_id: string; process_key: string; version_number: number; variables: unknown }>(
        `SELECT c.site_id, c.process_key, c.version_number, v.graph->'process'->'variables' AS variables
           FROM current_deployments c
           JOIN versions v ON v.process_key = c.process_key AND v.number = c.version_number
          WHERE c.site_id = ANY($1::text[])
          ORDER BY c.site_id, c.process_key`,
        [siteIds],
      );
      return rows.map((r) => ({ siteId: r.site_id, processKey: r.process_key, versionNumber: r.version_number, variables: r.variables }));
    },

    async sitesOf(environment: string, q: Queryable = db): Promise<string[]> {
      const { rows } = await q.query<{ id: string }>('SELECT id FROM sites WHERE environment = $1 ORDER BY id', [environment]);
      return rows.map((r) => r.id);
    },

    /** Defines (or redefines) a setting of an environment, with an environment-wide value or none. */
    async putEnvironment(environment: string, def: SettingDefinition, value: SettingValue | null, by: string, verify: (tx: Queryable) => Promise<void>): Promise<SettingRecord> {
      return db.transaction(async (tx) => {
        await environmentExists(tx, environment);
        await lock(tx, environment);
        const { rows } = await tx.query<Row>(
          `INSERT INTO settings (environment, name, type, description, secret, value, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (environment, name) DO UPDATE SET type = $3, description = $4, secret = $5, value = $6, updated_by = $7, updated_at = now()
            WHERE (settings.type, settings.description, settings.secret, settings.value) IS DISTINCT FROM ($3, $4, $5, $6::jsonb)
           RETURNING name, type, description, secret, value, updated_at, updated_by`,
          [environment, def.name, def.type, def.description, def.secret, value === null ? null : JSON.stringify(value), by],
        );
        // The same PUT again (a retry after a timeout) changes nothing and is no new revision.
        if (!rows[0]) return (await environmentRows(tx, environment)).find((r) => r.name === def.name)!;
        await revision(tx, { environment, siteId: null, name: def.name, action: 'set', def, value, by });
        await verify(tx);
        return toRecord(rows[0]);
      });
    },

    async deleteEnvironment(environment: string, name: string, by: string, verify: (tx: Queryable) => Promise<void>): Promise<void> {
      await db.transaction(async (tx) => {
        await environmentExists(tx, environment);
        await lock(tx, environment);
        const { rows } = await tx.query<Row>('DELETE FROM settings WHERE environment = $1 AND name = $2 RETURNING name, type, description, secret, value, updated_at, updated_by', [environment, name]);
        if (!rows[0]) throw notFound(`setting ${name} of environment ${environment}`);
        await revision(tx, { environment, siteId: null, name, action: 'delete', def: rows[0], value: null, by });
        await verify(tx);
      });
    },

    /** The environment's definition of `name` (for a site write), or undefined. */
    async definition(environment: string, name: string, q: Queryable = db): Promise<SettingDefinition | undefined> {
      const { rows } = await q.query<SettingDefinition>('SELECT name, type, description, secret FROM settings WHERE environment = $1 AND name = $2', [environment, name]);
      return rows[0];
    },

    async putSite(siteId: string, def: SettingDefinition, value: SettingValue, by: string, verify: (tx: Queryable) => Promise<void>): Promise<SiteSettingRecord> {
      return db.transaction(async (tx) => {
        const site = await siteOf(tx, siteId);
        await lock(tx, site.environment);
        const { rows } = await tx.query<{ name: string; value: SettingValue; updated_at: Date | string; updated_by: string }>(
          `INSERT INTO site_settings (site_id, name, value, updated_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (site_id, name) DO UPDATE SET value = $3, updated_by = $4, updated_at = now()
            WHERE site_settings.value IS DISTINCT FROM $3::jsonb
           RETURNING name, value, updated_at, updated_by`,
          [siteId, def.name, JSON.stringify(value), by],
        );
        if (!rows[0]) return (await siteRows(tx, siteId)).find((r) => r.name === def.name)!;
        await revision(tx, { environment: site.environment, siteId, name: def.name, action: 'set', def, value, by });
        await verify(tx);
        const r = rows[0];
        return { name: r.name, value: r.value, updatedAt: iso(r.updated_at), updatedBy: r.updated_by };
      });
    },

    async deleteSite(siteId: string, def: SettingDefinition, by: string, verify: (tx: Queryable) => Promise<void>): Promise<void> {
      await db.transaction(async (tx) => {
        const site = await siteOf(tx, siteId);
        await lock(tx, site.environment);
        const { rowCount } = await tx.query('DELETE FROM site_settings WHERE site_id = $1 AND name = $2', [siteId, def.name]);
        if (!rowCount) throw notFound(`setting ${def.name} of site ${siteId}`);
        await revision(tx, { environment: site.environment, siteId, name: def.name, action: 'delete', def, value: null, by });
        await verify(tx);
      });
    },

    /** Site names that hold their own value of `name` (before an environment redefines or drops it). */
    async sitesWithValue(environment: string, name: string, q: Queryable = db): Promise<string[]> {
      const { rows } = await q.query<{ site_id: string }>(
        'SELECT ss.site_id FROM site_settings ss JOIN sites s ON s.id = ss.site_id WHERE s.environment = $1 AND ss.name = $2 ORDER BY ss.site_id', [environment, name]);
      return rows.map((r) => r.site_id);
    },

    async history(filter: RevisionFilter): Promise<SettingRevision[]> {
      const { rows } = await db.query<{
        id: string; environment: string; site_id: string | null; name: string; action: 'set' | 'delete'; type: SettingType;
        description: string; secret: boolean; value: SettingValue | null; changed_by: string; changed_at: Date | string;
      }>(
        `SELECT * FROM setting_revisions
          WHERE ($1::text IS NULL OR environment = $1) AND ($2::text IS NULL OR site_id = $2) AND ($3::text IS NULL OR name = $3)
            AND ($4::bigint IS NULL OR id < $4)
          ORDER BY id DESC LIMIT $5`,
        [filter.environment ?? null, filter.siteId ?? null, filter.name ?? null, filter.before ?? null, filter.limit],
      );
      return rows.map((r) => ({
        id: Number(r.id), environment: r.environment, siteId: r.site_id, name: r.name, action: r.action, type: r.type,
        description: r.description, secret: r.secret, value: r.value, changedBy: r.changed_by, changedAt: iso(r.changed_at),
      }));
    },
  };
}
export type SettingsRepository = ReturnType<typeof settingsRepository>;
