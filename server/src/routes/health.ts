import type { FastifyInstance } from 'fastify';
import { typed } from '../plugins/typed.js';
import { errorSchema } from '../schemas.js';

export default async function healthRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  app.get('/healthz', {
    config: { access: 'public' },
    schema: {
      tags: ['health'],
      response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, database: { type: 'string' } } }, 503: errorSchema },
    },
  }, async (_req, reply) => {
    try {
      await app.db.query('SELECT 1');
      return { ok: true, database: app.db.kind };
    } catch {
      return reply.code(503).send({ code: 'database_unreachable', message: 'the database does not answer' });
    }
  });
}
