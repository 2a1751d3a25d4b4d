import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { html, page } from '../history/html.js';

/**
 * Serves the built terminal web app (android-shell/dist/web/) under `/terminal/` (register
 * with that prefix); a 404 page naming the build command when it is not built. Its own
 * not-found handler: a missing file here is a 404, never the designer's index page.
 */
export async function terminalAppPlugin(app: FastifyInstance, opts: { dist: string }) {
  const built = existsSync(join(opts.dist, 'index.html'));
  // The soft terminal calls the site's WMS itself (any origin a site configures), so its page
  // may connect anywhere. It runs a downloaded, sha256-checked web update from a blob: URL; a
  // blob URL can only be made by script already running in the page, so `blob:` lets nothing
  // new in. Still no inline script.
  app.addHook('onSend', async (_req, reply, payload) => {
    const csp = reply.getHeader('content-security-policy');
    if (typeof csp === 'string') {
      reply.header('content-security-policy', csp.replace("connect-src 'self'", "connect-src 'self' http: https:").replace("script-src 'self'", "script-src 'self' blob:"));
    }
    return payload;
  });
  const notBuilt = () =>
    page('Terminal', html`<h1>The terminal app is not built</h1>
<p>Run <code>npm run build -w android-shell</code> at the repository root, then reload this page.</p>`);
  if (built) {
    // The app's files are relative (`./app.js`): without the slash they would resolve from `/`.
    app.get('', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const query = req.url.indexOf('?');
      return reply.redirect(`/terminal/${query >= 0 ? req.url.slice(query) : ''}`);
    });
    // `decorateReply: false`: the designer's registration already decorated the reply.
    await app.register(fastifyStatic, { root: opts.dist, prefix: '/', decorateReply: false, index: ['index.html'] });
  } else {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.code(404).type('text/html; charset=utf-8').send(notBuilt()));
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (!built) return reply.code(404).type('text/html; charset=utf-8').send(notBuilt());
    return reply.code(404).send({ code: 'not_found', message: `no file ${req.url.split('?')[0]} in the terminal app` });
  });
}
