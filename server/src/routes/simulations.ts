/**
 * Simulations on the server (testers, designers, admins): open one on a draft or a published
 * version, answer it, step back, restart, read it, close it. Plus the WMS allow-list (admin)
 * and the browser simulator's WMS proxy, which forwards only under those base URLs.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpRequest, JsonValue } from '@voiceman/runtime';
import { inputProblems, MAX_STUB_DELAY_MS, SimulationStateError, stubProblems, type SimInput, type WmsStubs } from '@voiceman/simulator';
import type { Repositories } from '../app.js';
import { HttpError } from '../errors.js';
import { resolveDialogSettings } from '../settings/resolve.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { anyJson, errors, processKey } from '../schemas.js';
import { MachineCache, machineFor } from '../simulations/machines.js';
import { SimulationManager, type SimulationLimits } from '../simulations/sessions.js';
import { forwardWms, normaliseBase, MAX_WMS_TIMEOUT_MS, WmsForwardError } from '../simulations/wms-forward.js';

const MAX_TEXT = 1000;

const simInput = {
  oneOf: [
    {
      type: 'object', required: ['kind', 'text'], additionalProperties: false,
      properties: { kind: { const: 'speech' }, text: { type: 'string', maxLength: MAX_TEXT }, confidence: { type: 'number', minimum: 0, maximum: 1 } },
    },
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'silence' } } },
    { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { const: 'unclear' } } },
  ],
} as const;

const stubAnswer = {
  oneOf: [
    {
      type: 'object', required: ['status'], additionalProperties: false,
      properties: {
        status: { type: 'integer', minimum: 100, maximum: 599 }, body: anyJson,
        headers: { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 2000 } },
        delayMs: { type: 'number', minimum: 0, maximum: MAX_STUB_DELAY_MS },
      },
    },
    { type: 'object', required: ['timeout'], additionalProperties: false, properties: { timeout: { const: true } } },
    { type: 'object', required: ['networkError'], additionalProperties: false, properties: { networkError: { type: 'string', maxLength: 500 } } },
  ],
} as const;

const view = {
  type: 'object',
  description: 'The simulation as the tester sees it (SimView of @voiceman/simulator).',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['waiting', 'busy', 'done', 'error'] },
    stateId: { type: ['string', 'null'] },
    activeStates: { type: 'array', items: { type: 'string' } },
    expecting: anyJson, transcript: { type: 'array', items: anyJson }, variables: anyJson, lastChanged: anyJson,
    events: { type: 'array', items: anyJson }, visited: anyJson, edges: anyJson,
    steps: { type: 'integer' }, result: anyJson,
  },
} as const;
const viewReply = { type: 'object', required: ['view'], additionalProperties: false, properties: { view } } as const;
const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
const environmentName = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' } as const;
const environmentParams = { type: 'object', required: ['id'], properties: { id: environmentName } } as const;
const wmsBases = { type: 'object', required: ['environment', 'bases'], additionalProperties: false, properties: { environment: { type: 'string' }, bases: { type: 'array', items: { type: 'string' } } } } as const;
const wmsFailure = { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } } as const;

export interface SimulationRoutesOptions {
  limits?: SimulationLimits;
}

/** The simulator's own errors as API errors. */
function mapped(error: unknown): never {
  if (error instanceof SimulationStateError) throw new HttpError(409, 'not_waiting', error.message);
  if (error instanceof RangeError || error instanceof TypeError) throw new HttpError(400, 'invalid_request', error.message);
  throw error;
}

/** The environment whose settings a simulation takes when the request names neither a site nor an environment. */
export const SIMULATION_ENVIRONMENT = 'development';

/** The settings a dialog of `key` gets where the tester runs it; none where that place is unknown and was not named. */
async function simulationSettings(repos: Repositories, key: string, version: 'draft' | number, siteId?: string, environment?: string) {
  try {
    const resolved = await resolveDialogSettings(repos, siteId ? { siteId, processKey: key, version } : { environment: environment ?? SIMULATION_ENVIRONMENT, processKey: key, version });
    return resolved.process?.delivered;
  } catch (error) {
    if (!siteId && !environment && error instanceof HttpError && error.statusCode === 404) return undefined;
    throw error;
  }
}

