import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import { currentTerminal } from '../plugins/access.js';
import type { IncomingEvent } from '../repositories/events.js';
import { retentionStart } from '../retention.js';
import { groupedIngest } from '../ingest-group.js';
import { checkEvent } from '../repositories/validate-event.js';
import type { RulesEntry } from '../rules-cache.js';
import { rulesEncoding } from '../rules-encoding.js';
import { bearer } from '../plugins/auth.js';
import { tokenExpiresAt } from '../repositories/terminals.js';
import { anyJson, errors, tokenAnswer } from '../schemas.js';
import { deliveredSettings, redactIngest } from '../settings/terminal.js';
import { heartbeatAnswer, heartbeatBody, offer, operatorId } from './terminal-schemas.js';
import { typed } from '../plugins/typed.js';

export const MAX_BATCH = 500;

const machinesQuery = {
  type: 'object', additionalProperties: false,
  properties: { operatorId: { ...operatorId, description: 'The operator signed on, if any: a staged rollout to a group of operators serves their version.' } },
} as const;
export const EVENTS_BODY_LIMIT = 1024 * 1024;

export default async function terminalRoutes(fastify: FastifyInstance, opts: { retentionMonths?: number }) {
  const app = typed(fastify);
  const { events, terminals, shellReleases } = app.repos;
  // Concurrent POSTs of a site go to PostgreSQL as one statement (./ingest-group.ts).
  const ingest = groupedIngest(events.ingest);

  // On the plain instance: the answer is bytes made once per ETag (the rules cache), which the
  // schema describes as JSON but the type provider cannot type; the rest is typed from its schema.
  fastify.get<{ Querystring: FromSchema<typeof machinesQuery> }>('/api/terminal/v1/machines', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: "Machines deployed to the terminal's site (a staged rollout whose group holds this terminal, or the `operatorId` sent, replaces its process's version), each with the site's settings for it (`input`, `settings`, `secrets`: the dialog's options). Send If-None-Match with the last ETag to get 304 when nothing changed (a changed setting changes the ETag).",
      headers: { type: 'object', properties: { 'if-none-match': { type: 'string' } } },
      querystring: machinesQuery,
      response: {
        200: {
          type: 'object',
          properties: {
            site: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, environment: { type: 'string' } } },
            processes: {
              type: 'array',
              items: { type: 'object', properties: { processKey: { type: 'string' }, versionNumber: { type: 'integer' }, hash: { type: 'string' }, machine: anyJson, ...deliveredSettings } },
            },
          },
        },
        304: { type: 'null' },
        ...errors,
      },
    },
  }, (req, reply) => {
    const terminal = currentTerminal(req);
    const siteId = terminal.siteId;
    const who = { terminalId: terminal.id, operatorId: req.query.operatorId };
    // Returns nothing: the reply is sent here, and a handler that returns undefined after
    // sending costs fastify no further checks (a cache hit whose bytes are ready never creates a promise).
    const send = (entry: RulesEntry): undefined | Promise<undefined> => {
      // Appended: CORS has already said `Vary: Origin` for the Android shell's WebView.
      const vary = reply.getHeader('vary');
      reply.header('etag', entry.etag).header('cache-control', 'no-cache').header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
      const inm = req.headers['if-none-match'];
      if (inm && (inm === entry.etag || inm.split(',').some((t) => t.trim() === entry.etag))) {
        reply.code(304).send();
        return;
      }
      reply.type('application/json; charset=utf-8');
      // A fleet's start downloads the whole rules on every terminal: compressed when accepted,
      // with bytes made once per ETag (rules-encoding.ts). Already JSON / bytes: sent as they are.
      const encoding = rulesEncoding(req.headers['accept-encoding']);
      if (!encoding) {
        reply.send(entry.body);
        return;
      }
      const sendBytes = (bytes: Buffer): undefined => {
        reply.header('content-encoding', encoding).send(bytes);
      };
      const bytes = app.rulesCache.encoded(entry, encoding);
      return Buffer.isBuffer(bytes) ? sendBytes(bytes) : bytes.then(sendBytes);
    };
    const cached = app.rulesCache.peek(siteId, who);
    return cached ? send(cached) : app.rulesCache.get(siteId, who).then(send);
  });

  app.post('/api/terminal/v1/events', {
    config: { access: 'terminal', checksItems: true },
    bodyLimit: EVENTS_BODY_LIMIT,
    schema: {
      tags: ['terminal'],
      description: `Idempotent batch ingest (at most ${MAX_BATCH} events, 1 MiB). Each event is checked on its own: the answer names the stored, duplicate and rejected ids.`,
      body: {
        type: 'object', required: ['events'], additionalProperties: false,
        // Items are any JSON: each is checked on its own (checkEvent), so one malformed item is refused by name, not the batch.
        properties: { events: { type: 'array', maxItems: MAX_BATCH, items: anyJson } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            stored: { type: 'array', items: { type: 'string' } },
            duplicates: { type: 'array', items: { type: 'string' } },
            rejected: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const terminal = currentTerminal(req);
    const valid: IncomingEvent[] = [];
    const rejected: { id: string; code: string; message: string }[] = [];
    const now = Date.now();
    // A re-sent event from a dropped month would bring it back: retention must not be undoable.
    const earliest = opts.retentionMonths ? retentionStart(opts.retentionMonths, new Date(now)) : undefined;
    for (const raw of req.body.events) {
      const c = checkEvent(raw, terminal.id, now, earliest);
      if (c.ok) valid.push(c.event);
      else rejected.push({ id: c.id, code: c.code, message: c.message });
    }
    const undeployed = await app.deployedVersions.unknown(terminal.siteId, valid);
    for (const e of undeployed) {
      rejected.push({ id: e.id, code: 'not_deployed', message: `version ${e.versionHash} of ${e.processKey} was never deployed to site ${terminal.siteId}` });
    }
    const kept = undeployed.size ? valid.filter((e) => !undeployed.has(e)) : valid;
    await redactIngest(app.rulesCache, terminal.siteId, kept);
    const res = await ingest(terminal.siteId, kept);
    return { stored: res.stored, duplicates: res.duplicates, rejected: [...rejected, ...res.rejected] };
  });

  app.post('/api/terminal/v1/token', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: 'Rotates this terminal\'s token: answers a new one; the token used for this call keeps working for the grace period. Calling again with that old token (the answer was lost) issues another new token.',
      response: { 200: tokenAnswer, ...errors },
    },
  }, async (req) => {
    const t = currentTerminal(req);
    const rotated = await terminals.rotateToken(t.id, app.tokenPolicy.graceSeconds, bearer(req));
    app.terminalTokens.forgetTerminal(t.id);
    return { token: rotated.token, expiresAt: tokenExpiresAt(rotated.issuedAt, app.tokenPolicy) };
  });

  app.post('/api/terminal/v1/heartbeat', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: 'What the terminal runs and how it is. Old clients send only shellVersion, runtimeVersion and machines. The answer offers `update` (web app) / `apk` (Android shell) when a release newer than webVersion / shellVersion (semver) exists.',
      body: heartbeatBody,
      response: { 200: heartbeatAnswer, ...errors },
    },
  }, async (req) => {
    const t = currentTerminal(req);
    const body = req.body;
    const [lastSeenAt, web, apk] = await Promise.all([
      terminals.heartbeat(t.id, body),
      shellReleases.newerThan('web', body.webVersion),
      shellReleases.newerThan('apk', body.shellVersion),
    ]);
    return {
      lastSeenAt,
      ...(web && { update: { webVersion: web.version, ...offer(web) } }),
      ...(apk && { apk: { version: apk.version, ...offer(apk) } }),
    };
  });
}
