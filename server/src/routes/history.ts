import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { MAX_SESSION_ID } from '../repositories/validate-event.js';
import { redactStored } from '../settings/history.js';
import { typed } from '../plugins/typed.js';
import { historyQuery, LOGIN_SCRIPT, loginPage, sessionPage, sessionsPage, toFilter } from '../history/pages.js';

const PAGE_SIZE = 50;
/** Events on one timeline page: a 10,000-event session is 20 pages, not one 16 MiB answer. */
export const TIMELINE_PAGE = 500;

export default async function historyRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { events } = app.repos;

  app.get('/history', {
    config: { access: 'page' },
    schema: {
      tags: ['history'],
      description: 'Sessions list (HTML), newest first, filtered and paginated.',
      querystring: historyQuery,
      response: { 200: { type: 'string', description: 'text/html' } },
    },
  }, async (req, reply) => {
    const pageNo = req.query.page ?? 1;
    const result = await events.listSessions(toFilter(req.query), pageNo, PAGE_SIZE);
    return reply.type('text/html; charset=utf-8').send(sessionsPage(req.query, result, pageNo, PAGE_SIZE));
  });

  app.get('/history/sessions/:sessionId', {
    config: { access: 'page' },
    schema: {
      tags: ['history'],
      description: "A session's timeline (HTML): prompts, what was heard with confidence, transitions, WMS calls, errors, durations.",
      params: { type: 'object', required: ['sessionId'], properties: { sessionId: { type: 'string', minLength: 1, maxLength: MAX_SESSION_ID } } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { after: { type: 'integer', minimum: -1, maximum: 2_147_483_647, description: `the page of events after this seq (${TIMELINE_PAGE} a page; the page links to the next)` } },
      },
      response: { 200: { type: 'string', description: 'text/html' } },
    },
  }, async (req, reply) => {
    const found = await events.session(req.params.sessionId, { afterSeq: req.query.after, limit: TIMELINE_PAGE });
    if (!found) throw new HttpError(404, 'not_found', `session ${req.params.sessionId} not found`);
    // Events stored before a secret was set were not redacted at ingest: hide today's secrets too.
    const shown = await redactStored(app.repos.settings, found.session.siteId, found.events);
    return reply.type('text/html; charset=utf-8').send(sessionPage(found.session, shown, { after: req.query.after, more: found.more }));
  });

  app.get('/login', {
    config: { access: 'public' },
    schema: { hide: true, querystring: { type: 'object', properties: { next: { type: 'string', maxLength: 2000 } } } },
  }, async (req, reply) => reply.type('text/html; charset=utf-8').send(loginPage(req.query.next ?? '/history')));

  app.get('/login.js', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(LOGIN_SCRIPT));
}
