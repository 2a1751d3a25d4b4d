import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

/**
 * Security headers (helmet) with a Content-Security-Policy the designer works under: its own
 * scripts and workers only (no inline script anywhere, the login page included), inline
 * styles allowed (React Flow positions nodes with style attributes, Monaco injects style
 * elements). No `upgrade-insecure-requests`: a site may serve plain HTTP on its LAN.
 * Rate limiting is opt-in per route (`config.rateLimit`), answered as 429 `rate_limited` with
 * Retry-After in the documented error shape.
 */
async function security(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Browsers ignore HSTS on plain HTTP; behind TLS it pins the site to HTTPS.
    strictTransportSecurity: { maxAge: 180 * 86_400, includeSubDomains: false },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(429, 'rate_limited', `too many requests; retry in ${ctx.after}`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
}
export default fp(security, { name: 'security' });
