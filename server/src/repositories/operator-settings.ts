/**
 * Speech settings per operator ("louder", "slower"), kept per site: operator ids come from the
 * site's WMS, so the same id at another site is another person. A terminal reads and writes
 * only rows of its own site (the routes pass the terminal's site, never one from the request).
 */
import type { Db } from '../db/db.js';
import type { Lang } from '@voiceman/runtime';

export interface OperatorSettings {
  rate: number;
  pitch: number;
  volume: number;
  /** The operator's language; null: the process's default. */
  language: Lang | null;
}
export interface StoredOperatorSettings extends OperatorSettings {
  siteId: string;
  operatorId: string;
  updatedAt: string | null;
  /** Terminal that last changed them. */
  updatedBy: string | null;
}

export const DEFAULT_OPERATOR_SETTINGS: OperatorSettings = { rate: 1, pitch: 1, volume: 1, language: null };

interface Row { site_id: string; operator_id: string; rate: number; pitch: number; volume: number; language: Lang | null; updated_at: Date | string; updated_by: string | null }
const toSettings = (r: Row): StoredOperatorSettings => ({
  siteId: r.site_id, operatorId: r.operator_id, rate: r.rate, pitch: r.pitch, volume: r.volume, language: r.language,
  updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by,
});

export function operatorSettingsRepository(db: Db) {
  return {
    /** The stored settings, or the defaults (`updatedAt: null`) for an operator never seen at the site. */
    async get(siteId: string, operatorId: string): Promise<StoredOperatorSettings> {
      const { rows } = await db.query<Row>('SELECT * FROM operator_settings WHERE site_id = $1 AND operator_id = $2', [siteId, operatorId]);
      return rows[0] ? toSettings(rows[0]) : { siteId, operatorId, ...DEFAULT_OPERATOR_SETTINGS, updatedAt: null, updatedBy: null };
    },

    async put(siteId: string, operatorId: string, s: OperatorSettings, terminalId: string): Promise<StoredOperatorSettings> {
      const { rows } = await db.query<Row>(
        `INSERT INTO operator_settings (site_id, operator_id, rate, pitch, volume, language, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, now(), $7)
         ON CONFLICT (site_id, operator_id) DO UPDATE SET rate = EXCLUDED.rate, pitch = EXCLUDED.pitch, volume = EXCLUDED.volume,
           language = EXCLUDED.language, updated_at = now(), updated_by = EXCLUDED.updated_by
         RETURNING *`,
        [siteId, operatorId, s.rate, s.pitch, s.volume, s.language, terminalId],
      );
      return toSettings(rows[0]!);
    },

    async list(siteId?: string): Promise<StoredOperatorSettings[]> {
      const { rows } = await db.query<Row>(
        `SELECT * FROM operator_settings WHERE $1::text IS NULL OR site_id = $1 ORDER BY site_id, operator_id`,
        [siteId ?? null],
      );
      return rows.map(toSettings);
    },
  };
}
export type OperatorSettingsRepository = ReturnType<typeof operatorSettingsRepository>;
