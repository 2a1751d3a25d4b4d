/**
 * One-time pairing codes: an admin creates one for a site (and a device name), a new terminal
 * redeems it once within 15 minutes for its token. Only the code's sha256 is stored.
 */
import { randomInt } from 'node:crypto';
import type { Db } from '../db/db.js';
import { hashToken } from '../auth/password.js';
import { HttpError, notFound } from '../errors.js';
import type { TerminalDevice, TerminalsRepository } from './terminals.js';

/** No 0/O, 1/I/L, U: read aloud or typed from a screen, nothing is confused. */
export const PAIRING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MINUTES = 15;

export function newPairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

/** What a person may type: any case, spaces or dashes between groups. */
export const normalizePairingCode = (input: string) => input.toUpperCase().replace(/[\s-]/g, '');

export interface PairedTerminal {
  terminalId: string;
  token: string;
  /** When the token was issued (its expiry follows the server's token policy). */
  issuedAt: Date;
  site: { id: string; name: string; environment: string };
}

export function pairingRepository(db: Db, terminals: TerminalsRepository) {
  return {
    async create(siteId: string, name: string, userId: number | null): Promise<{ code: string; expiresAt: string }> {
      const site = await db.query('SELECT 1 FROM sites WHERE id = $1', [siteId]);
      if (site.rows.length === 0) throw notFound(`site ${siteId}`);
      // Codes a day past their expiry tell nobody anything any more.
      await db.query("DELETE FROM terminal_pairing_codes WHERE expires_at < now() - interval '1 day'");
      const code = newPairingCode();
      const { rows } = await db.query<{ expires_at: Date | string }>(
        `INSERT INTO terminal_pairing_codes (code_hash, site_id, name, created_by, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5)) RETURNING expires_at`,
        [hashToken(code), siteId, name, userId, PAIRING_TTL_MINUTES],
      );
      return { code, expiresAt: new Date(rows[0]!.expires_at).toISOString() };
    },

    /** Uses the code up and registers the terminal in one transaction: both happen or neither. */
    async redeem(input: string, device: TerminalDevice | null): Promise<PairedTerminal> {
      const codeHash = hashToken(normalizePairingCode(input));
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<{ site_id: string; name: string }>(
          `UPDATE terminal_pairing_codes SET used_at = now()
            WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING site_id, name`,
          [codeHash],
        );
        const code = rows[0];
        if (!code) {
          const { rows: known } = await tx.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM terminal_pairing_codes WHERE code_hash = $1', [codeHash]);
          if (known.length === 0) throw new HttpError(404, 'pairing_code_unknown', 'no such pairing code: check it, or ask an administrator for a new one');
          if (known[0]!.used) throw new HttpError(409, 'pairing_code_used', 'this pairing code was used already: each code pairs one terminal; ask an administrator for a new one');
          throw new HttpError(410, 'pairing_code_expired', `this pairing code has expired (codes last ${PAIRING_TTL_MINUTES} minutes): ask an administrator for a new one`);
        }
        const terminal = await terminals.register(code.site_id, code.name, device, tx);
        await tx.query('UPDATE terminal_pairing_codes SET terminal_id = $2 WHERE code_hash = $1', [codeHash, terminal.id]);
        const { rows: sites } = await tx.query<{ id: string; name: string; environment: string }>('SELECT id, name, environment FROM sites WHERE id = $1', [code.site_id]);
        return { terminalId: terminal.id, token: terminal.token, issuedAt: terminal.issuedAt, site: sites[0]! };
      });
    },
  };
}
export type PairingRepository = ReturnType<typeof pairingRepository>;
