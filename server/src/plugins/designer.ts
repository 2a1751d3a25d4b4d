import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { html, page } from '../history/html.js';

/** Serves the built designer at `/` with an SPA fallback; a hint page when it is not built. */
export async function designerPlugin(app: FastifyInstance, opts: { dist: string }) {
  const built = existsSync(join(opts.dist, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: opts.dist, prefix: '/', wildcard: false, index: ['index.html'] });
  else {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(
        page('Voiceman', html`<p>The designer is not built yet: run <code>npm run build</code> at the repository root, then reload.</p>
<p>Meanwhile: <a href="/history">dialog history</a> · <a href="/docs">API documentation</a></p>`),
      ),
    );
  }
  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = path.startsWith('/api/') || path === '/api' || path.startsWith('/history') || path.startsWith('/docs');
    if (!isApi && req.method === 'GET' && built && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.code(404).send({ code: 'not_found', message: `no route ${req.method} ${path}` });
  });
}
