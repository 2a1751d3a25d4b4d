import type { FastifyInstance } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { typed } from '../plugins/typed.js';
import { errors, processKey, siteId } from '../schemas.js';
import { checkSiteValue, environmentChange, presentValue, siteDefinition } from '../settings/changes.js';
import { browserView, resolveDialogSettings } from '../settings/resolve.js';
import { effective, environment, environmentPutBody, revision, setting, settingName, siteSettings, siteValue, value } from '../settings/schemas.js';

const effectiveQuery = {
  type: 'object', additionalProperties: false,
  properties: { processKey, version: { type: 'string', pattern: '^(draft|[1-9][0-9]{0,8})$' } },
} as const;
const toVersion = (v: string | undefined) => (v === undefined ? undefined : v === 'draft' ? 'draft' : Number(v));
/** What the effective-settings routes answer: a site's or an environment's view, optionally for a process. */
const effectiveView = (fastify: FastifyInstance, scope: { siteId: string } | { environment: string }, q: FromSchema<typeof effectiveQuery>) =>
  resolveDialogSettings(fastify.repos, { ...scope, processKey: q.processKey, version: toVersion(q.version) }).then(browserView);

/**
 * Site settings: admins write, every user reads (secrets only as `{ secret: true, set }`), every
 * change is a revision. A change reaches terminals through the rules cache, invalidated here.
 */
