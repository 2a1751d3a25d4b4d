/**
 * Builds of the terminal the server hands out: `web` (the web app the WebView loads) and `apk`
 * (the Android shell). The sha256 is computed here from the bytes as uploaded and given to
 * terminals with every offer, so a terminal can refuse bytes that differ from what was uploaded.
 */
import { createHash } from 'node:crypto';
import semver from 'semver';
import { UNIQUE_VIOLATION, pgErrorCode, type Db } from '../db/db.js';
import { HttpError, notFound } from '../errors.js';

export const SHELL_KINDS = ['web', 'apk'] as const;
export type ShellKind = (typeof SHELL_KINDS)[number];

export interface ShellRelease {
  id: number;
  kind: ShellKind;
  version: string;
  size: number;
  sha256: string;
  createdAt: string;
  createdBy: string | null;
}

interface ReleaseRow { id: number; kind: ShellKind; version: string; size: number; sha256: string; created_at: Date | string; created_by: string | null }
const toRelease = (r: ReleaseRow): ShellRelease => ({
  id: r.id, kind: r.kind, version: r.version, size: r.size, sha256: r.sha256, createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by,
});
const COLUMNS = `r.id, r.kind, r.version, r.size, r.sha256, r.created_at, u.username AS created_by FROM shell_releases r LEFT JOIN users u ON u.id = r.created_by`;

/** Newest first by semver (a pre-release sorts before its release; build metadata is ignored). */
const bySemverDesc = (a: { version: string }, b: { version: string }) => semver.rcompare(a.version, b.version);

export function shellReleasesRepository(db: Db) {
  return {
    async create(kind: ShellKind, version: string, bytes: Buffer, userId: number | null): Promise<ShellRelease> {
      if (semver.valid(version) === null) throw new HttpError(400, 'invalid_version', `version "${version}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)`);
      if (bytes.length === 0) throw new HttpError(400, 'empty_release', 'the release has no bytes');
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      try {
        const { rows } = await db.query<{ id: number }>(
          'INSERT INTO shell_releases (kind, version, bytes, size, sha256, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
          [kind, version, bytes, bytes.length, sha256, userId],
        );
        return (await this.get(rows[0]!.id))!;
      } catch (err) {
        if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new HttpError(409, 'release_exists', `a ${kind} release ${version} exists already: releases are immutable, upload a new version`);
        throw err;
      }
    },

    async get(id: number): Promise<ShellRelease | undefined> {
      const { rows } = await db.query<ReleaseRow>(`SELECT ${COLUMNS} WHERE r.id = $1`, [id]);
      return rows[0] && toRelease(rows[0]);
    },

    /** Every release, newest version first within each kind. */
    async list(): Promise<ShellRelease[]> {
      const { rows } = await db.query<ReleaseRow>(`SELECT ${COLUMNS}`);
      const releases = rows.map(toRelease);
      return SHELL_KINDS.flatMap((kind) => releases.filter((r) => r.kind === kind).sort(bySemverDesc));
    },

    /** The newest release of `kind` when it is newer than `current` (a semver); none for an unparsable `current`. */
    async newerThan(kind: ShellKind, current: string | undefined): Promise<ShellRelease | undefined> {
      if (current === undefined || semver.valid(current) === null) return undefined;
      const { rows } = await db.query<{ id: number; version: string }>('SELECT id, version FROM shell_releases WHERE kind = $1', [kind]);
      const newest = rows.sort(bySemverDesc)[0];
      return newest && semver.gt(newest.version, current) ? this.get(newest.id) : undefined;
    },

    /** The bytes as stored and the sha256 recorded at upload (not recomputed: the terminal checks). */
    async download(id: number): Promise<{ release: ShellRelease; bytes: Buffer }> {
      const release = await this.get(id);
      if (!release) throw notFound(`shell release ${id}`);
      const { rows } = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM shell_releases WHERE id = $1', [id]);
      return { release, bytes: Buffer.from(rows[0]!.bytes) };
    },
  };
}
export type ShellReleasesRepository = ReturnType<typeof shellReleasesRepository>;
