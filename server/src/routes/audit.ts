/**
 * The audit log for the console: filtered pages (newest first, paged by id) and the same
 * filters as a CSV file. The log itself (table, `app.audit.record`) is `src/audit/`.
 */
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import type { AuditFilter, AuditRecord } from '../audit/audit-repository.js';
import { HttpError } from '../errors.js';
import { typed } from '../plugins/typed.js';
import { auditPageSchema } from '../console-admin-schemas.js';
import { errors } from '../schemas.js';

/** Rows one CSV export holds at most (the answer says when it stopped: `x-audit-truncated`). */
export const MAX_EXPORT_ROWS = 100_000;
const PAGE = 10_000;

const filterProps = {
  action: { type: 'string', minLength: 1, maxLength: 100, description: 'exact action, e.g. `user.disable`' },
  actor: { type: 'string', minLength: 1, maxLength: 100, description: 'exact username (or `system`)' },
  target: { type: 'string', minLength: 1, maxLength: 200, description: 'text the target contains (any case)' },
  from: { type: 'string', format: 'date-time', description: 'at or after (ISO 8601)' },
  to: { type: 'string', format: 'date-time', description: 'before (ISO 8601)' },
} as const;

const filterQuery = { type: 'object', additionalProperties: false, properties: filterProps } as const;
type FilterQuery = FromSchema<typeof filterQuery>;

function filterOf(q: FilterQuery): AuditFilter {
  const f: AuditFilter = { action: q.action, actor: q.actor, target: q.target };
  if (q.from !== undefined) f.from = new Date(q.from);
  if (q.to !== undefined) f.to = new Date(q.to);
  if (f.from && f.to && f.from >= f.to) throw new HttpError(400, 'bad_range', `from (${q.from}) must be before to (${q.to})`);
  return f;
}

/** A cell a spreadsheet would run as a formula (`=HYPERLINK(…)` in a terminal's name) is kept as text. */
const inert = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const json = (v: unknown) => (v === null || v === undefined ? '' : inert(JSON.stringify(v)));
const csvRow = (e: AuditRecord) => [String(e.id), e.at, inert(e.actor), e.address ?? '', inert(e.action), inert(e.target), json(e.before), json(e.after)];

export default async function auditRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { audit } = app.repos;

  app.get('/api/audit', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: 'Audit log entries, newest first, `limit` per page (default 100). The next page: the same query with `before` = the answer\'s `nextBefore` (null: no more).',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { ...filterProps, before: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER }, limit: { type: 'integer', minimum: 1, maximum: 1000 } },
      },
      response: {
        200: auditPageSchema,
        ...errors,
      },
    },
  }, async (req) => {
    const limit = req.query.limit ?? 100;
    // One more than asked says whether another page exists.
    const rows = await audit.list({ ...filterOf(req.query), before: req.query.before, limit: limit + 1 });
    const entries = rows.slice(0, limit).map((e) => ({ ...e, before: e.before ?? null, after: e.after ?? null, address: e.address ?? null }));
    return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
  });

  app.get('/api/audit/csv', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: `The entries the same filters select, newest first, as CSV (at most ${MAX_EXPORT_ROWS.toLocaleString('en')} rows; \`x-audit-truncated: true\` when there were more). before/after are JSON; a cell starting with = + - @ is prefixed with ' so a spreadsheet shows it as text.`,
      querystring: filterQuery,
      produces: ['text/csv'],
      response: { 200: { type: 'string', description: 'text/csv' }, ...errors },
    },
  }, async (req, reply) => {
    const filter = filterOf(req.query);
    const rows: string[][] = [['id', 'at', 'actor', 'address', 'action', 'target', 'before', 'after']];
    let before: number | undefined;
    let truncated = false;
    for (;;) {
      const page = await audit.list({ ...filter, before, limit: Math.min(PAGE, MAX_EXPORT_ROWS - (rows.length - 1)) });
      for (const e of page) rows.push(csvRow(e));
      if (page.length === 0) break;
      before = page[page.length - 1]!.id;
      if (rows.length - 1 >= MAX_EXPORT_ROWS) {
        // Full: one more entry past the last one means the file is not the whole selection.
        truncated = (await audit.list({ ...filter, before, limit: 1 })).length > 0;
        break;
      }
      if (page.length < PAGE) break;
    }
    reply.header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    if (truncated) reply.header('x-audit-truncated', 'true');
    return reply.type('text/csv; charset=utf-8').send(stringify(rows, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ }));
  });
}
