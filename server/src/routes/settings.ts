import type { FastifyInstance } from 'fastify';
import { HttpError } from '../errors.js';
import { currentUser } from '../plugins/access.js';
import { errors, processKey, siteId } from '../schemas.js';
import { checkSiteValue, environmentChange, presentValue, siteDefinition, type EnvironmentPut } from '../settings/changes.js';
import { MAX_DESCRIPTION, MAX_STRING_VALUE, SETTING_NAME, SETTING_TYPES } from '../settings/definitions.js';
import { browserView, resolveDialogSettings } from '../settings/resolve.js';

const environment = { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' } as const;
const settingName = { type: 'string', pattern: SETTING_NAME } as const;
/**
 * No `type`: the handler checks a value against the setting's own type, for a message naming
 * both (and so that no coercion turns `"5"` into 5 or `["x"]` into "x").
 */
const value = { description: `string (at most ${MAX_STRING_VALUE} characters), int, double or bool, as the setting's type` } as const;
/** A value as browsers see it: the value, or `{ secret: true, set }` for a secret. */
const shownValue = {} as const;
const settingType = { type: 'string', enum: SETTING_TYPES } as const;
const setting = {
  type: 'object',
  properties: {
    name: { type: 'string' }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' },
    value: shownValue, updatedAt: { type: 'string' }, updatedBy: { type: 'string' },
  },
} as const;
const siteValue = {
  type: 'object',
  properties: { name: { type: 'string' }, type: settingType, secret: { type: 'boolean' }, value: shownValue, updatedAt: { type: 'string' }, updatedBy: { type: 'string' } },
} as const;
const revision = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, environment: { type: 'string' }, siteId: { type: ['string', 'null'] }, name: { type: 'string' },
    action: { type: 'string', enum: ['set', 'delete'] }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' },
    value: shownValue, changedBy: { type: 'string' }, changedAt: { type: 'string' },
  },
} as const;
const effective = {
  type: 'object',
  properties: {
    siteId: { type: ['string', 'null'] }, environment: { type: 'string' },
    settings: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, type: settingType, description: { type: 'string' }, secret: { type: 'boolean' }, value: shownValue, source: { type: ['string', 'null'] } } },
    },
    process: {
      type: 'object',
      properties: {
        processKey: { type: 'string' }, version: { anyOf: [{ type: 'integer' }, { type: 'string' }] },
        inputs: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, type: { type: 'string' }, description: { type: 'string' }, secret: { type: 'boolean' }, value: shownValue, source: { type: ['string', 'null'] }, missing: { type: 'boolean' } },
          },
        },
        runtime: {
          type: 'object',
          properties: { confidenceThreshold: { type: 'number' }, silenceTimeoutFactor: { type: 'number' }, language: { type: 'string' } },
        },
        missing: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;
const effectiveQuery = {
  type: 'object', additionalProperties: false,
  properties: { processKey, version: { type: 'string', pattern: '^(draft|[1-9][0-9]{0,8})$' } },
} as const;
const toVersion = (v: string | undefined) => (v === undefined ? undefined : v === 'draft' ? 'draft' : Number(v));

/**
 * Site settings: admins write, every user reads (secrets only as `{ secret: true, set }`), every
 * change is a revision. A change reaches terminals through the rules cache, invalidated here.
 */
