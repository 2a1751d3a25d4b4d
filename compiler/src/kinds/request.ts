import { REQUEST_ERROR_CLASSES, urlProblem, type RequestParams, type StateJson, type TransitionJson } from '@voiceman/runtime';
import { canonicalForm } from '../canonical.js';
import { scoped } from '../compile-context.js';
import { clip } from '../lint/context.js';
import type { NodeKindDefinition } from './types.js';
import { expr, type JsonSchema, type FromDataSchema } from '../schema-parts.js';

const dataSchema = {
  type: 'object',
  required: ['method', 'url', 'timeoutMs', 'retries', 'mapping'],
  properties: {
    method: { enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    url: { type: 'string', minLength: 1, maxLength: 4000 },
    body: expr,
    headers: {
      type: 'object',
      maxProperties: 50,
      additionalProperties: { type: 'string', maxLength: 4000 },
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000 },
    retries: { type: 'integer', minimum: 0, maximum: 10 },
    /** HTTP statuses tried again within `retries`, besides timeouts and network failures (e.g. [500, 503]). */
    retryStatuses: { type: 'array', minItems: 1, maxItems: 20, uniqueItems: true, items: { type: 'integer', minimum: 400, maximum: 599 } },
    /** The wait before each retry (default: exponential from 500 ms, at most 8 s). */
    backoff: {
      type: 'object',
      required: ['type', 'delayMs'],
      properties: {
        type: { enum: ['fixed', 'exponential'] },
        delayMs: { type: 'integer', minimum: 0, maximum: 60000 },
        maxDelayMs: { type: 'integer', minimum: 0, maximum: 60000 },
      },
      additionalProperties: false,
    },
    /** Failure outcomes by class, each its own handle; a failure of a class not listed leaves through `error`. */
    errorOutcomes: { type: 'array', maxItems: 6, uniqueItems: true, items: { enum: REQUEST_ERROR_CLASSES } },
    mapping: { $ref: '#/$defs/assignments' },
    /** A GET that changes the WMS (a method other than GET always does): "back up" stops after it. */
    write: { type: 'boolean' },
  },
  additionalProperties: false,
} as const satisfies JsonSchema;

/**
 * `data` of a request node (from its schema). Outcomes: `ok`, the `errorOutcomes` it lists
 * (`notFound` 404, `conflict` 409, `clientError` other 4xx, `serverError` 5xx, `timeout`,
 * `network`), `error` for any other failure. `mapping` reads the response as `response` ({ status, body }).
 */
export type RequestData = FromDataSchema<typeof dataSchema>;

/**
 * A WMS call. Mapping expressions read the response as `response` ({ status, body, headers });
 * the runtime hands the response to the `REQUEST.OK` transition as `event`, so each mapping
 * compiles to `cel.bind(response, event, <expr>)`: the designer's expression runs unchanged.
 */
export const request: NodeKindDefinition<'request', RequestData> = {
  kind: 'request',
  label: 'WMS request',
  description: 'Calls the WMS over HTTP; maps the response into variables. Outcomes: ok, the failure classes it lists, error.',
  dataSchema,
  outcomes: (node) => ['ok', ...errorOutcomesOf(node.data), 'error'],
  defaultData: () => ({ method: 'GET', url: 'https://wms.example/api/', timeoutMs: 5000, retries: 1, mapping: [] }),
  asksOperator: () => false,
  lint: (node, ctx) => {
    const where = (field: string) => ({ nodeId: node.id, field });
    ctx.template(node.data.url, where('/url'));
    const { backoff } = node.data;
    if (backoff?.maxDelayMs !== undefined && backoff.maxDelayMs < backoff.delayMs) {
      ctx.report('request-backoff', `The backoff waits at most ${backoff.maxDelayMs} ms but starts at ${backoff.delayMs} ms: raise maxDelayMs or lower delayMs.`, where('/backoff/maxDelayMs'));
    }
    if ((node.data.retryStatuses !== undefined || backoff !== undefined) && node.data.retries === 0) {
      ctx.report('request-backoff', 'The retry policy names statuses or a backoff, but retries is 0: nothing is ever tried again. Set retries to the number of extra tries.', where('/retries'));
    }
    lintUrlStart(node.data.url, (message) => ctx.report('request-url-not-absolute', message, where('/url')));
    if (node.data.body !== undefined) ctx.expression(node.data.body, where('/body'));
    for (const [name, value] of Object.entries(node.data.headers ?? {})) ctx.template(value, where(`/headers/${name}`));
    node.data.mapping.forEach((m, i) => {
      if (m.variable === 'response') {
        // The mapping reads the response under that name, so a variable "response" is hidden there.
        ctx.report('variable-reserved', 'A mapping cannot write a variable named "response": in mappings that name is the WMS response. Rename the variable.', where(`/mapping/${i}/variable`));
      }
      const variable = ctx.variable(m.variable, where(`/mapping/${i}/variable`), 'Mapping target');
      ctx.expression(m.expr, where(`/mapping/${i}/expr`), { response: 'map' }, variable && { type: variable.type, code: 'mapping-type-mismatch', target: `Variable "${variable.name}"` });
    });
  },
  compile: (node, ctx) => {
    const { method, url, body, headers, timeoutMs, retries, retryStatuses, backoff, mapping } = node.data;
    // Keys in canonical (sorted) order, flow data in canonical form: the machine is hashed
    // without sorted copies.
    const params: RequestParams = {} as RequestParams;
    if (backoff !== undefined) params.backoff = canonicalForm(backoff);
    if (body !== undefined) params.body = body;
    if (headers !== undefined) params.headers = canonicalForm(headers);
    params.method = method;
    params.retries = retries;
    if (retryStatuses !== undefined) params.retryStatuses = retryStatuses;
    if (ctx.scope !== 'main') params.scope = ctx.scope;
    params.timeoutMs = timeoutMs;
    params.url = url;
    if (node.data.write === true && method === 'GET') params.write = true;
    let ok: TransitionJson = { target: ctx.target(node, 'ok')! };
    if (mapping.length > 0) {
      const assignments = mapping.map((m) => ({ expr: bindResponse(m.expr), variable: m.variable }));
      ok = { actions: [{ params: scoped({ assignments }, ctx.scope), type: 'vm.assign' }], target: ok.target };
    }
    // Events sorted: REQUEST.ERROR, REQUEST.OK, then the classes (lower-case after "REQUEST.").
    const on: NonNullable<StateJson['on']> = { 'REQUEST.ERROR': { target: ctx.target(node, 'error')! }, 'REQUEST.OK': ok };
    const classes = node.data.errorOutcomes;
    if (classes) for (const cls of SORTED_ERROR_CLASSES) if (classes.includes(cls)) on[`REQUEST.${cls}`] = { target: ctx.target(node, cls)! };
    return {
      entry: [{ params, type: 'vm.request' }],
      id: ctx.stateId(node.id),
      meta: ctx.meta(node),
      on,
      tags: ['request'],
    };
  },
};

const SORTED_ERROR_CLASSES = [...REQUEST_ERROR_CLASSES].sort();

/** The failure classes a request node leaves through on their own, in the order of REQUEST_ERROR_CLASSES. */
export const errorOutcomesOf = (data: RequestData): string[] => REQUEST_ERROR_CLASSES.filter((c) => data.errorOutcomes?.includes(c));

/**
 * The runtime sends only absolute http(s) URLs and inserts only a *leading* placeholder
 * unencoded; so a template that starts with text must spell out scheme and host itself before
 * its first placeholder ("https://{{ host }}/x" would arrive as "https://wms%3A4010/x").
 */
function lintUrlStart(url: string, report: (message: string) => void): void {
  const open = url.indexOf('{{');
  if (open === 0 || url.trim() === '') return;
  const literal = open < 0 ? url : url.slice(0, open);
  if (urlProblem(literal) === null) return;
  report(
    `The URL starts with "${clip(literal, 40)}", which is not an absolute http:// or https:// URL, and the terminal refuses any other: ` +
      'start it with the WMS base variable ("{{ wmsUrl }}/tasks") or write scheme and host out ("https://wms.example/tasks").',
  );
}

export const bindResponse = (expr: string): string => `cel.bind(response, event, ${expr})`;
