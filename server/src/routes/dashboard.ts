/** Dashboard figures over the dialog log: per site and process per bucket, and per node of a process (the canvas heatmap). */
import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { totals, wholeHours } from '../repositories/dashboard.js';
import { typed } from '../plugins/typed.js';
import { dashboardNodesSchema, dashboardSummarySchema, nodesQuery, summaryQuery } from '../dashboard-schemas.js';
import { errors } from '../schemas.js';

/** The longest period one request may cover: a quarter in hours, a year in days (the chart's points). */
const MAX_BUCKETS = { hour: 24 * 93, day: 366 } as const;
const MAX_NODE_PERIOD_MS = 366 * 24 * 3_600_000;

function checkPeriod(fromText: string, toText: string): { from: Date; to: Date } {
  const from = new Date(fromText);
  const to = new Date(toText);
  if (!(from.getTime() < to.getTime())) throw new HttpError(400, 'invalid_period', '`from` must be before `to`');
  // The rollup holds whole UTC hours.
  return wholeHours(from, to);
}

export default async function dashboardRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const { dashboard } = app.repos;

  app.get('/api/dashboard/summary', {
    config: { access: 'user' },
    schema: {
      tags: ['dashboard'],
      description: 'Figures of a site (and a process, or all) over a period, per UTC hour or day, and their totals.',
      querystring: summaryQuery,
      response: {
        200: dashboardSummarySchema,
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

  app.get('/api/dashboard/nodes', {
    config: { access: 'user' },
    schema: {
      tags: ['dashboard'],
      description: "Per node of a process (at a site, or all) over a period: no-match and repeat rates and the two waits (the canvas heatmap's data).",
      querystring: nodesQuery,
      response: {
        200: dashboardNodesSchema,
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
