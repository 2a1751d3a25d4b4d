/**
 * Operator speech settings. A terminal reads and writes the settings of an operator at its own
 * site (the site comes from the token, never from the request): operator ids come from the
 * site's WMS, the same id elsewhere is someone else. Not tied to logged sessions: an operator
 * signing on for the first time has none yet, and events reach the server later than the
 * "louder" that should be kept.
 */
import type { FastifyInstance } from 'fastify';
import { currentTerminal } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errors, siteId } from '../schemas.js';
import { operatorId } from './terminal-schemas.js';

const settingsBody = {
  type: 'object', required: ['rate', 'pitch', 'volume'], additionalProperties: false,
  properties: {
    rate: { type: 'number', minimum: 0.25, maximum: 4, description: 'speech rate, 1 = normal' },
    pitch: { type: 'number', minimum: 0.25, maximum: 4, description: '1 = normal' },
    volume: { type: 'number', minimum: 0, maximum: 1 },
    language: { anyOf: [{ type: 'string', enum: ['en', 'ru'] }, { type: 'null' }], description: "null: the process's default" },
  },
} as const;
const stored = {
  type: 'object',
  required: ['siteId', 'operatorId', 'rate', 'pitch', 'volume', 'language', 'updatedAt', 'updatedBy'],
  additionalProperties: false,
  properties: {
    siteId: { type: 'string' }, operatorId: { type: 'string' }, ...settingsBody.properties,
    updatedAt: { type: ['string', 'null'] }, updatedBy: { type: ['string', 'null'] },
  },
} as const;
const params = { type: 'object', required: ['operatorId'], properties: { operatorId } } as const;

export async function operatorAdminRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { operatorSettings } = app.repos;
  app.get('/api/operators', {
    config: { access: 'admin' },
    schema: {
      tags: ['admin'],
      description: 'Operators whose speech settings were changed, per site.',
      querystring: { type: 'object', additionalProperties: false, properties: { siteId } },
      response: { 200: { type: 'array', items: stored }, ...errors },
    },
  }, async (req) => operatorSettings.list(req.query.siteId));
}

export async function operatorTerminalRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { operatorSettings } = app.repos;
  app.get('/api/terminal/v1/operators/:operatorId/settings', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: "The operator's speech settings at the terminal's site; the defaults (updatedAt null) for an operator who changed none.",
      params,
      response: { 200: stored, ...errors },
    },
  }, async (req) => operatorSettings.get(currentTerminal(req).siteId, req.params.operatorId));

  app.put('/api/terminal/v1/operators/:operatorId/settings', {
    config: { access: 'terminal' },
    schema: {
      tags: ['terminal'],
      description: 'Stores the settings the operator asked for ("louder", "slower") at the terminal\'s site.',
      params,
      body: settingsBody,
      response: { 200: stored, ...errors },
    },
  }, async (req) => {
    const t = currentTerminal(req);
    return operatorSettings.put(t.siteId, req.params.operatorId, { ...req.body, language: req.body.language ?? null }, t.id);
  });
}
