/**
 * Pairing a new terminal: an admin creates a one-time code (text and QR), the device redeems it
 * anonymously for its token. The QR holds `<server>/terminal/?pair=<code>`: a phone camera
 * opens the web terminal with the code filled in, and the Android shell reads the server's
 * address and the code from the same URL.
 */
import QRCode from 'qrcode';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { currentUser } from '../plugins/access.js';
import { HttpError } from '../errors.js';
import { errors, errorSchema, name, PLAIN_TEXT, siteId } from '../schemas.js';
import { PAIRING_ALPHABET, PAIRING_CODE_LENGTH, PAIRING_TTL_MINUTES } from '../repositories/pairing.js';
import { tokenExpiresAt, type TerminalDevice } from '../repositories/terminals.js';
import { device } from './terminal-schemas.js';
import { typed } from '../plugins/typed.js';

export interface PairingOptions {
  /** Pair attempts per IP and window (default 30 a minute: a warehouse pairs devices behind one NAT). */
  pairRateLimit?: { max: number; timeWindowMs: number };
  /** The server's address as devices reach it (the QR's URL); the request's Host otherwise. */
  publicUrl?: string;
}

const origin = (req: FastifyRequest, publicUrl?: string) => (publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');

export default async function pairingRoutes(fastify: FastifyInstance, opts: PairingOptions) {
  const app = typed(fastify);
  const { pairing } = app.repos;

  app.post('/api/terminals/pairing-codes', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: `A one-time code (${PAIRING_CODE_LENGTH} characters of ${PAIRING_ALPHABET}) a new terminal redeems within ${PAIRING_TTL_MINUTES} minutes for a terminal of this site with this name. \`qr\` is an SVG of \`pairUrl\`.`,
      body: { type: 'object', required: ['siteId', 'name'], additionalProperties: false, properties: { siteId, name } },
      response: {
        201: {
          type: 'object',
          properties: { code: { type: 'string' }, expiresAt: { type: 'string' }, qr: { type: 'string' }, pairUrl: { type: 'string' }, siteId: { type: 'string' }, name: { type: 'string' } },
        },
        ...errors,
      },
    },
  }, async (req, reply) => {
    const { code, expiresAt } = await pairing.create(req.body.siteId, req.body.name, currentUser(req).id);
    const pairUrl = `${origin(req, opts.publicUrl)}/terminal/?pair=${code}`;
    await app.audit.record(req, { action: 'terminal.pair', target: `${req.body.name} → ${req.body.siteId}`, after: { expiresAt } });
    const qr = await QRCode.toString(pairUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.code(201).send({ code, expiresAt, qr, pairUrl, siteId: req.body.siteId, name: req.body.name });
  });

  const limit = opts.pairRateLimit ?? { max: 30, timeWindowMs: 60_000 };
  app.post('/api/terminal/v1/pair', {
    config: {
      access: 'public',
      rateLimit: {
        max: limit.max,
        timeWindow: limit.timeWindowMs,
        errorResponseBuilder: (_req, ctx) => new HttpError(429, 'rate_limited', `too many pairing attempts from this address: try again in ${Math.ceil(ctx.ttl / 1000)} s`),
      },
    },
    schema: {
      tags: ['terminal'],
      description: `Anonymous, rate-limited per IP (${limit.max} per ${limit.timeWindowMs / 1000} s). Redeems a pairing code once: 404 pairing_code_unknown, 409 pairing_code_used, 410 pairing_code_expired. The token is shown once.`,
      body: {
        type: 'object', required: ['code'], additionalProperties: false,
        properties: { code: { type: 'string', minLength: 1, maxLength: 32, pattern: PLAIN_TEXT }, device },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            terminalId: { type: 'string' }, token: { type: 'string' },
            expiresAt: { type: ['string', 'null'], description: 'when the token stops working (rotate it before: POST /api/terminal/v1/token); null: never' },
            site: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, environment: { type: 'string' } } },
          },
        },
        ...errors,
        410: errorSchema,
        429: errorSchema,
      },
    },
  }, async (req) => {
    const { issuedAt, ...paired } = await pairing.redeem(req.body.code, req.body.device ?? null);
    await app.audit.as(req, `terminal:${paired.terminalId}`, { action: 'terminal.register', target: `${paired.terminalId} → ${paired.site.id}`, after: { device: req.body.device ?? null } });
    return { ...paired, expiresAt: tokenExpiresAt(issuedAt, app.tokenPolicy) };
  });
}
