import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { errors } from '../schemas.js';
import { typed } from '../plugins/typed.js';

const tableName = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' } as const;
const row = {
  type: 'object', required: ['key', 'value'], additionalProperties: false,
  properties: { key: { type: 'string', minLength: 1, maxLength: 200 }, value: { type: 'string', maxLength: 2000 } },
} as const;
const table = {
  type: 'object',
  properties: { name: { type: 'string' }, revision: { type: 'integer' }, rows: { type: 'array', items: row }, updatedAt: { type: 'string' }, updatedBy: { type: 'string' } },
  additionalProperties: false,
} as const;

export default async function referenceRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { reference } = app.repos;
  const params = { type: 'object', required: ['name'], properties: { name: tableName } } as const;

  app.get('/api/reference/:name', {
    config: { access: 'user' },
    schema: { tags: ['reference'], params, response: { 200: table, ...errors } },
  }, async (req) => reference.get(req.params.name));

  app.put('/api/reference/:name', {
    config: { access: 'admin' },
    schema: {
      tags: ['reference'],
      description: 'Replaces the rows; each PUT makes a new revision.',
      params,
      body: { type: 'object', required: ['rows'], additionalProperties: false, properties: { name: tableName, rows: { type: 'array', maxItems: 10000, items: row } } },
      response: { 200: table, ...errors },
    },
  }, async (req) => {
    const keys = new Set<string>();
    for (const r of req.body.rows) {
      if (keys.has(r.key)) throw new HttpError(400, 'duplicate_key', `key ${r.key} appears twice`);
      keys.add(r.key);
    }
    const before = await reference.find(req.params.name);
    const saved = await reference.put(req.params.name, req.body.rows, currentUser(req).username);
    await app.audit.record(req, {
      action: 'reference.update',
      target: `${req.params.name} r${saved.revision}`,
      before: before ? { revision: before.revision, rows: before.rows.length } : null,
      after: { revision: saved.revision, rows: saved.rows.length },
    });
    return saved;
  });
}
