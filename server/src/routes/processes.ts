import type { FastifyInstance } from 'fastify';
import { compileDraft, hasErrors } from '../compile.js';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { anyJson, diagnostics, errorSchema, errors, flowGraph, name, positiveInt, exampleGraph, processDraftSchema as draft, processKey, processSummarySchema as summary, scenarioGate, versionSummarySchema as versionSummary } from '../schemas.js';
import { publishScenarios } from '../scenarios/schemas.js';
import { scenarioGateCheck } from '../scenarios/gate.js';

const keyParams = { type: 'object', required: ['key'], properties: { key: processKey } } as const;

export default async function processRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { processes, versions } = app.repos;
  // Validate and publish compile on worker threads, never on the event loop (compile-pool.ts).
  const compiler = app.compilePool;

  app.get('/api/processes', {
    config: { access: 'user' },
    schema: {
      tags: ['processes'],
      querystring: { type: 'object', properties: { q: { type: 'string', maxLength: 200 } } },
      response: { 200: { type: 'array', items: summary }, ...errors },
    },
  }, async (req) => processes.list(req.query.q));

  app.post('/api/processes', {
    config: { access: 'editor' },
    schema: {
      tags: ['processes'],
      body: {
        type: 'object', required: ['key', 'name'], additionalProperties: false, properties: { key: processKey, name, graph: flowGraph },
        examples: [{ key: 'greet', name: 'Greeting' }],
      },
      response: { 201: draft, ...errors },
    },
  }, async (req, reply) => {
    const created = await processes.create(req.body.key, req.body.name, req.body.graph, currentUser(req).username);
    reply.header('etag', `"${created.revision}"`);
    return reply.code(201).send(created);
  });

  app.get('/api/processes/:key', {
    config: { access: 'user' },
    schema: { tags: ['processes'], params: keyParams, response: { 200: draft, ...errors } },
  }, async (req, reply) => {
    const p = await processes.require(req.params.key);
    reply.header('etag', `"${p.revision}"`);
    return p;
  });

  app.put('/api/processes/:key/draft', {
    config: { access: 'editor' },
    schema: {
      tags: ['processes'],
      description: 'Saves the draft if `revision` (or the If-Match ETag) is the current one; otherwise 409 with the current draft.',
      params: keyParams,
      headers: { type: 'object', properties: { 'if-match': { type: 'string' } } },
      body: {
        type: 'object', required: ['graph'], additionalProperties: false, properties: { graph: flowGraph, revision: positiveInt },
        examples: [{ graph: exampleGraph, revision: 1 }],
      },
      response: { 200: { type: 'object', properties: { revision: { type: 'integer' }, updatedAt: { type: 'string' } } }, ...errors },
    },
  }, async (req, reply) => {
    const ifMatch = req.headers['if-match'];
    const fromHeader = typeof ifMatch === 'string' ? Number(ifMatch.replace(/^W\//, '').replace(/"/g, '')) : undefined;
    const revision = req.body.revision ?? fromHeader;
    if (revision === undefined || !Number.isInteger(revision) || revision < 1 || revision > positiveInt.maximum) {
      throw new HttpError(400, 'revision_required', 'send the revision you edited (body `revision` or If-Match)');
    }
    const res = await processes.saveDraft(req.params.key, req.body.graph, revision, currentUser(req).username);
    if (!res.ok) {
      const { revision: r, graph, updatedAt, updatedBy } = res.current;
      throw new HttpError(409, 'revision_conflict', `the draft is at revision ${r}; you edited ${revision}`, {
        current: { revision: r, graph, updatedAt, updatedBy },
      });
    }
    reply.header('etag', `"${res.draft.revision}"`);
    return { revision: res.draft.revision, updatedAt: res.draft.updatedAt };
  });

  app.patch('/api/processes/:key', {
    config: { access: 'editor' },
    schema: {
      tags: ['processes'], params: keyParams,
      description: 'Renames the process (editors) and/or sets its `scenarioGate` (admins only: 403 otherwise).',
      body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name, scenarioGate } },
      response: { 200: draft, ...errors },
    },
  }, async (req) => {
    const user = currentUser(req);
    const { name: newName, scenarioGate: gate } = req.body;
    if (gate !== undefined && user.role !== 'admin') throw new HttpError(403, 'forbidden', 'only an admin sets whether failing scenarios block publishing');
    let p = gate === undefined ? undefined : await processes.setScenarioGate(req.params.key, gate);
    if (newName !== undefined) p = await processes.rename(req.params.key, newName, user.username);
    return p;
  });

  app.post('/api/processes/:key/duplicate', {
    config: { access: 'editor' },
    schema: {
      tags: ['processes'], params: keyParams,
      body: { type: 'object', required: ['key', 'name'], additionalProperties: false, properties: { key: processKey, name } },
      response: { 201: draft, ...errors },
    },
  }, async (req, reply) => reply.code(201).send(await processes.duplicate(req.params.key, req.body.key, req.body.name, currentUser(req).username)));

  app.delete('/api/processes/:key', {
    config: { access: 'editor' },
    schema: { tags: ['processes'], params: keyParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    await processes.remove(req.params.key);
    return reply.code(204).send(null);
  });

  app.post('/api/processes/:key/validate', {
    config: { access: 'user' },
    schema: {
      tags: ['versions'], params: keyParams,
      response: { 200: { type: 'object', required: ['ok', 'revision', 'diagnostics'], properties: { ok: { type: 'boolean' }, revision: { type: 'integer' }, diagnostics }, additionalProperties: false }, ...errors, 503: errorSchema },
    },
  }, async (req) => {
    const p = await processes.require(req.params.key);
    const result = await compileDraft(compiler, app.repos, p.graph);
    return { ok: !hasErrors(result), revision: p.revision, diagnostics: result.diagnostics };
  });

  app.post('/api/processes/:key/versions', {
    config: { access: 'admin' },
    schema: {
      tags: ['versions'],
      description: 'Compiles the draft at `revision` on the server and freezes it as the next version. 409 `no_change` `{number, hash}` when the machine is the latest version\'s (same hash), unless `allowSame: true`.',
      params: keyParams,
      body: {
        type: 'object', required: ['revision'], additionalProperties: false,
        properties: {
          note: { type: 'string', maxLength: 2000 }, revision: positiveInt,
          force: { type: 'boolean', description: 'Does not bypass a `block` scenario gate: the server enforces it' },
          allowSame: { type: 'boolean', description: 'publish even when the machine equals the latest version\'s (same hash)' },
        },
        examples: [{ note: 'First release', revision: 3 }],
      },
      response: { 201: { type: 'object', properties: { number: { type: 'integer' }, hash: { type: 'string' }, diagnostics, scenarios: publishScenarios } }, ...errors, 503: errorSchema },
    },
  }, async (req, reply) => {
    const p = await processes.require(req.params.key);
    if (p.revision !== req.body.revision) {
      throw new HttpError(409, 'revision_conflict', `the draft is at revision ${p.revision}; you are publishing ${req.body.revision}`, {
        current: { revision: p.revision, graph: p.graph, updatedAt: p.updatedAt, updatedBy: p.updatedBy },
      });
    }
    const result = await compileDraft(compiler, app.repos, p.graph);
    if (result.unpublished.length > 0) {
      throw new HttpError(422, 'subflow_unpublished', `publish ${result.unpublished.join(', ')} first: a subflow runs its callee's published version`, { processKeys: result.unpublished });
    }
    if (hasErrors(result) || result.machine === undefined || typeof result.hash !== 'string') {
      throw new HttpError(422, 'flow_has_errors', 'the draft has errors; fix them before publishing', { diagnostics: result.diagnostics });
    }
    const latest = await versions.latestHash(p.key);
    if (latest && latest.hash === result.hash && req.body.allowSame !== true) {
      throw new HttpError(409, 'no_change', `nothing changed since version ${latest.number} (same machine, hash ${result.hash.slice(0, 12)}); send allowSame: true to publish it again`, latest);
    }
    // The process's scenarios on the very machine about to be frozen (422 scenarios_failed under `block`).
    const scenarios = await scenarioGateCheck(app.scenarioRunner, p, result.machine, result.hash, currentUser(req).username);
    const v = await versions.insert({
      processKey: p.key, revision: p.revision, graph: p.graph, machine: result.machine, hash: result.hash,
      note: req.body.note ?? '', author: currentUser(req).username, callees: result.callees,
    });
    await app.audit.record(req, { action: 'version.publish', target: `${p.key}@${v.number}`, after: { number: v.number, hash: v.hash, note: req.body.note ?? '', revision: p.revision } });
    return reply.code(201).send({ number: v.number, hash: v.hash, diagnostics: result.diagnostics, ...(scenarios ? { scenarios } : {}) });
  });

  app.get('/api/processes/:key/versions', {
    config: { access: 'user' },
    schema: { tags: ['versions'], params: keyParams, response: { 200: { type: 'array', items: versionSummary }, ...errors } },
  }, async (req) => versions.list(req.params.key));

  app.get('/api/processes/:key/versions/:number', {
    config: { access: 'user' },
    schema: {
      tags: ['versions'],
      params: { type: 'object', required: ['key', 'number'], properties: { key: processKey, number: positiveInt } },
      response: {
        200: {
          type: 'object',
          properties: {
            ...versionSummary.properties, graph: anyJson, machine: anyJson,
            callees: {
              type: 'array', description: 'Published callee versions the machine inlines.',
              items: { type: 'object', required: ['processKey', 'number'], properties: { processKey: { type: 'string' }, number: { type: 'integer' } }, additionalProperties: false },
            },
          },
          additionalProperties: false,
        },
        ...errors,
      },
    },
  }, async (req) => versions.get(req.params.key, req.params.number));
}
