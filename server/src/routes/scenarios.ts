/**
 * Scenarios stored with a process (any user reads and writes them), their runs on the server
 * (any user starts one; progress by polling the run), and the nightly run (admin).
 * Contract: /work/helpers/SCENARIOS-API.md, documented in docs/api.md.
 */
import type { FastifyInstance } from 'fastify';
import type { Scenario } from '@voiceman/simulator';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errorSchema, errors, processKey } from '../schemas.js';
import { runReport, storedScenario, targetSchema } from '../scenarios/schemas.js';
import { acceptScenario, badScenario, SCENARIO_LIMITS } from '../scenarios/validate.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const keyParams = { type: 'object', required: ['key'], properties: { key: processKey } } as const;
const scenarioParams = { type: 'object', required: ['key', 'id'], properties: { key: processKey, id: uuid } } as const;
const scenarioBody = {
  type: 'object', required: ['scenario'], additionalProperties: false,
  // The scenario's own fields are checked by the simulator's parseScenario (400 bad_scenario with the field).
  properties: { scenario: { type: 'object', description: 'A scenario, format v1 (docs/scenario-format.md); `process` is set to :key' } },
} as const;

/** A scenario is at most 1 MiB; the envelope and JSON escapes get room on top. */
const SCENARIO_BODY_LIMIT = 2 * 1024 * 1024;
/** An import of a whole process's scenarios. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

export default async function scenarioRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { scenarios, scenarioRuns, processes } = app.repos;
  const runner = app.scenarioRunner;

  app.get('/api/processes/:key/scenarios', {
    config: { access: 'user' },
    schema: {
      tags: ['scenarios'], description: 'The scenarios of a process by name, each with its result in the newest finished run that ran it.',
      params: keyParams, response: { 200: { type: 'array', items: storedScenario }, ...errors },
    },
  }, async (req) => {
    await processes.require(req.params.key);
    return scenarios.list(req.params.key);
  });

  app.post('/api/processes/:key/scenarios', {
    config: { access: 'user' },
    bodyLimit: SCENARIO_BODY_LIMIT,
    schema: {
      tags: ['scenarios'], description: `Stores a scenario (its name unique in the process; at most ${SCENARIO_LIMITS.perProcess} per process, ${SCENARIO_LIMITS.steps} steps and 1 MiB each).`,
      params: keyParams, body: scenarioBody, response: { 201: storedScenario, ...errors },
    },
  }, async (req, reply) => {
    const scenario = acceptScenario(req.body.scenario, req.params.key);
    return reply.code(201).send(await scenarios.create(req.params.key, scenario, currentUser(req).username));
  });

  app.post('/api/processes/:key/scenarios/import', {
    config: { access: 'user' },
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      tags: ['scenarios'],
      description: 'Upserts by name in one transaction (the same import twice changes nothing); all or nothing: one bad scenario is a 400 with its `index`. `replace` also deletes the scenarios the import does not name.',
      params: keyParams,
      body: {
        type: 'object', required: ['scenarios'], additionalProperties: false,
        properties: { scenarios: { type: 'array', maxItems: SCENARIO_LIMITS.perProcess, items: { type: 'object' } }, replace: { type: 'boolean' } },
      },
      response: {
        200: {
          type: 'object', required: ['created', 'updated', 'unchanged', 'removed'], additionalProperties: false,
          properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, removed: { type: 'integer' } },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const accepted: Scenario[] = [];
    const names = new Map<string, number>();
    req.body.scenarios.forEach((value, index) => {
      const scenario = acceptScenario(value, req.params.key, index);
      const first = names.get(scenario.name);
      if (first !== undefined) throw badScenario('/name', `the name ${JSON.stringify(scenario.name)} is also scenario ${first + 1}'s; names are unique in a process`, index);
      names.set(scenario.name, index);
      accepted.push(scenario);
    });
    return scenarios.importAll(req.params.key, accepted, req.body.replace ?? false, currentUser(req).username);
  });

  app.get('/api/processes/:key/scenarios/:id', {
    config: { access: 'user' },
    schema: { tags: ['scenarios'], params: scenarioParams, response: { 200: storedScenario, ...errors } },
  }, async (req) => scenarios.get(req.params.key, req.params.id));

  app.put('/api/processes/:key/scenarios/:id', {
    config: { access: 'user' },
    bodyLimit: SCENARIO_BODY_LIMIT,
    schema: {
      tags: ['scenarios'], description: 'Replaces a scenario (a new name is a rename; a name another scenario has is 409).',
      params: scenarioParams, body: scenarioBody, response: { 200: storedScenario, ...errors },
    },
  }, async (req) => scenarios.update(req.params.key, req.params.id, acceptScenario(req.body.scenario, req.params.key), currentUser(req).username));

  app.delete('/api/processes/:key/scenarios/:id', {
    config: { access: 'user' },
    schema: { tags: ['scenarios'], params: scenarioParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    await scenarios.remove(req.params.key, req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/processes/:key/scenario-runs', {
    config: { access: 'user' },
    schema: {
      tags: ['scenarios'],
      description: "Runs the process's scenarios (or those of `scenarioIds`) on the server against the draft (compiled now: 422 `draft_invalid` with diagnostics) or a version. 202 at once; poll GET /api/scenario-runs/:id.",
      params: keyParams,
      body: {
        type: 'object', required: ['target'], additionalProperties: false,
        properties: { target: targetSchema, scenarioIds: { type: 'array', minItems: 1, maxItems: SCENARIO_LIMITS.perProcess, uniqueItems: true, items: uuid } },
      },
      response: { 202: { type: 'object', properties: { id: { type: 'string' } } }, ...errors, 503: errorSchema },
    },
  }, async (req, reply) => {
    await processes.require(req.params.key);
    const id = await runner.start({ processKey: req.params.key, target: req.body.target, trigger: 'manual', by: currentUser(req).username, scenarioIds: req.body.scenarioIds });
    return reply.code(202).send({ id });
  });

  app.get('/api/processes/:key/scenario-runs', {
    config: { access: 'user' },
    schema: {
      tags: ['scenarios'], description: 'Runs of the process, newest first (results without their views).',
      params: keyParams,
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
      response: { 200: { type: 'array', items: runReport }, ...errors },
    },
  }, async (req) => {
    await processes.require(req.params.key);
    return scenarioRuns.list(req.params.key, req.query.limit ?? 20);
  });

  app.get('/api/scenario-runs/:id', {
    config: { access: 'user' },
    schema: {
      tags: ['scenarios'], description: 'A run: progress while it runs (poll every ~300 ms), then every result and the coverage.',
      params: { type: 'object', required: ['id'], properties: { id: uuid } }, response: { 200: runReport, ...errors },
    },
  }, async (req) => scenarioRuns.get(req.params.id));

  app.post('/api/scenario-runs/nightly', {
    config: { access: 'admin' },
    schema: {
      tags: ['scenarios'], description: "Starts the nightly job now: every process's scenarios against its draft and each deployed version, one run after the other.",
      response: { 202: { type: 'object', properties: { ids: { type: 'array', items: { type: 'string' } } } }, ...errors, 503: errorSchema },
    },
  }, async (req, reply) => reply.code(202).send({ ids: await runner.nightly(currentUser(req).username) }));
}
