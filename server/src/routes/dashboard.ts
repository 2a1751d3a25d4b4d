/** Dashboard figures over the dialog log: per site and process per bucket, and per node of a process (the canvas heatmap). */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { totals, type Bucket } from '../repositories/dashboard.js';
import { errors, processKey, siteId } from '../schemas.js';

/** The longest period one request may cover: a quarter in hours, a year in days (the chart's points). */
const MAX_BUCKETS = { hour: 24 * 93, day: 366 } as const;
const MAX_NODE_PERIOD_MS = 366 * 24 * 3_600_000;

const period = {
  from: { type: 'string', format: 'date-time', description: 'start of the period (inclusive), ISO 8601' },
  to: { type: 'string', format: 'date-time', description: 'end of the period (exclusive), ISO 8601' },
} as const;
const rateSchema = { type: ['number', 'null'], description: 'null when nothing was counted' } as const;
const figures = {
  sessions: { type: 'integer', description: 'sessions that started in the bucket' },
  sessionsPerHour: { type: 'number' },
  completed: { type: 'integer', description: 'of them, ended done' },
  failed: { type: 'integer', description: 'of them, ended in error' },
  completionRate: { ...rateSchema, description: 'completed / (completed + failed)' },
  meanTaskMs: { ...rateSchema, description: 'mean start-to-end time of the completed sessions' },
  answers: { type: 'integer', description: 'hypothesis events (recognised utterances)' },
  noMatches: { type: 'integer' },
  repeats: { type: 'integer', description: 'answers that were the word "repeat"' },
  noMatchRate: rateSchema,
  repeatRate: rateSchema,
  wmsRequests: { type: 'integer', description: 'WMS request attempts' },
  wmsErrors: { type: 'integer' },
  wmsErrorRate: rateSchema,
} as const;
const nodeFigures = {
  type: 'object',
  properties: {
    state: { type: 'string', description: "the machine state's id (a node id of the flow; a subflow's nodes carry its prefix)" },
    answers: { type: 'integer' }, noMatches: { type: 'integer' }, repeats: { type: 'integer' },
    noMatchRate: rateSchema, repeatRate: rateSchema,
    promptToAnswerMs: { ...rateSchema, description: 'mean time from the prompt starting to the answer' },
    answerToNextPromptMs: { ...rateSchema, description: "mean time from an answer here (one that meant something) to the next prompt starting" },
  },
} as const;

function checkPeriod(fromText: string, toText: string): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  if (!(from.getTime() < to.getTime())) throw new HttpError(400, 'invalid_period', '`from` must be before `to`');
  return { from, to };
}

export default async function dashboardRoutes(app: FastifyInstance) {
  const { dashboard } = app.repos;

  app.get<{ Querystring: { siteId: string; processKey?: string; from: string; to: string; bucket?: Bucket } }>('/api/dashboard/summary', {
    config: { access: 'user' },
    schema: {
      tags: ['dashboard'],
      description: 'Figures of a site (and a process, or all) over a period, per UTC hour or day, and their totals.',
      querystring: {
        type: 'object', additionalProperties: false, required: ['siteId', 'from', 'to'],
        properties: { siteId, processKey, ...period, bucket: { type: 'string', enum: ['hour', 'day'], default: 'hour' } },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            siteId: { type: 'string' }, processKey: { type: ['string', 'null'] }, from: { type: 'string' }, to: { type: 'string' }, bucket: { type: 'string' },
            totals: { type: 'object', properties: figures },
            buckets: { type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, ...figures } } },
          },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const { from, to } = checkPeriod(req.query.from, req.query.to);
    const bucket = req.query.bucket ?? 'hour';
    const span = (to.getTime() - from.getTime()) / (bucket === 'hour' ? 3_600_000 : 86_400_000);
    if (span > MAX_BUCKETS[bucket]) throw new HttpError(400, 'period_too_long', `a period of at most ${MAX_BUCKETS[bucket]} ${bucket}s per request`);
    const f = { siteId: req.query.siteId, processKey: req.query.processKey, from, to, bucket };
    const buckets = await dashboard.summary(f);
    return { siteId: f.siteId, processKey: f.processKey ?? null, from: from.toISOString(), to: to.toISOString(), bucket, totals: totals(buckets, f), buckets };
  });

  app.get<{ Querystring: { processKey: string; siteId?: string; from: string; to: string } }>('/api/dashboard/nodes', {
    config: { access: 'user' },
    schema: {
      tags: ['dashboard'],
      description: "Per node of a process (at a site, or all) over a period: no-match and repeat rates and the two waits (the canvas heatmap's data).",
      querystring: { type: 'object', additionalProperties: false, required: ['processKey', 'from', 'to'], properties: { processKey, siteId, ...period } },
      response: {
        200: {
          type: 'object',
          properties: { processKey: { type: 'string' }, siteId: { type: ['string', 'null'] }, from: { type: 'string' }, to: { type: 'string' }, nodes: { type: 'array', items: nodeFigures } },
        },
        ...errors,
      },
    },
  }, async (req) => {
    const { from, to } = checkPeriod(req.query.from, req.query.to);
    if (to.getTime() - from.getTime() > MAX_NODE_PERIOD_MS) throw new HttpError(400, 'period_too_long', 'a period of at most 366 days per request');
    const nodes = await dashboard.nodes({ processKey: req.query.processKey, siteId: req.query.siteId, from, to });
    return { processKey: req.query.processKey, siteId: req.query.siteId ?? null, from: from.toISOString(), to: to.toISOString(), nodes };
  });
}