export default async function settingsRoutes(fastify: FastifyInstance) {
  const app = typed(fastify);
  const repo = app.repos.settings;
  const envParams = { type: 'object', required: ['environment'], properties: { environment } } as const;
  const envNameParams = { type: 'object', required: ['environment', 'name'], properties: { environment, name: settingName } } as const;
  const siteParams = { type: 'object', required: ['siteId'], properties: { siteId } } as const;
  const siteNameParams = { type: 'object', required: ['siteId', 'name'], properties: { siteId, name: settingName } } as const;

  app.get('/api/environments/:environment/settings', {
    config: { access: 'user' },
    schema: { tags: ['settings'], description: "The environment's settings (definitions and environment-wide values).", params: envParams, response: { 200: { type: 'array', items: setting }, ...errors } },
  }, async (req) => (await repo.environmentSettings(req.params.environment)).map((s) => ({ ...s, value: presentValue(s) })));

  app.put('/api/environments/:environment/settings/:name', {
    config: { access: 'admin' },
    schema: {
      tags: ['settings'],
      description: 'Defines or changes a setting of the environment. `value` absent keeps the stored one; `null` leaves each site to set its own. A secret is never shown again.',
      params: envNameParams,
      body: environmentPutBody,
      response: { 200: setting, ...errors },
    },
  }, async (req) => {
    const { environment: env, name } = req.params;
    const existing = (await repo.environmentSettings(env)).find((s) => s.name === name);
    const { def, value: v } = environmentChange(name, req.body, existing);
    if (existing && existing.type !== def.type) {
      const sites = await repo.sitesWithValue(env, name);
      if (sites.length) throw new HttpError(409, 'setting_type_in_use', `${name} cannot change type: sites ${sites.join(', ')} have their own values; delete those first`, { sites });
    }
    if (existing?.secret && !def.secret) {
      const sites = await repo.sitesWithValue(env, name);
      if (sites.length) throw new HttpError(409, 'setting_secret_in_use', `${name} cannot stop being secret: sites ${sites.join(', ')} hold secret values; delete those first`, { sites });
    }
    const saved = await repo.putEnvironment(env, def, v, currentUser(req).username, async (tx) => app.settings.verifySites(tx, await repo.sitesOf(env, tx)));
    app.rulesCache.invalidate();
    return { ...saved, value: presentValue(saved) };
  });

  app.delete('/api/environments/:environment/settings/:name', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], description: 'Removes the setting from the environment (refused while sites have their own values or a deployed process needs it).', params: envNameParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const { environment: env, name } = req.params;
    const sites = await repo.sitesWithValue(env, name);
    if (sites.length) throw new HttpError(409, 'setting_in_use', `${name} is still set by sites ${sites.join(', ')}; delete those values first`, { sites });
    await repo.deleteEnvironment(env, name, currentUser(req).username, async (tx) => app.settings.verifySites(tx, await repo.sitesOf(env, tx)));
    app.rulesCache.invalidate();
    return reply.code(204).send(null);
  });

  app.get('/api/sites/:siteId/settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'], description: "The site's own values (over its environment's).", params: siteParams,
      response: { 200: siteSettings, ...errors },
    },
  }, async (req) => {
    const { environment: env, settings } = await repo.effectiveForSite(req.params.siteId);
    const { values } = await repo.siteSettings(req.params.siteId);
    const defs = new Map(settings.map((s) => [s.name, s]));
    return {
      siteId: req.params.siteId,
      environment: env,
      values: values.map((v) => {
        const def = defs.get(v.name);
        const secret = def?.secret ?? false;
        return { ...v, type: def?.type, secret, value: presentValue({ secret, value: v.value }) };
      }),
    };
  });

  app.put('/api/sites/:siteId/settings/:name', {
    config: { access: 'admin' },
    schema: {
      tags: ['settings'],
      description: "Sets the site's own value of a setting defined for its environment (or of a runtime.* setting).",
      params: siteNameParams,
      body: { type: 'object', required: ['value'], additionalProperties: false, properties: { value } },
      response: { 200: siteValue, ...errors },
    },
  }, async (req) => {
    const { siteId: id, name } = req.params;
    const { environment: env } = await repo.siteOf(id);
    const def = siteDefinition(name, env, await repo.definition(env, name));
    const v = checkSiteValue(def, req.body.value);
    const saved = await repo.putSite(id, def, v, currentUser(req).username, (tx) => app.settings.verifySites(tx, [id]));
    app.rulesCache.invalidate(id);
    return { ...saved, type: def.type, secret: def.secret, value: presentValue({ secret: def.secret, value: saved.value }) };
  });

  app.delete('/api/sites/:siteId/settings/:name', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], description: "Removes the site's own value (the environment's applies again); refused when a deployed process would lack it.", params: siteNameParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const { siteId: id, name } = req.params;
    const { environment: env } = await repo.siteOf(id);
    const def = siteDefinition(name, env, await repo.definition(env, name));
    await repo.deleteSite(id, def, currentUser(req).username, (tx) => app.settings.verifySites(tx, [id]));
    app.rulesCache.invalidate(id);
    return reply.code(204).send(null);
  });

  app.get('/api/settings/revisions', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'],
      description: 'Every change (who, when, what), newest first; secret values are never kept. Page back with `before` = the last id.',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: { environment, siteId, name: settingName, limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 }, before: { type: 'integer', minimum: 1 } },
      },
      response: { 200: { type: 'array', items: revision }, ...errors },
    },
  }, async (req) => {
    const rows = await repo.history({ environment: req.query.environment, siteId: req.query.siteId, name: req.query.name, limit: req.query.limit ?? 100, before: req.query.before });
    return rows.map((r) => ({ ...r, value: r.secret ? { secret: true, set: r.action === 'set' } : r.value }));
  });

  const effectiveSchema = { tags: ['settings'], querystring: effectiveQuery, response: { 200: effective, ...errors } } as const;
  app.get('/api/sites/:siteId/effective-settings', {
    config: { access: 'user' },
    schema: {
      ...effectiveSchema, params: siteParams,
      description: 'The settings in force at the site; with `processKey`, what a dialog of it gets there (its inputs, the runtime settings, what is missing). `version`: `draft` or a number (default: the one deployed at the site, else the latest).',
    },
  }, async (req) => effectiveView(app, { siteId: req.params.siteId }, req.query));
  app.get('/api/environments/:environment/effective-settings', {
    config: { access: 'user' },
    schema: {
      ...effectiveSchema, params: envParams,
      description: "The environment's settings (no site's values); with `processKey`, what a dialog of it gets. `version`: `draft` or a number (default: the latest).",
    },
  }, async (req) => effectiveView(app, { environment: req.params.environment }, req.query));
}
