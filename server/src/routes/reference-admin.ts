/**
 * The console's reference tables: the list, revision history (who, when, which versions froze
 * each revision), a revision's rows, CSV export and import. Reading and editing one table's
 * current rows is `routes/reference.ts`.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { parseReferenceCsv, referenceCsv } from '../reference/csv.js';
import { rowChanges } from '../reference/rows.js';
import { importResultSchema, referenceRevisionSchema, referenceSummarySchema } from '../console-admin-schemas.js';
import { errors, positiveInt } from '../schemas.js';
import { referenceTableName, referenceTableSchema } from './reference.js';

/** A CSV of 10,000 rows with long values fits; the import's own limit is the row count. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const params = { type: 'object', required: ['name'], properties: { name: referenceTableName } } as const;
export default async function referenceAdminRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { reference, referenceHistory } = app.repos;

  app.get('/api/reference', {
    config: { access: 'user' },
    schema: {
      tags: ['reference'],
      description: 'Every reference table with its newest revision.',
      response: {
        200: {
          type: 'array',
          items: referenceSummarySchema,
        },
        ...errors,
      },
    },
  }, async () => referenceHistory.list());

  app.get('/api/reference/:name/revisions', {
    config: { access: 'user' },
    schema: {
      tags: ['reference'],
      description: 'Every revision of a table, newest first: who saved it and when, and the published versions that froze it (a version freezes the revision it read at publish).',
      params,
      response: {
        200: {
          type: 'array',
          items: referenceRevisionSchema,
        },
        ...errors,
      },
    },
  }, async (req) => referenceHistory.revisions(req.params.name));

  app.get('/api/reference/:name/revisions/:revision', {
    config: { access: 'user' },
    schema: {
      tags: ['reference'],
      params: { type: 'object', required: ['name', 'revision'], properties: { name: referenceTableName, revision: positiveInt } },
      response: { 200: referenceTableSchema, ...errors },
    },
  }, async (req) => referenceHistory.revision(req.params.name, req.params.revision));

  app.get('/api/reference/:name/csv', {
    config: { access: 'user' },
    schema: {
      tags: ['reference'],
      description: 'The rows as CSV (`key,value` header, RFC 4180 quoting, CRLF): the newest revision, or `revision`.',
      params,
      querystring: { type: 'object', additionalProperties: false, properties: { revision: positiveInt } },
      produces: ['text/csv'],
      response: { 200: { type: 'string', description: 'text/csv' }, ...errors },
    },
  }, async (req, reply) => {
    const table = req.query.revision === undefined ? await reference.get(req.params.name) : await referenceHistory.revision(req.params.name, req.query.revision);
    reply.header('content-disposition', `attachment; filename="${table.name}-r${table.revision}.csv"`);
    return reply.type('text/csv; charset=utf-8').send(referenceCsv(table.rows));
  });

  app.post('/api/reference/:name/import', {
    config: { access: 'admin' },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['reference'],
      description: "Replaces the table's rows with a CSV (`key,value` header; `reference.import`). `dryRun` answers what would change and saves nothing. `baseRevision`: the revision the admin looked at; another revision saved since is 409 `stale_revision`. A file with problems is 400 `bad_csv` with each problem's line; identical rows save no new revision (`saved: false`).",
      params,
      body: {
        type: 'object', required: ['csv'], additionalProperties: false,
        properties: {
          csv: { type: 'string', maxLength: IMPORT_BODY_LIMIT },
          dryRun: { type: 'boolean' },
          baseRevision: { type: ['integer', 'null'], minimum: 1, maximum: 2_147_483_647, description: 'null: the table must not exist yet' },
        },
        examples: [{ csv: 'key,value\r\nDMG,damaged\r\nMIS,missing\r\n', dryRun: true }],
      },
      response: {
        200: importResultSchema,
        ...errors,
      },
    },
  }, async (req) => {
    const parsed = parseReferenceCsv(req.body.csv);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      throw new HttpError(400, 'bad_csv', `line ${first.line}: ${first.message}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : ''}`, { problems: parsed.problems });
    }
    const current = await reference.find(req.params.name);
    const base = req.body.baseRevision;
    // Checked here for the dry run's sake, and again under the table's lock when saving.
    if (base !== undefined && (current?.revision ?? null) !== base) {
      throw new HttpError(409, 'stale_revision', `${req.params.name} is at revision ${current?.revision ?? 'none'} now, not ${base ?? 'none'}: someone saved it meanwhile; look again before importing`, { revision: current?.revision ?? null });
    }
    const changes = rowChanges(current?.rows ?? [], parsed.rows);
    const same = current !== undefined && changes.added.length + changes.changed.length + changes.removed.length === 0 && current.rows.every((r, i) => parsed.rows[i]?.key === r.key);
    if (req.body.dryRun || same) return { saved: false, changes, revision: current?.revision ?? null };
    const saved = await reference.put(req.params.name, parsed.rows, currentUser(req).username, current?.revision ?? null);
    await app.audit.record(req, {
      action: 'reference.import',
      target: `${req.params.name} r${saved.revision}`,
      before: current ? { revision: current.revision, rows: current.rows.length } : null,
      after: { revision: saved.revision, rows: saved.rows.length, added: changes.added.length, changed: changes.changed.length, removed: changes.removed.length },
    });
    return { saved: true, changes, revision: saved.revision };
  });
}