export default async function settingsRoutes(app: FastifyInstance) {
  const repo = app.repos.settings;
  const envParams = { type: 'object', required: ['environment'], properties: { environment } } as const;
  const envNameParams = { type: 'object', required: ['environment', 'name'], properties: { environment, name: settingName } } as const;
  const siteParams = { type: 'object', required: ['siteId'], properties: { siteId } } as const;
  const siteNameParams = { type: 'object', required: ['siteId', 'name'], properties: { siteId, name: settingName } } as const;

  app.get<{ Params: { environment: string } }>('/api/environments/:environment/settings', {
    config: { access: 'user' },
    schema: { tags: ['settings'], description: "The environment's settings (definitions and environment-wide values).", params: envParams, response: { 200: { type: 'array', items: setting }, ...errors } },
  }, async (req) => (await repo.environmentSettings(req.params.environment)).map((s) => ({ ...s, value: presentValue(s) })));

  app.put<{ Params: { environment: string; name: string }; Body: Omit<EnvironmentPut, 'value'> & { value?: unknown } }>('/api/environments/:environment/settings/:name', {
    config: { access: 'admin' },
    schema: {
      tags: ['settings'],
      description: 'Defines or changes a setting of the environment. `value` absent keeps the stored one; `null` leaves each site to set its own. A secret is never shown again.',
      params: envNameParams,
      body: {
        type: 'object', additionalProperties: false,
        properties: { type: settingType, description: { type: 'string', maxLength: MAX_DESCRIPTION }, secret: { type: 'boolean' }, value },
      },
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

  app.delete<{ Params: { environment: string; name: string } }>('/api/environments/:environment/settings/:name', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], description: 'Removes the setting from the environment (refused while sites have their own values or a deployed process needs it).', params: envNameParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const { environment: env, name } = req.params;
    const sites = await repo.sitesWithValue(env, name);
    if (sites.length) throw new HttpError(409, 'setting_in_use', `${name} is still set by sites ${sites.join(', ')}; delete those values first`, { sites });
    await repo.deleteEnvironment(env, name, currentUser(req).username, async (tx) => app.settings.verifySites(tx, await repo.sitesOf(env, tx)));
    app.rulesCache.invalidate();
    return reply.code(204).send();
  });

  app.get<{ Params: { siteId: string } }>('/api/sites/:siteId/settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'], description: "The site's own values (over its environment's).", params: siteParams,
      response: { 200: { type: 'object', properties: { siteId: { type: 'string' }, environment: { type: 'string' }, values: { type: 'array', items: siteValue } } }, ...errors },
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

  app.put<{ Params: { siteId: string; name: string }; Body: { value: unknown } }>('/api/sites/:siteId/settings/:name', {
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

  app.delete<{ Params: { siteId: string; name: string } }>('/api/sites/:siteId/settings/:name', {
    config: { access: 'admin' },
    schema: { tags: ['settings'], description: "Removes the site's own value (the environment's applies again); refused when a deployed process would lack it.", params: siteNameParams, response: { 204: { type: 'null' }, ...errors } },
  }, async (req, reply) => {
    const { siteId: id, name } = req.params;
    const { environment: env } = await repo.siteOf(id);
    const def = siteDefinition(name, env, await repo.definition(env, name));
    await repo.deleteSite(id, def, currentUser(req).username, (tx) => app.settings.verifySites(tx, [id]));
    app.rulesCache.invalidate(id);
    return reply.code(204).send();
  });

  app.get<{ Querystring: { environment?: string; siteId?: string; name?: string; limit?: number; before?: number } }>('/api/settings/revisions', {
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

  app.get<{ Params: { siteId: string }; Querystring: { processKey?: string; version?: string } }>('/api/sites/:siteId/effective-settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'],
      description: "The settings in force at the site; with `processKey`, what a dialog of it gets there (its inputs, the runtime settings, what is missing). `version`: `draft` or a number (default: the one deployed at the site, else the latest).",
      params: siteParams, querystring: effectiveQuery, response: { 200: effective, ...errors },
    },
  }, async (req) => browserView(await resolveDialogSettings(app.repos, { siteId: req.params.siteId, processKey: req.query.processKey, version: toVersion(req.query.version) })));

  app.get<{ Params: { environment: string }; Querystring: { processKey?: string; version?: string } }>('/api/environments/:environment/effective-settings', {
    config: { access: 'user' },
    schema: {
      tags: ['settings'],
      description: "The environment's settings (no site's values); with `processKey`, what a dialog of it gets. `version`: `draft` or a number (default: the latest).",
      params: envParams, querystring: effectiveQuery, response: { 200: effective, ...errors },
    },
  }, async (req) => browserView(await resolveDialogSettings(app.repos, { environment: req.params.environment, processKey: req.query.processKey, version: toVersion(req.query.version) })));
}
