import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';

/**
 * The Content-Security-Policy the designer works under: its own scripts and workers only (no
 * inline script anywhere, the login page included), inline styles allowed (React Flow positions
 * nodes with style attributes, Monaco injects style elements). No `upgrade-insecure-requests`:
 * a site may serve plain HTTP on its LAN.
 */
const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      // The simulator may stream its inspection to a Stately inspector at a WebSocket URL the tester gives.
        connectSrc: ["'self'", 'ws:', 'wss:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Browsers ignore HSTS on plain HTTP; behind TLS it keeps the site on HTTPS.
  strictTransportSecurity: { maxAge: 180 * 86_400, includeSubDomains: false },
};

/**
 * helmet's headers, computed once: they do not depend on the request, and helmet run per
 * request (as @fastify/helmet does) rebuilds its middleware each time, which doubled the CPU of
 * a terminal's 304 poll.
 */
export function securityHeaders(options = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
    getHeader: (name: string) => headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, () => (done = true));
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Security headers on every answer a browser reads (pages, designer files, browser API, errors);
 * the terminal API (devices, polled) skips them. Rate limiting is opt-in per route
 * (`config.rateLimit`), answered as 429 `rate_limited` with Retry-After in the documented shape.
 */
async function security(app: FastifyInstance) {
  const headers = securityHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    if (req.routeOptions.config?.access !== 'terminal') reply.headers(headers);
    done();
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(429, 'rate_limited', `too many requests; retry in ${ctx.after}`, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }),
  });
}
export default fp(security, { name: 'security' });
