import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { errors } from '../schemas.js';
import { typed } from '../plugins/typed.js';
import { rowProblems } from '../reference/rows.js';

/** A table's name in a path (compiler/src/reference.ts says which names CEL can read). */
export const referenceTableName = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' } as const;
const row = {
  type: 'object', required: ['key', 'value'], additionalProperties: false,
  properties: { key: { type: 'string', minLength: 1, maxLength: 200 }, value: { type: 'string', maxLength: 2000 } },
} as const;
export const referenceTableSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, revision: { type: 'integer' }, rows: { type: 'array', items: row }, updatedAt: { type: 'string' }, updatedBy: { type: 'string' } },
  additionalProperties: false,
} as const;

export default async function referenceRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { reference } = app.repos;
  const params = { type: 'object', required: ['name'], properties: { name: referenceTableName } } as const;

  app.get('/api/reference/:name', {
    config: { access: 'user' },
    schema: { tags: ['reference'], params, response: { 200: referenceTableSchema, ...errors } },
  }, async (req) => reference.get(req.params.name));

  app.put('/api/reference/:name', {
    config: { access: 'admin' },
    schema: {
      tags: ['reference'],
      description: 'Replaces the rows; each PUT makes a new revision. Keys are unique, without control characters or spaces at either end (400 `duplicate_key` / `invalid_row` naming the row). `baseRevision`: the revision the editor started from; another saved since is 409 `stale_revision` (null: the table must not exist yet).',
      params,
      body: { type: 'object', required: ['rows'], additionalProperties: false, properties: { name: referenceTableName, rows: { type: 'array', maxItems: 10000, items: row }, baseRevision: { type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647 } } },
      response: { 200: referenceTableSchema, ...errors },
    },
  }, async (req) => {
    const keys = new Set<string>();
    for (const r of req.body.rows) {
      if (keys.has(r.key)) throw new HttpError(400, 'duplicate_key', `key ${r.key} appears twice`);
      keys.add(r.key);
    }
    req.body.rows.forEach((r, i) => {
      const problems = rowProblems(r);
      if (problems.length > 0) throw new HttpError(400, 'invalid_row', `row ${i + 1}: ${problems.join('; ')}`, { row: i + 1 });
    });
    const before = await reference.find(req.params.name);
    const saved = await reference.put(req.params.name, req.body.rows, currentUser(req).username, req.body.baseRevision);
    await app.audit.record(req, {
      action: 'reference.update',
      target: `${req.params.name} r${saved.revision}`,
      before: before ? { revision: before.revision, rows: before.rows.length } : null,
      after: { revision: saved.revision, rows: saved.rows.length },
    });
    return saved;
  });
}