export default async function simulationRoutes(fastify: FastifyInstance, opts: SimulationRoutesOptions) {
  const app = typed(fastify);
  const manager = new SimulationManager(opts.limits);
  const machines = new MachineCache();
  const { wmsBases: basesRepo } = app.repos;
  app.addHook('onClose', async () => manager.closeAll());

  /** Server-side sessions call a WMS directly, under the same allow-list as the proxy. */
  const fetcher = async (request: HttpRequest) => forwardWms(request, await basesRepo.allowed());

  app.post('/api/simulations', {
    config: { access: 'user' },
    bodyLimit: 256 * 1024,
    schema: {
      tags: ['simulations'],
      description: 'Opens a simulation of a draft (compiled now) or a published version; answers once it waits for the first answer or ends.',
      body: {
        type: 'object', required: ['processKey', 'version'], additionalProperties: false,
        properties: {
          processKey,
          version: { oneOf: [{ const: 'draft' }, { type: 'integer', minimum: 1 }] },
          language: { type: 'string', enum: ['en', 'ru'] },
          input: { type: 'object', maxProperties: 200, description: 'Input variables; over the settings of the site or environment' },
          siteId: { type: 'string', minLength: 1, maxLength: 100, description: "Run with this site's settings (its values over its environment's)" },
          environment: { type: 'string', minLength: 1, maxLength: 100, description: `Run with this environment's settings (default ${SIMULATION_ENVIRONMENT} when no site is named)` },
          stubs: { type: 'object', maxProperties: 200, propertyNames: { maxLength: 300 }, additionalProperties: { type: 'array', minItems: 1, maxItems: 50, items: stubAnswer } },
        },
      },
      response: { 201: { type: 'object', required: ['id', 'view'], additionalProperties: false, properties: { id: { type: 'string' }, view } }, ...errors, 429: errors[400] },
    },
  }, async (req, reply) => {
    const { processKey: key, version, language, siteId, environment } = req.body;
    // A parsed JSON body holds only JSON: where the schema says "any JSON" ({}), its type says unknown.
    const stubs = req.body.stubs as WmsStubs | undefined;
    const tester = req.body.input as Record<string, JsonValue> | undefined;
    const { machine, versionHash } = await machineFor(app.repos, app.compiler, machines, key, version);
    if (language && !machine.meta.languages.includes(language)) {
      throw new HttpError(400, 'bad_language', `process ${key} speaks ${machine.meta.languages.join(', ')}, not ${language}`);
    }
    // As a terminal at that site would run it: the site's settings as input, the tester's values over them.
    const delivered = await simulationSettings(app.repos, key, version, siteId, environment);
    const input = delivered || tester ? { ...delivered?.input, ...tester } : undefined;
    const problems = [...stubProblems(machine, stubs), ...inputProblems(machine, input)];
    if (problems.length) throw new HttpError(400, stubProblems(machine, stubs).length ? 'bad_stub' : 'bad_input', problems.join('; '));
    const user = currentUser(req);
    const created = await manager.create(user.id, {
      machine, processKey: key, versionHash, fetcher, operatorId: user.username,
      ...(language ? { language } : {}), ...(input ? { input } : {}), ...(stubs ? { stubs } : {}),
      ...(delivered ? { settings: delivered.settings, secrets: delivered.secrets } : {}),
    }, delivered ? delivered.secrets.map((name) => delivered.input[name]).filter((v): v is string => typeof v === 'string') : []).catch(mapped);
    return reply.code(201).send(created);
  });

  app.get('/api/simulations/:id', {
    config: { access: 'user' },
    schema: { tags: ['simulations'], params: idParams, response: { 200: viewReply, ...errors } },
  }, async (req) => ({ view: await manager.use(currentUser(req).id, req.params.id, (s) => s.view()) }));

  app.post('/api/simulations/:id/input', {
    config: { access: 'user' },
    schema: {
      tags: ['simulations'], description: 'Answers the waiting ask: speech (text, confidence), silence (its timeout fires at once) or unclear (a no-match).',
      params: idParams, body: simInput, response: { 200: viewReply, ...errors },
    },
  }, async (req) => ({ view: await manager.use(currentUser(req).id, req.params.id, (s) => s.send(req.body)).catch(mapped) }));

  app.post('/api/simulations/:id/back', {
    config: { access: 'user' },
    schema: {
      tags: ['simulations'], description: 'Back to the moment before answer number toStep + 1 (0: before the first answer).',
      params: idParams,
      body: { type: 'object', required: ['toStep'], additionalProperties: false, properties: { toStep: { type: 'integer', minimum: 0 } } },
      response: { 200: viewReply, ...errors },
    },
  }, async (req) => ({ view: await manager.use(currentUser(req).id, req.params.id, (s) => s.stepBack(req.body.toStep)).catch(mapped) }));

  app.post('/api/simulations/:id/restart', {
    config: { access: 'user' },
    schema: { tags: ['simulations'], params: idParams, response: { 200: viewReply, ...errors } },
  }, async (req) => ({ view: await manager.use(currentUser(req).id, req.params.id, (s) => s.restart()).catch(mapped) }));

  app.delete('/api/simulations/:id', {
    config: { access: 'user' },
    schema: { tags: ['simulations'], params: idParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    manager.remove(currentUser(req).id, req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/environments/:id/wms-bases', {
    config: { access: 'admin' },
    schema: { tags: ['simulations'], description: 'The WMS base URLs simulations may call in this environment.', params: environmentParams, response: { 200: wmsBases, ...errors } },
  }, async (req) => basesRepo.get(req.params.id));

  app.put('/api/environments/:id/wms-bases', {
    config: { access: 'admin' },
    schema: {
      tags: ['simulations'], description: 'Replaces the list. Each base: http(s), no credentials, query or fragment; stored with a trailing slash.',
      params: environmentParams,
      body: { type: 'object', required: ['bases'], additionalProperties: false, properties: { bases: { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 2000 } } } },
      response: { 200: wmsBases, ...errors },
    },
  }, async (req) => {
    const normal: string[] = [];
    for (const raw of req.body.bases) {
      const n = normaliseBase(raw);
      if ('problem' in n) throw new HttpError(400, 'bad_wms_base', n.problem);
      if (!normal.includes(n.base)) normal.push(n.base);
    }
    return basesRepo.put(req.params.id, normal, currentUser(req).username);
  });

  app.post('/api/simulator/wms', {
    config: { access: 'user' },
    bodyLimit: 1024 * 1024,
    schema: {
      tags: ['simulations'],
      description: 'Forwards one WMS request of a browser simulation, only to URLs under a configured WMS base (of environmentId, or of any environment); 403 wms_not_allowed otherwise, 502 wms_unreachable / wms_timeout.',
      body: {
        type: 'object', required: ['request'], additionalProperties: false,
        properties: {
          environmentId: environmentName,
          request: {
            type: 'object', required: ['method', 'url'], additionalProperties: false,
            properties: {
              method: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
              url: { type: 'string', minLength: 1, maxLength: 4000 },
              headers: { type: 'object', maxProperties: 50, additionalProperties: { type: 'string', maxLength: 4000 } },
              body: anyJson,
              timeoutMs: { type: 'integer', minimum: 1, maximum: 600_000 },
            },
          },
        },
      },
      response: {
        200: { type: 'object', required: ['status', 'headers'], additionalProperties: false, properties: { status: { type: 'integer' }, headers: { type: 'object', additionalProperties: { type: 'string' } }, body: anyJson } },
        ...errors, 403: wmsFailure, 502: wmsFailure,
      },
    },
  }, async (req, reply) => {
    const { environmentId, request } = req.body;
    const bases = await basesRepo.allowed(environmentId);
    try {
      const body = request.body as JsonValue | undefined; // any JSON, as parsed
      return await forwardWms({ ...request, body, headers: request.headers ?? {}, timeoutMs: request.timeoutMs ?? MAX_WMS_TIMEOUT_MS }, bases);
    } catch (error) {
      if (!(error instanceof WmsForwardError)) throw error;
      return reply.code(error.code === 'wms_not_allowed' ? 403 : 502).send({ error: error.code, code: error.code, message: error.message });
    }
  });
}
