import { randomUUID } from 'node:crypto';
import { generateKeys, keyFingerprint, publicKeyObject } from '@voiceman/compiler/package';
import type { Db, Queryable } from '../db/db.js';
import { UNIQUE_VIOLATION, pgErrorCode } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';
import type { PackageInstallation, TrustedKey } from '../api-types.js';

/** What an admin sees of this installation (never the private key). */
export type InstallationInfo = PackageInstallation;
export type TrustedKeyRow = TrustedKey;

interface InstallationRow {
  installation_id: string;
  public_key: string;
  private_key: string;
  require_signature: boolean;
}

const info = (r: InstallationRow): InstallationInfo => ({
  installationId: r.installation_id,
  publicKey: r.public_key,
  fingerprint: keyFingerprint(r.public_key),
  requireSignature: r.require_signature,
});

/**
 * The installation's identity and key pair (migration 015), created on the first start: the
 * INSERT … ON CONFLICT DO NOTHING lets two servers starting on one database agree on one pair.
 */
export function packageKeysRepository(db: Db) {
  async function row(q: Queryable = db): Promise<InstallationRow> {
    const { rows } = await q.query<InstallationRow>('SELECT installation_id, public_key, private_key, require_signature FROM installation');
    if (rows[0]) return rows[0];
    const keys = generateKeys();
    await q.query('INSERT INTO installation (installation_id, public_key, private_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [randomUUID(), keys.publicKey, keys.privateKeyPem]);
    return (await q.query<InstallationRow>('SELECT installation_id, public_key, private_key, require_signature FROM installation')).rows[0]!;
  }

  return {
    async ensure(): Promise<InstallationInfo> {
      return info(await row());
    },
    async installation(q?: Queryable): Promise<InstallationInfo> {
      return info(await row(q));
    },
    /** For signing only: the caller must not send or log it. */
    async signingKey(): Promise<{ installationId: string; privateKeyPem: string }> {
      const r = await row();
      return { installationId: r.installation_id, privateKeyPem: r.private_key };
    },
    async setRequireSignature(value: boolean): Promise<InstallationInfo> {
      await row();
      await db.query('UPDATE installation SET require_signature = $1', [value]);
      return info(await row());
    },
    async trusted(q: Queryable = db): Promise<TrustedKeyRow[]> {
      const { rows } = await q.query<{ id: number; name: string; public_key: string; added_at: Date | string; added_by: string }>(
        'SELECT id, name, public_key, added_at, added_by FROM trusted_keys ORDER BY name',
      );
      return rows.map((r) => ({ id: r.id, name: r.name, publicKey: r.public_key, fingerprint: keyFingerprint(r.public_key), addedAt: new Date(r.added_at).toISOString(), addedBy: r.added_by }));
    },
    async trust(name: string, publicKey: string, by: string): Promise<TrustedKeyRow> {
      if (!publicKeyObject(publicKey)) throw new HttpError(400, 'invalid_public_key', 'the public key must be an ed25519 key: 43 base64url characters (the 32 raw bytes), as GET /api/packages/installation shows it');
      try {
        await db.query('INSERT INTO trusted_keys (name, public_key, added_by) VALUES ($1, $2, $3)', [name, publicKey, by]);
      } catch (err) {
        if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new HttpError(409, 'key_exists', `a trusted key with this name or this public key exists`);
        throw err;
      }
      return (await this.trusted()).find((k) => k.name === name)!;
    },
    async distrust(id: number): Promise<TrustedKeyRow> {
      const found = (await this.trusted()).find((k) => k.id === id);
      if (!found) throw notFound(`trusted key ${id}`);
      await db.query('DELETE FROM trusted_keys WHERE id = $1', [id]);
      return found;
    },
  };
}
export type PackageKeysRepository = ReturnType<typeof packageKeysRepository>;
